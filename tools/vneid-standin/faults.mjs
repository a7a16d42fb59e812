// One-shot fault injection for relying-party tests: POST /__faults {"fault": NAME} arms a fault that
// the next POST to the token endpoint consumes (whatever its outcome); DELETE /__faults disarms.
// Only mounted for real when VNEID_STANDIN_FAULTS=1; otherwise /__faults answers 404.

import * as crypto from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';

import { read_body } from './read_body.mjs';

export const kFaultNames = [
  'tampered_signature',
  'wrong_issuer',
  'wrong_audience',
  'expired',
  'not_yet_valid',
  'wrong_nonce',
  'unknown_key',
  'drop_code_verifier',
];

const kHourSeconds = 3600;

function fresh_key_like(alg) {
  if (alg.startsWith('ES')) return crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

function flip_signature(jwt) {
  const [header, payload, signature] = jwt.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  for (let i = 0; i < 4 && i < bytes.length; i += 1) bytes[i] ^= 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

// Returns the id_token broken the way `fault` says. `signing_keys` maps kid -> private KeyObject.
async function break_id_token(id_token, fault, { signing_keys, other_client_id }) {
  if (fault === 'tampered_signature') return flip_signature(id_token);

  const header = decodeProtectedHeader(id_token);
  const claims = decodeJwt(id_token);
  const now = Math.floor(Date.now() / 1000);
  const lifetime = claims.exp - claims.iat;
  let key = signing_keys.get(header.kid);
  const new_header = { alg: header.alg, kid: header.kid, ...(header.typ ? { typ: header.typ } : {}) };

  switch (fault) {
    case 'wrong_issuer':
      claims.iss = 'https://wrong-issuer.invalid';
      break;
    case 'wrong_audience':
      claims.aud = other_client_id(claims.aud);
      break;
    case 'expired':
      claims.exp = now - kHourSeconds;
      claims.iat = claims.exp - lifetime;
      break;
    case 'not_yet_valid':
      claims.iat = now + kHourSeconds;
      claims.nbf = claims.iat;
      claims.exp = claims.iat + lifetime;
      break;
    case 'wrong_nonce':
      claims.nonce = crypto.randomBytes(16).toString('base64url');
      break;
    case 'unknown_key':
      key = fresh_key_like(header.alg);
      new_header.kid = `unknown-${crypto.randomBytes(6).toString('hex')}`;
      break;
    default:
      throw new Error(`fault ${fault} does not apply to id tokens`);
  }
  if (!key) throw new Error(`no private key for kid ${header.kid}`);
  return new SignJWT(claims).setProtectedHeader(new_header).sign(key);
}

// Koa middleware. `token_path` is the token endpoint's path; options as for break_id_token.
export function fault_routes({ enabled, token_path, signing_keys, other_client_id }) {
  let armed = null;

  return async function faults(ctx, next) {
    if (ctx.path === '/__faults') {
      if (!enabled) {
        ctx.status = 404;
        return;
      }
      if (ctx.method === 'DELETE') {
        armed = null;
        ctx.status = 204;
        return;
      }
      if (ctx.method !== 'POST') {
        ctx.status = 405;
        return;
      }
      let fault;
      try {
        ({ fault } = JSON.parse(await read_body(ctx.req)));
      } catch {
        fault = undefined;
      }
      if (!kFaultNames.includes(fault)) {
        ctx.status = 400;
        ctx.body = { error: 'unknown_fault', known: kFaultNames };
        return;
      }
      armed = fault;
      ctx.status = 204;
      return;
    }

    if (!armed || ctx.method !== 'POST' || ctx.path !== token_path) return next();

    const fault = armed;
    armed = null;
    if (fault === 'drop_code_verifier') {
      // oidc-provider reads a pre-parsed body from req.body when the stream was already consumed
      // (lib/shared/selective_body.js); a string is parsed as application/x-www-form-urlencoded.
      const params = new URLSearchParams(await read_body(ctx.req));
      params.delete('code_verifier');
      ctx.req.body = params.toString();
      return next();
    }

    await next();
    if (ctx.status === 200 && typeof ctx.body?.id_token === 'string') {
      ctx.body = {
        ...ctx.body,
        id_token: await break_id_token(ctx.body.id_token, fault, { signing_keys, other_client_id }),
      };
    }
  };
}

// What the self-check needs to act as a relying party and a browser: a cookie jar, a tiny RP that
// publishes its ES256 JWKS, the stand-in as a child process, client authentication and the sign-in walk.

import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';

import { citizens } from './citizens.mjs';

const kHere = path.dirname(fileURLToPath(import.meta.url));
const kCallbackPath = '/api/v1/auth/vneid/callback';
const kScope = 'openid profile phone national_id';
export const kSecret = 'selftest-secret';

// ---------------------------------------------------------------------------------------------
// Small helpers

function fail(message) {
  throw new Error(message);
}

export function expect(condition, message) {
  if (!condition) fail(message);
}

export function random_b64url(bytes = 32) {
  return crypto.randomBytes(bytes).toString('base64url');
}

async function free_port() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Cookies by name only: everything here is one host, and the provider reads cookies by name.
export class CookieJar {
  #cookies = new Map();

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function browse(jar, url, init = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

export function form(params) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  };
}

async function json_of(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { unparsed: text };
  }
}

// ---------------------------------------------------------------------------------------------
// The relying party: an ES256 key pair whose public half it serves at /.well-known/jwks.json.

export async function make_rp_key() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: `rp-${random_b64url(6)}`, alg: 'ES256', use: 'sig' };
  return { privateKey, jwk };
}

export async function start_rp() {
  const rp = { key: await make_rp_key() };
  rp.server = http.createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [rp.key.jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => rp.server.listen(0, '127.0.0.1', resolve));
  rp.base = `http://127.0.0.1:${rp.server.address().port}`;
  rp.redirect_uri = `${rp.base}${kCallbackPath}`;
  return rp;
}

// ---------------------------------------------------------------------------------------------
// The stand-in as a child process.

export async function start_standin(extra_env) {
  const port = await free_port();
  const child = spawn(process.execPath, [path.join(kHere, 'server.mjs')], {
    env: { ...process.env, VNEID_STANDIN_PORT: String(port), ...extra_env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stand-in not ready after 15 s:\n${output}`)), 15000);
    child.stdout.on('data', () => {
      if (output.includes(' ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stand-in exited with ${code}:\n${output}`));
    });
  });
  const issuer = `http://127.0.0.1:${port}`;
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  return {
    child, issuer, discovery, output: () => output,
    jwks: createRemoteJWKSet(new URL(discovery.jwks_uri)),
  };
}

export async function stop_standin(standin) {
  if (standin.child.exitCode !== null) return standin.child.exitCode;
  const exited = new Promise((resolve) => standin.child.once('exit', (code) => resolve(code)));
  standin.child.kill('SIGTERM');
  return exited;
}

// ---------------------------------------------------------------------------------------------
// Client authentication: private_key_jwt (ES256, aud = issuer) or client_secret_basic.

async function client_auth(ctx, client_id) {
  if (client_id === 'congdanso-basic') {
    const basic = Buffer.from(`${encodeURIComponent(client_id)}:${encodeURIComponent(kSecret)}`).toString('base64');
    return { params: {}, headers: { authorization: `Basic ${basic}` } };
  }
  const client_assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: ctx.rp.key.jwk.kid })
    .setIssuer(client_id)
    .setSubject(client_id)
    .setAudience(ctx.standin.issuer)
    .setJti(random_b64url(16))
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(ctx.rp.key.privateKey);
  return {
    headers: {},
    params: {
      client_id,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion,
    },
  };
}

async function authed_post(ctx, url, client_id, params) {
  const auth = await client_auth(ctx, client_id);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth.headers },
    body: new URLSearchParams({ ...params, ...auth.params }).toString(),
    redirect: 'manual',
  });
}

// ---------------------------------------------------------------------------------------------
// One sign-in, from the authorization request to the callback. Returns the callback's query and
// what the token request needs.

export function new_request(ctx, client_id, overrides = {}) {
  const code_verifier = random_b64url(32);
  return {
    code_verifier,
    params: {
      client_id,
      response_type: 'code',
      redirect_uri: ctx.rp.redirect_uri,
      scope: kScope,
      state: random_b64url(12),
      nonce: random_b64url(12),
      code_challenge: crypto.createHash('sha256').update(code_verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...overrides,
    },
  };
}

export async function push_request(ctx, request) {
  const response = await authed_post(ctx, ctx.standin.discovery.pushed_authorization_request_endpoint,
    request.params.client_id, request.params);
  const body = await json_of(response);
  return { status: response.status, body };
}

// Follows redirects from `url` until one leaves the stand-in; the login page is answered by
// picking `citizen` (or by the cancel link when citizen is null).
export async function follow_to_callback(ctx, jar, url, citizen) {
  let next = url;
  let init = {};
  for (let hop = 0; hop < 12; hop += 1) {
    const response = await browse(jar, next, init);
    init = {};
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get('location'), next).href;
      if (!location.startsWith(ctx.standin.issuer)) return new URL(location);
      next = location;
      continue;
    }
    const html = await response.text();
    expect(response.status === 200, `unexpected ${response.status} at ${next}: ${html.slice(0, 300)}`);
    expect(html.includes('VNeID (bản thử nghiệm / stand-in)'), `not the stand-in's login page at ${next}`);
    if (citizen === null) {
      const abort = /href="(\/interaction\/[^"]+\/abort)"/.exec(html);
      expect(abort, 'login page has no cancel link');
      next = new URL(abort[1], ctx.standin.issuer).href;
      continue;
    }
    expect(html.includes(`<button type="submit">${citizen.name}</button>`), `no button for ${citizen.name}`);
    const action = /<form method="post" action="(\/interaction\/[^"]+\/login)">/.exec(html);
    expect(action, 'login page has no login form');
    next = new URL(action[1], ctx.standin.issuer).href;
    init = form({ sub: citizen.sub });
  }
  return fail('too many redirects');
}

export async function sign_in(ctx, { client_id = 'congdanso', citizen = citizens[0], use_par = true } = {}) {
  const request = new_request(ctx, client_id);
  const authorize = new URL(ctx.standin.discovery.authorization_endpoint);
  if (use_par) {
    const pushed = await push_request(ctx, request);
    expect(pushed.status === 201, `PAR answered ${pushed.status}: ${JSON.stringify(pushed.body)}`);
    expect(pushed.body.request_uri?.startsWith('urn:ietf:params:oauth:request_uri:'), 'PAR gave no request_uri');
    authorize.search = new URLSearchParams({ client_id, request_uri: pushed.body.request_uri }).toString();
  } else {
    authorize.search = new URLSearchParams(request.params).toString();
  }
  const callback = await follow_to_callback(ctx, new CookieJar(), authorize.href, citizen);
  expect(callback.href.startsWith(ctx.rp.redirect_uri), `redirected to ${callback.href}, not the callback`);
  const query = Object.fromEntries(callback.searchParams);
  return { request, query };
}

export async function exchange(ctx, { request, query }, { drop_verifier = false } = {}) {
  const params = {
    grant_type: 'authorization_code',
    code: query.code,
    redirect_uri: request.params.redirect_uri,
    ...(drop_verifier ? {} : { code_verifier: request.code_verifier }),
  };
  const response = await authed_post(ctx, ctx.standin.discovery.token_endpoint, request.params.client_id, params);
  return { status: response.status, body: await json_of(response) };
}

export async function signed_in_tokens(ctx, options) {
  const flow = await sign_in(ctx, options);
  expect(flow.query.code, `callback has no code: ${JSON.stringify(flow.query)}`);
  const tokens = await exchange(ctx, flow);
  expect(tokens.status === 200, `token endpoint answered ${tokens.status}: ${JSON.stringify(tokens.body)}`);
  return { flow, tokens: tokens.body };
}

export function verify_id_token(ctx, id_token, client_id = 'congdanso') {
  return jwtVerify(id_token, ctx.standin.jwks, { issuer: ctx.standin.issuer, audience: client_id });
}

export async function expect_verify_error(ctx, id_token, code_name, message) {
  try {
    await verify_id_token(ctx, id_token);
  } catch (err) {
    expect(err.code === code_name, `${message}: expected ${code_name}, got ${err.code} (${err.message})`);
    return err;
  }
  return fail(`${message}: the id_token verified`);
}

export async function arm(ctx, fault) {
  const response = await fetch(`${ctx.standin.issuer}/__faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fault }),
  });
  expect(response.status === 204, `arming ${fault} answered ${response.status}`);
}

export async function faulty_id_token(ctx, fault) {
  const flow = await sign_in(ctx);
  await arm(ctx, fault);
  const tokens = await exchange(ctx, flow);
  expect(tokens.status === 200, `token endpoint answered ${tokens.status} under ${fault}`);
  return { id_token: tokens.body.id_token, nonce: flow.request.params.nonce };
}

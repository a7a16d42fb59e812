// A local stand-in for the VNeID OpenID Connect provider, for development and tests only.
// Start: node tools/vneid-standin/server.mjs   (settings in README.md beside this file)

import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { calculateJwkThumbprint } from 'jose';
import Provider from 'oidc-provider';

import { find_account } from './citizens.mjs';
import { fault_routes } from './faults.mjs';
import { interaction_routes } from './interactions.mjs';
import { error_page, logged_out_page, logout_page } from './pages.mjs';

const kHost = '127.0.0.1';
const kIdTokenAlgs = ['RS256', 'PS256', 'ES256'];
const kCallbackPath = '/api/v1/auth/vneid/callback';
const kRoutes = {
  authorization: '/authorize',
  pushed_authorization_request: '/par',
  token: '/token',
  userinfo: '/userinfo',
  jwks: '/jwks',
  end_session: '/logout',
};

function read_settings(env) {
  const port = Number(env.VNEID_STANDIN_PORT ?? 9000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad VNEID_STANDIN_PORT: ${env.VNEID_STANDIN_PORT}`);
  const id_token_alg = env.VNEID_STANDIN_ID_TOKEN_ALG ?? 'RS256';
  if (!kIdTokenAlgs.includes(id_token_alg)) throw new Error(`VNEID_STANDIN_ID_TOKEN_ALG must be one of ${kIdTokenAlgs.join(', ')}`);
  const rp_bases = (env.VNEID_STANDIN_RP ?? 'http://127.0.0.1:8080,http://localhost:8080')
    .split(',').map((base) => base.trim().replace(/\/+$/, '')).filter(Boolean);
  if (rp_bases.length === 0) throw new Error('VNEID_STANDIN_RP names no relying party');
  return {
    port,
    issuer: (env.VNEID_STANDIN_ISSUER ?? `http://${kHost}:${port}`).replace(/\/+$/, ''),
    id_token_alg,
    rp_bases,
    client_secret: env.VNEID_STANDIN_CLIENT_SECRET ?? 'standin-secret-change-me',
    faults_enabled: env.VNEID_STANDIN_FAULTS === '1',
  };
}

// Fresh signing keys on every start: RSA 2048 (RS256 and PS256, so no `alg` on the JWK) and EC P-256.
async function make_signing_keys() {
  const pairs = [
    crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
    crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ];
  const jwks = [];
  const by_kid = new Map();
  for (const { privateKey } of pairs) {
    const jwk = privateKey.export({ format: 'jwk' });
    jwk.kid = await calculateJwkThumbprint(jwk);
    jwk.use = 'sig';
    jwks.push(jwk);
    by_kid.set(jwk.kid, privateKey);
  }
  return { jwks: { keys: jwks }, by_kid };
}

function make_clients(settings) {
  const common = {
    client_name: 'Công dân số',
    application_type: 'web',
    redirect_uris: settings.rp_bases.map((base) => `${base}${kCallbackPath}`),
    post_logout_redirect_uris: settings.rp_bases.flatMap((base) => [`${base}/`, `${base}/app/`]),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    id_token_signed_response_alg: settings.id_token_alg,
  };
  return [
    {
      ...common,
      client_id: 'congdanso',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks_uri: `${settings.rp_bases[0]}/.well-known/jwks.json`,
    },
    {
      ...common,
      client_id: 'congdanso-basic',
      token_endpoint_auth_method: 'client_secret_basic',
      client_secret: settings.client_secret,
    },
  ];
}

function make_provider(settings, signing_keys) {
  const configuration = {
    clients: make_clients(settings),
    jwks: signing_keys.jwks,
    findAccount: find_account,
    scopes: ['openid', 'profile', 'email', 'phone', 'national_id'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'family_name', 'middle_name', 'given_name', 'birthdate', 'gender'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      national_id: ['national_id_number'],
    },
    responseTypes: ['code'],
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['ES256', 'RS256', 'PS256'],
      idTokenSigningAlgValues: kIdTokenAlgs,
    },
    pkce: { methods: ['S256'], required: () => true },
    routes: kRoutes,
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    cookies: {
      // Cookies ignore ports, so the relying party on the same loopback host sees these names too;
      // the prefix keeps them from clashing with its own. `secure` stays off: this is plain http.
      names: { session: 'vneid_session', interaction: 'vneid_interaction', resume: 'vneid_interaction_resume' },
      keys: [crypto.randomBytes(32).toString('base64url')],
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = logout_page({ form, client_name: ctx.oidc.client?.clientName });
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = logged_out_page({ client_name: ctx.oidc.client?.clientName });
        },
      },
    },
    clientBasedCORS: () => false,
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = error_page(out);
    },
  };
  return new Provider(settings.issuer, configuration);
}

// Logs one short line per request. Paths only: query strings carry codes and tokens.
async function log_requests(ctx, next) {
  try {
    await next();
  } finally {
    console.log(`${ctx.method} ${ctx.path} ${ctx.status}`);
  }
}

// The RP may rotate its key (a test restarts it); oidc-provider caches a jwks_uri for at least 60 s
// and does not refetch on an unknown kid within that window, so mark the cache stale before every
// client-authenticated call.
function refetch_client_jwks(provider) {
  const authenticated = new Set([kRoutes.token, kRoutes.pushed_authorization_request]);
  return async function refetch(ctx, next) {
    if (ctx.method === 'POST' && authenticated.has(ctx.path)) {
      const client = await provider.Client.find('congdanso');
      client.asymmetricKeyStore.freshUntil = 0;
    }
    return next();
  };
}

async function main() {
  const settings = read_settings(process.env);
  const signing_keys = await make_signing_keys();
  const provider = make_provider(settings, signing_keys);
  // Resolve the static clients now so a bad redirect URI fails at start, not at first sign-in.
  for (const client of make_clients(settings)) await provider.Client.find(client.client_id);

  provider.use(log_requests);
  provider.use(fault_routes({
    enabled: settings.faults_enabled,
    token_path: kRoutes.token,
    signing_keys: signing_keys.by_kid,
    other_client_id: (aud) => (aud === 'congdanso' ? 'congdanso-basic' : 'congdanso'),
  }));
  provider.use(refetch_client_jwks(provider));
  provider.use(interaction_routes(provider));

  const server = http.createServer(provider.callback());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, kHost, resolve);
  });
  console.log(`vneid-standin: issuer ${settings.issuer} ready`);

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(`vneid-standin: ${err.stack ?? err}`);
  process.exit(1);
});

// Self-check for the stand-in: starts server.mjs with faults enabled next to a tiny in-process relying
// party that publishes an ES256 JWKS, then walks the whole sign-in flow with fetch and a cookie jar.
// Run: node tools/vneid-standin/selftest.mjs   (exit 0 when every check passes)

import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import { citizens } from './citizens.mjs';
import {
  CookieJar, arm, browse, exchange, expect, expect_verify_error, faulty_id_token, follow_to_callback, form,
  make_rp_key, new_request, push_request, random_b64url, sign_in, signed_in_tokens, start_rp, start_standin,
  stop_standin, verify_id_token, kSecret,
} from './selftest_support.mjs';

// ---------------------------------------------------------------------------------------------
// The checks, in order. Each is independent of the others' outcome except for the shared servers.

const checks = [
  ['discovery names every endpoint the RP uses', async (ctx) => {
    const d = ctx.standin.discovery;
    expect(d.issuer === ctx.standin.issuer, `issuer is ${d.issuer}`);
    for (const name of ['authorization_endpoint', 'pushed_authorization_request_endpoint', 'token_endpoint',
      'userinfo_endpoint', 'jwks_uri', 'end_session_endpoint']) {
      expect(typeof d[name] === 'string' && d[name].startsWith(ctx.standin.issuer), `discovery lacks ${name}`);
    }
    expect(JSON.stringify(d.code_challenge_methods_supported) === '["S256"]', 'PKCE methods are not just S256');
    expect(d.scopes_supported.includes('national_id'), 'national_id scope not published');
    expect(d.token_endpoint_auth_methods_supported.includes('private_key_jwt'), 'private_key_jwt not published');
  }],

  ['JWKS publishes an RSA and an EC key with distinct kids', async (ctx) => {
    const { keys } = await (await fetch(ctx.standin.discovery.jwks_uri)).json();
    expect(keys.some((k) => k.kty === 'RSA') && keys.some((k) => k.kty === 'EC' && k.crv === 'P-256'), 'key types');
    expect(new Set(keys.map((k) => k.kid)).size === keys.length, 'kids are not distinct');
    expect(keys.every((k) => !('d' in k)), 'JWKS leaks private parts');
  }],

  ['PAR + private_key_jwt sign-in, token, ID token and userinfo', async (ctx) => {
    const citizen = citizens[1];
    const { flow, tokens } = await signed_in_tokens(ctx, { citizen });
    expect(flow.query.iss === ctx.standin.issuer, `callback iss is ${flow.query.iss}`);
    expect(flow.query.state === flow.request.params.state, 'state did not round-trip');
    const { payload, protectedHeader } = await verify_id_token(ctx, tokens.id_token);
    expect(protectedHeader.alg === 'RS256', `id_token alg ${protectedHeader.alg}`);
    expect(payload.sub === citizen.sub, `sub ${payload.sub}`);
    expect(payload.nonce === flow.request.params.nonce, 'nonce did not round-trip');
    expect(tokens.token_type === 'Bearer' && tokens.expires_in <= 600, 'access token type or lifetime');
    const userinfo = await (await fetch(ctx.standin.discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })).json();
    for (const claim of ['sub', 'name', 'family_name', 'given_name', 'birthdate', 'gender', 'phone_number',
      'phone_number_verified', 'national_id_number']) {
      expect(userinfo[claim] === citizen[claim], `userinfo ${claim} is ${userinfo[claim]}`);
    }
    expect(/^079\d{9}$/.test(userinfo.national_id_number), 'national_id_number is not 12 digits from 079');
    ctx.last = { flow, tokens };
  }],

  ['a replayed code is refused with invalid_grant', async (ctx) => {
    expect(ctx.last, 'needs the previous check');
    const again = await exchange(ctx, ctx.last.flow);
    expect(again.status === 400 && again.body.error === 'invalid_grant', `replay answered ${again.status} ${JSON.stringify(again.body)}`);
  }],

  ['RP-initiated logout returns to post_logout_redirect_uri with state', async (ctx) => {
    const jar = new CookieJar();
    const request = new_request(ctx, 'congdanso');
    const pushed = await push_request(ctx, request);
    const authorize = new URL(ctx.standin.discovery.authorization_endpoint);
    authorize.search = new URLSearchParams({ client_id: 'congdanso', request_uri: pushed.body.request_uri }).toString();
    const callback = await follow_to_callback(ctx, jar, authorize.href, citizens[2]);
    const tokens = await exchange(ctx, { request, query: Object.fromEntries(callback.searchParams) });
    const logout = new URL(ctx.standin.discovery.end_session_endpoint);
    const state = random_b64url(8);
    logout.search = new URLSearchParams({
      id_token_hint: tokens.body.id_token, post_logout_redirect_uri: `${ctx.rp.base}/app/`, state,
    }).toString();
    const page = await browse(jar, logout.href);
    const html = await page.text();
    expect(page.status === 200 && html.includes('Đăng xuất / Sign out'), `logout page ${page.status}`);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(html);
    expect(action, 'logout page has no form');
    const done = await browse(jar, action[1], form({ xsrf: action[2], logout: 'yes' }));
    const location = done.headers.get('location') ?? '';
    expect(location === `${ctx.rp.base}/app/?state=${state}`, `logout went to ${done.status} ${location}`);
  }],

  ['a token request without code_verifier is refused', async (ctx) => {
    const flow = await sign_in(ctx);
    const tokens = await exchange(ctx, flow, { drop_verifier: true });
    expect(tokens.status === 400 && tokens.body.error === 'invalid_grant', `answered ${tokens.status} ${JSON.stringify(tokens.body)}`);
  }],

  ['an authorization request without code_challenge is refused (PAR and plain)', async (ctx) => {
    const request = new_request(ctx, 'congdanso');
    delete request.params.code_challenge;
    delete request.params.code_challenge_method;
    const pushed = await push_request(ctx, request);
    expect(pushed.status === 400 && pushed.body.error === 'invalid_request', `PAR answered ${pushed.status} ${JSON.stringify(pushed.body)}`);
    const authorize = new URL(ctx.standin.discovery.authorization_endpoint);
    authorize.search = new URLSearchParams(request.params).toString();
    const response = await browse(new CookieJar(), authorize.href);
    const location = new URL(response.headers.get('location') ?? 'about:blank');
    expect(location.searchParams.get('error') === 'invalid_request', `plain request went to ${location.href}`);
  }],

  ['code_challenge_method=plain is refused', async (ctx) => {
    const request = new_request(ctx, 'congdanso', { code_challenge_method: 'plain' });
    const pushed = await push_request(ctx, request);
    expect(pushed.status === 400, `PAR answered ${pushed.status} ${JSON.stringify(pushed.body)}`);
  }],

  ['cancel on the login page returns access_denied', async (ctx) => {
    const request = new_request(ctx, 'congdanso');
    const pushed = await push_request(ctx, request);
    const authorize = new URL(ctx.standin.discovery.authorization_endpoint);
    authorize.search = new URLSearchParams({ client_id: 'congdanso', request_uri: pushed.body.request_uri }).toString();
    const callback = await follow_to_callback(ctx, new CookieJar(), authorize.href, null);
    expect(callback.searchParams.get('error') === 'access_denied', `callback ${callback.href}`);
    expect(callback.searchParams.get('state') === request.params.state, 'state missing on the error');
  }],

  ['congdanso-basic: client_secret_basic with PAR and with a plain request', async (ctx) => {
    for (const use_par of [true, false]) {
      const { flow, tokens } = await signed_in_tokens(ctx, { client_id: 'congdanso-basic', citizen: citizens[3], use_par });
      const { payload } = await verify_id_token(ctx, tokens.id_token, 'congdanso-basic');
      expect(payload.sub === citizens[3].sub && payload.nonce === flow.request.params.nonce, 'basic client id_token');
    }
    const wrong = await fetch(ctx.standin.discovery.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('congdanso-basic:wrong').toString('base64')}`,
      },
      body: 'grant_type=authorization_code&code=x&redirect_uri=x&code_verifier=x',
    });
    expect(wrong.status === 401 && (await wrong.json()).error === 'invalid_client', `wrong secret answered ${wrong.status}`);
  }],

  ['the RP may rotate its key between requests', async (ctx) => {
    ctx.rp.key = await make_rp_key();
    await signed_in_tokens(ctx, { citizen: citizens[4] });
  }],

  ['faults: unknown name is refused, DELETE disarms', async (ctx) => {
    const bad = await fetch(`${ctx.standin.issuer}/__faults`, { method: 'POST', body: '{"fault":"nope"}' });
    expect(bad.status === 400, `unknown fault answered ${bad.status}`);
    await arm(ctx, 'tampered_signature');
    const disarm = await fetch(`${ctx.standin.issuer}/__faults`, { method: 'DELETE' });
    expect(disarm.status === 204, `DELETE answered ${disarm.status}`);
    const { tokens } = await signed_in_tokens(ctx);
    await verify_id_token(ctx, tokens.id_token);
  }],

  ['fault tampered_signature', async (ctx) => {
    const { id_token } = await faulty_id_token(ctx, 'tampered_signature');
    await expect_verify_error(ctx, id_token, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'tampered');
  }],

  ['fault wrong_issuer (validly signed)', async (ctx) => {
    const { id_token } = await faulty_id_token(ctx, 'wrong_issuer');
    const err = await expect_verify_error(ctx, id_token, 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'wrong_issuer');
    expect(err.claim === 'iss', `failed on ${err.claim}`);
    const { payload } = await jwtVerify(id_token, ctx.standin.jwks);
    expect(payload.iss !== ctx.standin.issuer, 'iss unchanged');
  }],

  ['fault wrong_audience (validly signed)', async (ctx) => {
    const { id_token } = await faulty_id_token(ctx, 'wrong_audience');
    const err = await expect_verify_error(ctx, id_token, 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'wrong_audience');
    expect(err.claim === 'aud', `failed on ${err.claim}`);
    const { payload } = await jwtVerify(id_token, ctx.standin.jwks);
    expect(payload.aud === 'congdanso-basic', `aud is ${payload.aud}`);
  }],

  ['fault expired', async (ctx) => {
    const { id_token } = await faulty_id_token(ctx, 'expired');
    await expect_verify_error(ctx, id_token, 'ERR_JWT_EXPIRED', 'expired');
    const { iat, exp } = decodeJwt(id_token);
    const now = Date.now() / 1000;
    expect(exp <= now - 3500 && iat < exp, `iat ${iat} exp ${exp}`);
  }],

  ['fault not_yet_valid', async (ctx) => {
    const { id_token } = await faulty_id_token(ctx, 'not_yet_valid');
    const err = await expect_verify_error(ctx, id_token, 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'not_yet_valid');
    expect(err.claim === 'nbf', `failed on ${err.claim}`);
    const { iat } = decodeJwt(id_token);
    expect(iat >= Date.now() / 1000 + 3500, `iat ${iat}`);
  }],

  ['fault wrong_nonce (validly signed)', async (ctx) => {
    const { id_token, nonce } = await faulty_id_token(ctx, 'wrong_nonce');
    const { payload } = await verify_id_token(ctx, id_token);
    expect(payload.nonce && payload.nonce !== nonce, 'nonce unchanged');
  }],

  ['fault unknown_key', async (ctx) => {
    const { id_token } = await faulty_id_token(ctx, 'unknown_key');
    await expect_verify_error(ctx, id_token, 'ERR_JWKS_NO_MATCHING_KEY', 'unknown_key');
    expect(decodeProtectedHeader(id_token).kid.startsWith('unknown-'), 'kid not replaced');
  }],

  ['fault drop_code_verifier', async (ctx) => {
    const flow = await sign_in(ctx);
    await arm(ctx, 'drop_code_verifier');
    const tokens = await exchange(ctx, flow);
    expect(tokens.status === 400 && tokens.body.error === 'invalid_grant', `answered ${tokens.status} ${JSON.stringify(tokens.body)}`);
  }],

  ['faults are one-shot: the next exchange is clean', async (ctx) => {
    const { tokens } = await signed_in_tokens(ctx);
    await verify_id_token(ctx, tokens.id_token);
  }],
];

// Further stand-ins signing ID tokens with another algorithm, without fault injection.
const other_alg_checks = [
  ['ID tokens verify with the configured alg; /__faults is 404 without VNEID_STANDIN_FAULTS', async (ctx) => {
    const { tokens } = await signed_in_tokens(ctx, { citizen: citizens[5] });
    const { protectedHeader } = await verify_id_token(ctx, tokens.id_token);
    expect(protectedHeader.alg === ctx.alg, `alg ${protectedHeader.alg}`);
    const faults = await fetch(`${ctx.standin.issuer}/__faults`, { method: 'POST', body: '{"fault":"expired"}' });
    expect(faults.status === 404, `/__faults answered ${faults.status}`);
  }],
];

async function run(label, ctx, list, tally) {
  for (const [name, check] of list) {
    try {
      await check(ctx);
      tally.passed += 1;
      console.log(`ok   ${label}: ${name}`);
    } catch (err) {
      tally.failed += 1;
      console.log(`FAIL ${label}: ${name}\n     ${err.stack ?? err}`);
    }
  }
}

async function main() {
  const tally = { passed: 0, failed: 0 };
  const rp = await start_rp();
  const rp_env = { VNEID_STANDIN_RP: `${rp.base},http://localhost:${rp.server.address().port}`, VNEID_STANDIN_CLIENT_SECRET: kSecret };
  const standins = [];
  try {
    const main_standin = await start_standin({ ...rp_env, VNEID_STANDIN_FAULTS: '1' });
    standins.push(main_standin);
    await run('RS256', { rp, standin: main_standin }, checks, tally);

    for (const alg of ['ES256', 'PS256']) {
      const standin = await start_standin({ ...rp_env, VNEID_STANDIN_ID_TOKEN_ALG: alg });
      standins.push(standin);
      await run(alg, { rp, standin, alg }, other_alg_checks, tally);
    }
  } catch (err) {
    tally.failed += 1;
    console.log(`FAIL setup: ${err.stack ?? err}`);
  } finally {
    for (const standin of standins) {
      const code = await stop_standin(standin);
      if (code === 0) {
        tally.passed += 1;
        console.log('ok   stand-in exits 0 on SIGTERM');
      } else {
        tally.failed += 1;
        console.log(`FAIL stand-in exited with ${code} on SIGTERM; its output:\n${standin.output()}`);
      }
      if (tally.failed > 0 && process.env.VNEID_SELFTEST_VERBOSE === '1') console.log(standin.output());
    }
    rp.server.close();
  }
  console.log(`vneid-standin selftest: ${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 ? 0 : 1);
}

main();

// The stand-in's interaction pages: pick a demo citizen to sign in; consent is granted automatically
// for whatever the relying party asked for, so a full sign-in is one click.

import { citizens, find_citizen } from './citizens.mjs';
import { error_page, login_page } from './pages.mjs';
import { read_body } from './read_body.mjs';

const kPath = /^\/interaction\/([A-Za-z0-9_-]+)(\/login|\/abort)?$/;

// Grants every scope and claim the consent prompt reports missing, then returns where to resume.
async function grant_consent(provider, ctx, details) {
  const { prompt, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const saved_id = await grant.save();
  const consent = grantId ? {} : { grantId: saved_id };
  return provider.interactionResult(ctx.req, ctx.res, { consent }, { mergeWithLastSubmission: true });
}

async function show(provider, ctx) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.prompt.name === 'consent') {
    ctx.status = 303;
    ctx.redirect(await grant_consent(provider, ctx, details));
    return;
  }
  const client = await provider.Client.find(details.params.client_id);
  ctx.type = 'html';
  ctx.body = login_page({
    uid: details.uid,
    client_name: client?.clientName ?? details.params.client_id,
    scopes: String(details.params.scope ?? '').split(' '),
    citizens,
  });
}

async function login(provider, ctx) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const form = new URLSearchParams(await read_body(ctx.req));
  const citizen = find_citizen(form.get('sub'));
  if (details.prompt.name !== 'login' || !citizen) {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = error_page({ error: 'invalid_request', error_description: 'Không có công dân này / unknown citizen' });
    return;
  }
  const result = { login: { accountId: citizen.sub, amr: ['pwd'] } };
  ctx.status = 303;
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
}

async function abort(provider, ctx) {
  const result = { error: 'access_denied', error_description: 'Người dùng đã hủy đăng nhập / end-user cancelled' };
  ctx.status = 303;
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
}

// Koa middleware for /interaction/*. Errors (an expired or foreign interaction) render an error page.
export function interaction_routes(provider) {
  return async function interactions(ctx, next) {
    const match = kPath.exec(ctx.path);
    if (!match) return next();
    const action = match[2];
    try {
      if (!action && ctx.method === 'GET') return await show(provider, ctx);
      if (action === '/login' && ctx.method === 'POST') return await login(provider, ctx);
      if (action === '/abort' && ctx.method === 'GET') return await abort(provider, ctx);
      ctx.status = 405;
    } catch (err) {
      ctx.status = err.statusCode ?? 400;
      ctx.type = 'html';
      ctx.body = error_page({ error: err.error ?? 'invalid_request', error_description: err.error_description ?? err.message });
    }
  };
}

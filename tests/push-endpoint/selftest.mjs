// Self-check for the local push service: starts server.mjs on a free port and sends to it with
// the web-push package (its own VAPID keys and encryption, an independent implementation of
// RFC 8291 and 8292), so that a message the endpoint accepts and decrypts proves the endpoint
// right, and every refusal and scripted answer is seen to work.
// Run: node tests/push-endpoint/selftest.mjs   (exit 0 when every check passes)

import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as https from 'node:https';
import * as net from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import webpush from 'web-push';

const here = dirname(fileURLToPath(import.meta.url));
const kSubject = 'mailto:vanhanh@congdanso.example';

// web-push speaks only https; this agent hands it a plain TCP connection to the loopback
// endpoint instead of a TLS one, and everything above the socket stays web-push's own.
class PlainLoopbackAgent extends https.Agent {
  createConnection(options, callback) {
    const socket = net.createConnection({ host: options.host, port: options.port });
    if (callback) socket.once('connect', () => callback(null, socket));
    return socket;
  }
}
const agent = new PlainLoopbackAgent({ keepAlive: false });

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function startServer() {
  const child = spawn(process.execPath, [join(here, 'server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const firstLine = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 15 s')), 15000);
    createInterface({ input: child.stdout }).once('line', (line) => { clearTimeout(timer); resolve(line); });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
  const { port } = JSON.parse(firstLine);
  return { child, port, origin: `http://127.0.0.1:${port}`, log: () => log };
}

async function control(ctx, method, path, body) {
  const res = await fetch(`${ctx.server.origin}${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function newSubscription(ctx, body) {
  const res = await control(ctx, 'POST', '/__subscriptions', body);
  expect(res.status === 201, `POST /__subscriptions answered ${res.status}`);
  return res.body;
}

const messagesOf = async (ctx, id) => (await control(ctx, 'GET', `/__messages/${id}`)).body;

function vapidOf(keys) {
  return { subject: kSubject, publicKey: keys.publicKey, privateKey: keys.privateKey };
}

// sendNotification's outcome as {status, headers}: WebPushError for non-2xx is caught.
async function send(subscription, payload, options) {
  try {
    const res = await webpush.sendNotification(subscription, payload, { agent, timeout: 5000, ...options });
    return { status: res.statusCode, headers: res.headers };
  } catch (err) {
    if (err instanceof webpush.WebPushError) return { status: err.statusCode, headers: err.headers };
    throw err;
  }
}

// web-push's request (encryption and VAPID headers included), changed by `edit`, sent with fetch.
async function sendEdited(subscription, payload, vapidKeys, edit) {
  const details = webpush.generateRequestDetails(subscription, payload, { vapidDetails: vapidOf(vapidKeys), TTL: 60 });
  edit(details);
  delete details.headers['Content-Length'];  // fetch counts the (possibly edited) body itself
  const res = await fetch(details.endpoint, { method: 'POST', headers: details.headers, body: details.body });
  return res.status;
}

// An ES256 JWT made by hand with `keys` (web-push's base64url raw keys), for claims web-push
// itself refuses to make.
function handMadeToken(keys, claims, header = { typ: 'JWT', alg: 'ES256' }) {
  const point = Buffer.from(keys.publicKey, 'base64url');
  const key = crypto.createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', d: keys.privateKey, x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = crypto.sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

async function lastRejection(ctx, id) {
  const { rejections } = await messagesOf(ctx, id);
  return rejections.at(-1);
}

// ---------------------------------------------------------------------------------------------

const checks = [
  ['web-push sendNotification arrives decrypted, with TTL, Urgency, Topic and the VAPID key', async (ctx) => {
    const subscription = await newSubscription(ctx);
    expect(subscription.endpoint === `${ctx.server.origin}/push/${subscription.id}`, `endpoint ${subscription.endpoint}`);
    expect(Buffer.from(subscription.keys.p256dh, 'base64url').length === 65, 'p256dh is not 65 bytes');
    expect(Buffer.from(subscription.keys.auth, 'base64url').length === 16, 'auth is not 16 bytes');
    const payload = JSON.stringify({ title: 'Phản ánh PA-2611-000123', body: 'Đã chuyển cho UBND phường Bến Thành' });
    const res = await send(subscription, payload, { vapidDetails: vapidOf(ctx.vapid), TTL: 600, urgency: 'high', topic: 'PA-2611-000123' });
    expect(res.status === 201, `answered ${res.status}`);
    expect(res.headers.location?.startsWith(`${ctx.server.origin}/messages/${subscription.id}/`), `Location ${res.headers.location}`);
    const { messages, answers } = await messagesOf(ctx, subscription.id);
    expect(messages.length === 1, `${messages.length} messages recorded`);
    const m = messages[0];
    expect(m.payload === payload, `payload ${m.payload}`);
    expect(m.ttl === 600 && m.urgency === 'high' && m.topic === 'PA-2611-000123', `headers ${JSON.stringify(m)}`);
    expect(m.vapid_public_key === ctx.vapid.publicKey, 'vapid_public_key is not the sender\'s');
    expect(m.vapid_claims.aud === ctx.server.origin && m.vapid_claims.sub === kSubject, `claims ${JSON.stringify(m.vapid_claims)}`);
    expect(JSON.stringify(answers) === '[201]', `answers ${JSON.stringify(answers)}`);
  }],

  ['the largest payload (3993 bytes, a 4096-byte body) arrives; a larger body is 413', async (ctx) => {
    const subscription = await newSubscription(ctx);
    const largest = 'x'.repeat(3993);
    expect((await send(subscription, largest, { vapidDetails: vapidOf(ctx.vapid) })).status === 201, 'largest refused');
    const { messages } = await messagesOf(ctx, subscription.id);
    expect(messages[0]?.payload === largest && messages[0].body_bytes === 4096, 'largest payload garbled');
    expect(messages[0].urgency === 'normal' && messages[0].topic === null, 'defaults are not normal / no topic');
    const status = await sendEdited(subscription, 'y'.repeat(4000), ctx.vapid, () => {});
    expect(status === 413, `oversized body answered ${status}`);
  }],

  ['a subscription bound to an application server key refuses another key', async (ctx) => {
    const subscription = await newSubscription(ctx, { application_server_key: ctx.vapid.publicKey });
    expect((await send(subscription, 'ok', { vapidDetails: vapidOf(ctx.vapid) })).status === 201, 'own key refused');
    const other = webpush.generateVAPIDKeys();
    expect((await send(subscription, 'no', { vapidDetails: vapidOf(other) })).status === 403, 'other key accepted');
    expect((await lastRejection(ctx, subscription.id)).reason.includes('application server key'), 'reason');
  }],

  ['bad VAPID tokens are 403 with the reason recorded', async (ctx) => {
    const subscription = await newSubscription(ctx);
    const now = Math.floor(Date.now() / 1000);
    const claims = { aud: ctx.server.origin, exp: now + 3600, sub: kSubject };
    const k = ctx.vapid.publicKey;
    const cases = [
      ['no Authorization', (h) => { delete h.Authorization; }, 'no Authorization'],
      ['aud of another origin', (h) => { h.Authorization = `vapid t=${handMadeToken(ctx.vapid, { ...claims, aud: 'https://push.example' })}, k=${k}`; }, 'aud'],
      ['expired', (h) => { h.Authorization = `vapid t=${handMadeToken(ctx.vapid, { ...claims, exp: now - 10 })}, k=${k}`; }, 'passed'],
      ['25 hours ahead', (h) => { h.Authorization = `vapid t=${handMadeToken(ctx.vapid, { ...claims, exp: now + 25 * 3600 })}, k=${k}`; }, '24 hours'],
      ['sub not a contact', (h) => { h.Authorization = `vapid t=${handMadeToken(ctx.vapid, { ...claims, sub: 'ops@example' })}, k=${k}`; }, 'sub'],
      ['alg HS256', (h) => { h.Authorization = `vapid t=${handMadeToken(ctx.vapid, claims, { typ: 'JWT', alg: 'HS256' })}, k=${k}`; }, 'alg'],
      ['k of another key', (h) => { h.Authorization = `vapid t=${handMadeToken(ctx.vapid, claims)}, k=${webpush.generateVAPIDKeys().publicKey}`; }, 'signature'],
      ['k not a point', (h) => { h.Authorization = `vapid t=${handMadeToken(ctx.vapid, claims)}, k=AAAA`; }, 'P-256'],
    ];
    for (const [name, edit, reason] of cases) {
      const status = await sendEdited(subscription, 'x', ctx.vapid, (d) => edit(d.headers));
      expect(status === 403, `${name}: answered ${status}`);
      const rejection = await lastRejection(ctx, subscription.id);
      expect(rejection.reason.includes(reason), `${name}: reason "${rejection.reason}"`);
    }
    // The same token made right is accepted: the cases above fail for their own reason only.
    const good = await sendEdited(subscription, 'x', ctx.vapid, (d) => { d.headers.Authorization = `vapid t=${handMadeToken(ctx.vapid, claims)}, k=${k}`; });
    expect(good === 201, `a good hand-made token answered ${good}`);
  }],

  ['no TTL, another content coding, bad Urgency or Topic, and a body for another browser are 400', async (ctx) => {
    const subscription = await newSubscription(ctx);
    const other = await newSubscription(ctx);
    const cases = [
      ['no TTL', (d) => { delete d.headers.TTL; }, 'TTL'],
      ['aesgcm', (d) => { d.headers['Content-Encoding'] = 'aesgcm'; }, 'Content-Encoding'],
      ['urgency', (d) => { d.headers.Urgency = 'urgent'; }, 'Urgency'],
      ['topic', (d) => { d.headers.Topic = 'not a topic!'; }, 'Topic'],
      ['another browser\'s body', (d) => { d.endpoint = subscription.endpoint; }, 'decrypt'],
      ['garbage body', (d) => { d.body = Buffer.alloc(200, 7); }, 'decrypt'],
    ];
    for (const [name, edit, reason] of cases) {
      // Encrypted for `other` unless the edit says otherwise; sent to `subscription`.
      const status = await sendEdited(name.includes('browser') ? other : subscription, 'x', ctx.vapid, edit);
      expect(status === 400, `${name}: answered ${status}`);
      const rejection = await lastRejection(ctx, subscription.id);
      expect(rejection.reason.includes(reason), `${name}: reason "${rejection.reason}"`);
    }
  }],

  ['an unknown subscription is 404', async (ctx) => {
    const res = await send({ endpoint: `${ctx.server.origin}/push/s999`, keys: (await newSubscription(ctx)).keys }, 'x', { vapidDetails: vapidOf(ctx.vapid) });
    expect(res.status === 404, `answered ${res.status}`);
  }],

  ['/__respond: 410 stays until replaced; 429 with Retry-After twice, then delivery', async (ctx) => {
    const gone = await newSubscription(ctx);
    expect((await control(ctx, 'POST', `/__respond/${gone.id}`, { status: 410 })).status === 204, 'respond refused');
    for (let i = 0; i < 2; ++i) {
      const res = await send(gone, 'x', { vapidDetails: vapidOf(ctx.vapid) });
      expect(res.status === 410, `gone answered ${res.status}`);
    }
    const busy = await newSubscription(ctx);
    await control(ctx, 'POST', `/__respond/${busy.id}`, { status: 429, retry_after: 1, times: 2 });
    for (let i = 0; i < 2; ++i) {
      const res = await send(busy, 'x', { vapidDetails: vapidOf(ctx.vapid) });
      expect(res.status === 429 && res.headers['retry-after'] === '1', `busy answered ${res.status} ${res.headers['retry-after']}`);
    }
    expect((await send(busy, 'finally', { vapidDetails: vapidOf(ctx.vapid) })).status === 201, 'third try not delivered');
    const record = await messagesOf(ctx, busy.id);
    expect(JSON.stringify(record.answers) === '[429,429,201]', `answers ${JSON.stringify(record.answers)}`);
    expect(record.messages.length === 1 && record.messages[0].payload === 'finally', 'delivered message');

    await control(ctx, 'POST', `/__respond/${gone.id}`, { times: 0 });
    expect((await send(gone, 'back', { vapidDetails: vapidOf(ctx.vapid) })).status === 201, 'times:0 did not clear');
    const date = new Date(Date.now() + 120000).toUTCString();
    await control(ctx, 'POST', `/__respond/${gone.id}`, { status: 503, retry_after: date });
    const res = await send(gone, 'x', { vapidDetails: vapidOf(ctx.vapid) });
    expect(res.status === 503 && res.headers['retry-after'] === date, `503 answered ${res.status} ${res.headers['retry-after']}`);
  }],
];

async function main() {
  const tally = { passed: 0, failed: 0 };
  let server;
  try {
    server = await startServer();
    const ctx = { server, vapid: webpush.generateVAPIDKeys() };
    for (const [name, check] of checks) {
      try {
        await check(ctx);
        tally.passed += 1;
        console.log(`ok   ${name}`);
      } catch (err) {
        tally.failed += 1;
        console.log(`FAIL ${name}: ${err.stack ?? err}`);
      }
    }
  } catch (err) {
    tally.failed += 1;
    console.log(`FAIL setup: ${err.stack ?? err}`);
  } finally {
    if (server) {
      const code = await new Promise((resolve) => {
        server.child.once('exit', (c) => resolve(c));
        server.child.kill('SIGTERM');
      });
      if (code === 0) {
        tally.passed += 1;
        console.log('ok   the endpoint exits 0 on SIGTERM');
      } else {
        tally.failed += 1;
        console.log(`FAIL the endpoint exited with ${code} on SIGTERM; its log:\n${server.log()}`);
      }
    }
  }
  console.log(`push-endpoint selftest: ${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 ? 0 : 1);
}

main();

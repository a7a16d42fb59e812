// A local Web Push service for tests: it hands out fake browser subscriptions, takes pushes as a
// real push service does (RFC 8030), checks their VAPID token (RFC 8292), decrypts them as the
// browser would (RFC 8291, aes128gcm, with http_ece) and records what arrived, so a test can
// read what the server sent. For development and tests only: keys live in memory, and it listens
// on 127.0.0.1 over plain HTTP.
//
// Run: node server.mjs --port N   (0: a free port). When it listens it prints one JSON line,
// {"port":N}, on stdout, and nothing else there afterwards; one log line per push goes to stderr.
// SIGTERM or SIGINT stops it (exit 0).
//
// Control API (JSON):
//   POST /__subscriptions          a new subscription: {"id","endpoint","keys":{"p256dh","auth"}}.
//                                  Body (optional) {"application_server_key": "<base64url>"}
//                                  binds it to that VAPID key, as PushManager.subscribe() does:
//                                  a push signed with another key is then refused (403).
//   GET  /__messages/<id>          {"id","messages":[...],"rejections":[...],"answers":[...]}:
//                                  what was delivered, what was refused and why, and the status
//                                  of every push to <id> in order.
//   POST /__respond/<id>           {"status":429,"retry_after":1,"times":2}: the next `times`
//                                  pushes to <id> get `status` (and Retry-After: retry_after, a
//                                  number of seconds or a string sent as is, e.g. an HTTP date)
//                                  without being looked at. `times` defaults to 1, except for
//                                  404 and 410, which stay until replaced: a gone subscription
//                                  never comes back. {"times":0} clears it. Answers 204.
// Push API:
//   POST /push/<id>                201 with Location when the push is good; 403 for a missing or
//                                  bad VAPID token; 400 for a missing TTL, another content
//                                  coding, a bad Urgency or Topic, or a body that does not
//                                  decrypt; 413 for a body over 4096 bytes; 404 for an unknown
//                                  id. Every refusal of a known id is recorded with its reason.

import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { parseArgs } from 'node:util';
import ece from 'http_ece';

const kHost = '127.0.0.1';
// RFC 8030 §7.2: a push service must accept bodies of 4096 bytes; this one takes no more, so a
// sender that keeps to the RFC passes and one that does not is caught.
const kMaxPushBody = 4096;
const kMaxControlBody = 16 * 1024;
// RFC 8292 §2: exp at most 24 hours ahead; a minute of slack for the clocks of two processes.
const kMaxVapidSeconds = 24 * 3600;
const kClockSlackSeconds = 60;
const kUrgencies = new Set(['very-low', 'low', 'normal', 'high']);

const { values: args } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`push-endpoint: bad --port ${args.port}`);
  process.exit(2);
}

const subscriptions = new Map();  // id -> subscription state
let lastSubscription = 0;
let origin = '';  // http://127.0.0.1:N once listening: the aud every VAPID token must name

// ---- helpers ----------------------------------------------------------------------------------

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), over }));
    req.on('error', reject);
  });
}

function sendJson(res, status, value, headers = {}) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function b64urlDecode(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  return Buffer.from(text, 'base64url');
}

// The P-256 public key whose uncompressed point is `point` (65 bytes), or null.
function p256PublicKey(point) {
  if (!point || point.length !== 65 || point[0] !== 0x04) return null;
  try {
    return crypto.createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return null;
  }
}

// RFC 8292 §3: `Authorization: vapid t=<JWT>, k=<key>`. {claims, publicKey} or {reason}.
function checkVapid(header, subscription) {
  const match = /^vapid\s+(.*)$/i.exec(header ?? '');
  if (!match) return { reason: 'no Authorization: vapid header' };
  const params = {};
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  if (!params.t || !params.k) return { reason: 'vapid without t= and k=' };
  const point = b64urlDecode(params.k);
  const key = p256PublicKey(point);
  if (!key) return { reason: 'k is not a P-256 public key (65-byte uncompressed point, base64url)' };
  if (subscription.applicationServerKey && !point.equals(subscription.applicationServerKey)) {
    return { reason: 'k is not the application server key of this subscription' };
  }
  const parts = params.t.split('.');
  if (parts.length !== 3) return { reason: 't is not a compact JWT' };
  let jwtHeader;
  let claims;
  try {
    jwtHeader = JSON.parse(b64urlDecode(parts[0]).toString('utf8'));
    claims = JSON.parse(b64urlDecode(parts[1]).toString('utf8'));
  } catch {
    return { reason: 'JWT header or claims are not base64url JSON' };
  }
  if (jwtHeader?.alg !== 'ES256') return { reason: `JWT alg is ${jwtHeader?.alg}, not ES256` };
  const signature = b64urlDecode(parts[2]);
  const verified = signature && signature.length === 64 && crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`),
    { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (!verified) return { reason: 'JWT signature does not verify with k' };
  const now = Math.floor(Date.now() / 1000);
  if (claims?.aud !== origin) return { reason: `aud is ${JSON.stringify(claims?.aud)}, not ${origin}` };
  if (!Number.isInteger(claims.exp)) return { reason: 'exp is not an integer' };
  if (claims.exp <= now) return { reason: 'exp has passed' };
  if (claims.exp > now + kMaxVapidSeconds + kClockSlackSeconds) return { reason: 'exp is more than 24 hours ahead' };
  if (typeof claims.sub !== 'string' || !/^(mailto:.+@.+|https:\/\/.+)$/.test(claims.sub)) {
    return { reason: `sub is ${JSON.stringify(claims.sub)}, not a mailto: or https: URL` };
  }
  return { claims, publicKey: params.k };
}

// ---- handlers ---------------------------------------------------------------------------------

async function newSubscription(req, res) {
  const { body, over } = await readBody(req, kMaxControlBody);
  let options = {};
  if (!over && body.length > 0) {
    try {
      options = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
  }
  let applicationServerKey = null;
  if (options.application_server_key !== undefined) {
    applicationServerKey = b64urlDecode(options.application_server_key);
    if (!p256PublicKey(applicationServerKey)) return sendJson(res, 400, { error: 'application_server_key is not a P-256 public key' });
  }
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const id = `s${++lastSubscription}`;
  const subscription = {
    id, ecdh, auth: crypto.randomBytes(16), applicationServerKey,
    messages: [], rejections: [], answers: [], override: null,
  };
  subscriptions.set(id, subscription);
  sendJson(res, 201, {
    id,
    endpoint: `${origin}/push/${id}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: subscription.auth.toString('base64url') },
  });
}

function messagesOf(res, subscription) {
  const { id, messages, rejections, answers } = subscription;
  sendJson(res, 200, { id, messages, rejections, answers });
}

async function setResponse(req, res, subscription) {
  const { body, over } = await readBody(req, kMaxControlBody);
  let spec;
  try {
    spec = JSON.parse(over ? '' : body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'body is not JSON' });
  }
  if (spec.times === 0) {
    subscription.override = null;
    res.writeHead(204).end();
    return;
  }
  if (!Number.isInteger(spec.status) || spec.status < 200 || spec.status > 599) {
    return sendJson(res, 400, { error: 'status must be an HTTP status from 200 to 599' });
  }
  if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 0)) {
    return sendJson(res, 400, { error: 'times must be a whole number' });
  }
  if (spec.retry_after !== undefined && typeof spec.retry_after !== 'number' && typeof spec.retry_after !== 'string') {
    return sendJson(res, 400, { error: 'retry_after must be a number of seconds or a string' });
  }
  const permanent = spec.times === undefined && (spec.status === 404 || spec.status === 410);
  subscription.override = {
    status: spec.status,
    retryAfter: spec.retry_after === undefined ? null : String(spec.retry_after),
    times: permanent ? Infinity : (spec.times ?? 1),
  };
  res.writeHead(204).end();
}

async function push(req, res, subscription) {
  const { body, over } = await readBody(req, kMaxPushBody);
  const answer = (status, headers = {}) => {
    subscription.answers.push(status);
    res.writeHead(status, headers).end();
  };
  const refuse = (status, reason) => {
    subscription.rejections.push({ status, reason, at: new Date().toISOString() });
    console.error(`push-endpoint: ${subscription.id} ${status} ${reason}`);
    answer(status, { 'content-type': 'text/plain' });
  };

  const override = subscription.override;
  if (override) {
    override.times -= 1;
    if (override.times <= 0) subscription.override = null;
    console.error(`push-endpoint: ${subscription.id} ${override.status} (as told)`);
    return answer(override.status, override.retryAfter === null ? {} : { 'retry-after': override.retryAfter });
  }
  if (over) return refuse(413, `body over ${kMaxPushBody} bytes`);
  const vapid = checkVapid(req.headers.authorization, subscription);
  if (vapid.reason) return refuse(403, `VAPID: ${vapid.reason}`);
  if ((req.headers['content-encoding'] ?? '').toLowerCase() !== 'aes128gcm') {
    return refuse(400, `Content-Encoding is ${JSON.stringify(req.headers['content-encoding'])}, not aes128gcm`);
  }
  const ttl = req.headers.ttl;
  if (ttl === undefined || !/^\d+$/.test(ttl)) return refuse(400, `TTL is ${JSON.stringify(ttl)}, not a number of seconds`);
  const urgency = req.headers.urgency ?? 'normal';
  if (!kUrgencies.has(urgency)) return refuse(400, `Urgency is ${JSON.stringify(urgency)}`);
  const topic = req.headers.topic ?? null;
  if (topic !== null && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return refuse(400, `Topic is ${JSON.stringify(topic)}`);
  let plaintext;
  try {
    if (body.length < 21 + 65 + 16 || body[20] !== 65) throw new Error('no aes128gcm header with a 65-byte sender key');
    plaintext = ece.decrypt(body, { version: 'aes128gcm', privateKey: subscription.ecdh, authSecret: subscription.auth });
  } catch (err) {
    return refuse(400, `cannot decrypt: ${err.message}`);
  }
  const number = subscription.messages.length + 1;
  subscription.messages.push({
    number,
    payload: plaintext.toString('utf8'),
    ttl: Number(ttl),
    urgency,
    topic,
    vapid_public_key: vapid.publicKey,
    vapid_claims: vapid.claims,
    body_bytes: body.length,
    at: new Date().toISOString(),
  });
  console.error(`push-endpoint: ${subscription.id} 201 message ${number} (${plaintext.length} bytes)`);
  answer(201, { location: `${origin}/messages/${subscription.id}/${number}` });
}

async function route(req, res) {
  const path = new URL(req.url, origin).pathname;
  const [, first, id, extra] = path.split('/');
  if (req.method === 'POST' && first === '__subscriptions' && id === undefined) return newSubscription(req, res);
  const subscription = id !== undefined && extra === undefined ? subscriptions.get(id) : undefined;
  const known = ['__messages', '__respond', 'push'].includes(first) && id !== undefined && extra === undefined;
  if (!known) return sendJson(res, 404, { error: `no route ${req.method} ${path}` });
  if (!subscription) {
    req.resume();
    return sendJson(res, 404, { error: `no subscription ${id}` });
  }
  if (req.method === 'GET' && first === '__messages') return messagesOf(res, subscription);
  if (req.method === 'POST' && first === '__respond') return setResponse(req, res, subscription);
  if (req.method === 'POST' && first === 'push') return push(req, res, subscription);
  req.resume();
  return sendJson(res, 405, { error: `${req.method} not allowed on ${path}` });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err) => {
    console.error(`push-endpoint: ${err.stack ?? err}`);
    if (!res.headersSent) sendJson(res, 500, { error: String(err.message ?? err) });
  });
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(port, kHost, () => {
  origin = `http://${kHost}:${server.address().port}`;
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

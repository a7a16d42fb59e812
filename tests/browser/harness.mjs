// The browser-test harness: starts the real server (fresh SQLite database, demo data), the VNeID
// stand-in and Debian's Chromium, and gives journeys the helpers to act as each kind of user.
//
//   import { journey } from '../harness.mjs';
//   journey('a citizen does X', async (t) => {
//     const page = await t.newPage();                 // a fresh context, phone-sized, Vietnamese
//     await t.signInCitizen(page, 'Nguyễn Văn An');
//     await t.screenshot(page, 'x-home');
//     await t.checkA11y(page, 'home');
//   });
//
// Every journey gets fresh browser contexts (no shared cookies or storage); the server and the
// stand-in are shared by the run and torn down at its end, also on failure or Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticProxy } from './lib/static-proxy.mjs';
import { currentStep, totpCode } from './lib/totp.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
// Reference data beside the checkout, never copied into it (../shared/data/README.md).
export const wardBoundaries = join(repoRoot, '..', 'shared', 'data', 'hcmc', 'hcmc_2025_ward_boundaries.geojson');
export const artifactsDir = resolve(process.env.CDS_BROWSER_ARTIFACTS ?? join(here, 'artifacts'));
export const phoneViewport = { width: 360, height: 640 };

// ---------------------------------------------------------------------------------------------
// Journeys register themselves; run.mjs runs them.
export const journeys = [];
export function journey(name, run, { timeoutMs = 120_000 } = {}) {
  journeys.push({ name, run, timeoutMs });
}

// ---------------------------------------------------------------------------------------------
// Processes

const children = new Set();
function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(binary, args, env) {
  const result = spawnSync(binary, args, { env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function start(command, args, { env, logFile, readyLine, name }) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on('exit', () => children.delete(child));
  if (!readyLine) return { child, ready: Promise.resolve() };
  const ready = new Promise((resolveReady, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not print "${readyLine}" within 20 s`)), 20_000);
    child.stdout.on('data', (data) => {
      seen += data.toString();
      if (seen.includes(readyLine)) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready; see ${logFile}`));
    });
  });
  return { child, ready };
}

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function waitForHealth(url, child, logFile) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    try {
      const answer = await fetch(url + '/healthz');
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer /healthz within 20 s; see ${logFile}`);
}

// Starts everything a journey needs. `binary`: build/bin/congdanso. Returns { url, stop, ... }.
// The browser talks to the real server directly. Only when that binary does not serve the web
// app yet (GET /app/ is route_not_found) does a small Node server (lib/static-proxy.mjs) serve
// web/dist in front of it; CDS_BROWSER_DIRECT=1 forbids that fallback. CDS_BROWSER_WEB_DIR serves
// another build than web/dist.
export async function startStack({ binary, webDir = process.env.CDS_BROWSER_WEB_DIR ?? join(repoRoot, 'web', 'dist') }) {
  binary = resolve(binary);
  if (!existsSync(binary)) throw new Error(`no server binary at ${binary} (make build)`);
  if (!existsSync(join(webDir, 'app', 'index.html'))) {
    throw new Error(`${webDir} holds no built app: run npm run build --prefix web (make build does)`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'cds-browser-'));
  const db = `sqlite:${join(tmp, 'congdanso.db')}`;
  const baseEnv = { ...process.env, CDS_KEYS_FILE: join(tmp, 'personal-data.keys') };
  run(binary, ['migrate', '--db', db], baseEnv);
  // The deployment's web-push key pair (docs/WEB_PUSH.md): GET /api/v1/push/key answers with it.
  run(binary, ['keys', 'vapid', '--db', db], baseEnv);
  run(binary, ['seed', '--db', db, '--demo'], baseEnv);
  // The city's real ward boundaries when ../shared/data is beside the checkout (docs/GEOGRAPHY.md).
  if (existsSync(wardBoundaries)) run(binary, ['import', 'areas', wardBoundaries, '--db', db], baseEnv);

  const serverPort = await freePort();
  const standinPort = await freePort();
  const standinUrl = `http://127.0.0.1:${standinPort}`;
  // Live streams send a heartbeat every 2 s, so that a journey sees a dropped stream soon.
  const serverEnv = {
    ...baseEnv,
    CDS_OIDC_ISSUER: standinUrl,
    CDS_WEB_DIR: webDir,
    CDS_IO_THREADS: '2',
    CDS_WORKER_THREADS: '8',
    CDS_STREAM_HEARTBEAT_MS: '2000',
  };
  const serve = (env, logName) => {
    const server = start(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${serverPort}`, '--data-dir', tmp], {
      env,
      logFile: join(tmp, logName),
      name: 'congdanso',
    });
    return server.child;
  };

  let server = serve(serverEnv, 'server.log');
  let url = `http://127.0.0.1:${serverPort}`;
  await waitForHealth(url, server, join(tmp, 'server.log'));

  let proxy = null;
  let mode = 'direct';
  const probe = await fetch(url + '/app/');
  if (probe.status !== 200) {
    const body = await probe.text();
    if (!body.includes('route_not_found') || process.env.CDS_BROWSER_DIRECT === '1') {
      await stop(server);
      throw new Error(`GET /app/ on the server answered ${probe.status}: ${body}`);
    }
    // The binary predates web serving: serve web/dist from Node in front of it, and make the
    // server's public address the proxy's, so that sign-in comes back through it.
    await stop(server);
    const proxyPort = await freePort();
    proxy = await startStaticProxy({ dist: webDir, upstreamPort: serverPort, port: proxyPort });
    url = `http://127.0.0.1:${proxyPort}`;
    server = serve({ ...serverEnv, CDS_PUBLIC_URL: url }, 'server-2.log');
    await waitForHealth(`http://127.0.0.1:${serverPort}`, server, join(tmp, 'server-2.log'));
    mode = 'node-proxy';
  }

  const standin = start(process.execPath, [join(repoRoot, 'tools', 'vneid-standin', 'server.mjs')], {
    env: { ...process.env, VNEID_STANDIN_PORT: String(standinPort), VNEID_STANDIN_RP: url },
    logFile: join(tmp, 'vneid-standin.log'),
    readyLine: ' ready',
    name: 'the VNeID stand-in',
  });
  await standin.ready;

  return {
    url,
    standinUrl,
    tmp,
    mode,
    db,
    binary,
    env: baseEnv,
    serverLog: () => {
      const file = join(tmp, mode === 'direct' ? 'server.log' : 'server-2.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    async stop({ keep = process.env.CDS_BROWSER_KEEP === '1' } = {}) {
      await stop(standin.child);
      await stop(server);
      if (proxy) await new Promise((r) => proxy.close(r));
      if (!keep) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Browser

export async function launchBrowser() {
  const executablePath = process.env.CDS_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install chromium)`);
  const args = ['--disable-dev-shm-usage', '--no-first-run'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath, headless: true, args });
}

// A fresh browser context: phone-sized (360×640, touch) unless `phone: false`, the app in `lang`.
export async function newContext(browser, stack, { phone = true, lang = 'vi', geolocation } = {}) {
  const context = await browser.newContext({
    baseURL: stack.url,
    locale: lang === 'en' ? 'en-GB' : 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(phone
      ? { viewport: phoneViewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } }),
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
  });
  // The app's language choice, as if the person had tapped the switch once before.
  await context.addInitScript((chosen) => {
    try {
      if (!localStorage.getItem('cds.lang')) localStorage.setItem('cds.lang', chosen);
    } catch {
      // storage unavailable on this page (e.g. about:blank)
    }
  }, lang);
  context.setDefaultTimeout(15_000);
  return context;
}

// ---------------------------------------------------------------------------------------------
// Acting as people

// Signs a citizen in through the stand-in; ends on the signed-in home at /app/.
export async function signInCitizen(page, name) {
  await page.goto('/app/');
  await page.getByRole('link', { name: /^(Đăng nhập bằng VNeID|Sign in with VNeID)$/ }).click();
  await page.getByRole('button', { name, exact: true }).click(); // on the stand-in's page
  await page.waitForURL((u) => u.pathname.startsWith('/app/'));
  await page.getByRole('heading', { level: 1, name: /^(Xin chào|Hello), / }).waitFor();
}

// Per username: the TOTP secret read at enrolment and the last time step used (each step is
// accepted once), so that later sign-ins in the same run compute fresh codes.
const staffSecrets = new Map();

async function freshCode(username) {
  const entry = staffSecrets.get(username);
  // The server accepts the current step and one either side; never reuse a step.
  let step = Math.max(currentStep(), entry.lastStep + 1);
  while (step > currentStep() + 1) await sleep(500);
  entry.lastStep = step;
  return totpCode(entry.secret, step);
}

// Signs a staff member in at /staff/ with password and TOTP, enrolling the authenticator on first
// use (reads the secret from the page, confirms with a computed code, keeps the recovery codes).
// Ends signed in, on the role's own screen (the 1022 queue, the unit's workspace, ...).
export async function signInStaff(page, username, password, { screenshotPrefix } = {}) {
  await page.goto('/staff/');
  await page.getByLabel(/^(Tên đăng nhập|Username)$/).fill(username);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  if (staffSecrets.has(username)) {
    await page.getByLabel(/^(Mã xác thực|Verification code)$/).fill(await freshCode(username));
  }
  await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
  const enrol = page.getByRole('heading', { level: 1, name: /^(Thiết lập ứng dụng xác thực|Set up your authenticator app)$/ });
  // Signed in: the console shows the role's screen with the sign-out button beside the navigation.
  const signedIn = page.getByRole('button', { name: /^(Đăng xuất|Sign out)$/ });
  const failed = page.getByRole('alert');
  await enrol.or(signedIn).or(failed).first().waitFor();
  if (await failed.isVisible()) throw new Error(`staff sign-in of ${username} refused: ${await failed.innerText()}`);
  let recoveryCodes = null;
  if (await enrol.isVisible()) {
    if (screenshotPrefix) await screenshot(page, `${screenshotPrefix}-enrol`);
    const secret = await page.getByLabel(/^(Khóa bí mật|Secret key)$/).inputValue();
    staffSecrets.set(username, { secret, lastStep: -1 });
    await page.getByLabel(/^(Mã từ ứng dụng|Code from the app)$/).fill(await freshCode(username));
    await page.getByRole('button', { name: /^(Xác nhận|Confirm)$/ }).click();
    const list = page.getByRole('list', { name: /^(Mã khôi phục|Recovery codes)$/ });
    await list.waitFor();
    recoveryCodes = await list.getByRole('listitem').allInnerTexts();
    if (screenshotPrefix) await screenshot(page, `${screenshotPrefix}-recovery-codes`);
    staffSecrets.get(username).recoveryCodes = recoveryCodes;
    await page.getByRole('button', { name: /^(Tôi đã lưu các mã này|I have saved these codes)$/ }).click();
  }
  await signedIn.waitFor();
  return { enrolled: recoveryCodes !== null, recoveryCodes };
}

// A JSON client for the API as `username`, with a bearer token issued by the server's CLI: for
// the steps of a journey that another slice's screens will take (e.g. staff actions).
export function apiAs(stack, username) {
  const token = run(stack.binary, ['token', 'issue', '--db', stack.db, '--username', username, '--ttl', '1d'], stack.env).trim();
  return async (method, path, body) => {
    const answer = await fetch(stack.url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} as ${username}: ${answer.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

// ---------------------------------------------------------------------------------------------
// Evidence

// Saves what the screen shows (at a phone context: 360×640, as a phone would) as NAME.png and the
// whole page, scrolled, as NAME-full.png (bars that stick to the screen's bottom drawn in place).
export async function screenshot(page, name, { full = true } = {}) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  if (full) {
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.id = 'cds-screenshot';
      style.textContent = '.bottom-nav { position: static !important; }';
      document.head.append(style);
    });
    await page.screenshot({ path: join(artifactsDir, `${name}-full.png`), fullPage: true });
    await page.evaluate(() => document.getElementById('cds-screenshot')?.remove());
  }
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Runs axe-core on the page as it is now; throws on any serious or critical violation.
// (page.evaluate is not subject to the page's Content-Security-Policy, so axe needs no inline script.)
export async function checkA11y(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const answer = await axe.run(document, { resultTypes: ['violations'] });
    return answer.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  const blocking = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !blocking.includes(v));
  if (minor.length > 0) {
    console.log(`    axe (${label}): ${minor.length} minor: ${minor.map((v) => `${v.id}[${v.impact}]`).join(', ')}`);
  }
  if (blocking.length > 0) {
    const lines = blocking.map((v) => `  ${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
    throw new Error(`axe found ${blocking.length} serious/critical violation(s) on ${label}:\n${lines.join('\n')}`);
  }
  return result;
}

#!/usr/bin/env node
// Runs every journey in journeys/*.test.mjs against the real server in Debian's Chromium.
//   node tests/browser/run.mjs --binary build/bin/congdanso [--only TEXT]
// Prints one line per journey and "N passed, M failed"; exits 1 when any failed.
// Screenshots go to tests/browser/artifacts/ (CDS_BROWSER_ARTIFACTS to change it).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as harness from './harness.mjs';

const { values } = parseArgs({
  options: { binary: { type: 'string' }, only: { type: 'string' } },
});
if (!values.binary) {
  console.error('usage: node tests/browser/run.mjs --binary PATH [--only TEXT]');
  process.exit(2);
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'journeys');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort()) {
  await import(pathToFileURL(join(dir, file)).href);
}
const selected = harness.journeys.filter((j) => !values.only || j.name.includes(values.only));

let passed = 0;
let failed = 0;
let stack;
let browser;
try {
  stack = await harness.startStack({ binary: values.binary });
  console.log(`browser tests: server at ${stack.url} (${stack.mode}), VNeID stand-in at ${stack.standinUrl}`);
  if (stack.mode !== 'direct') {
    console.log('browser tests: this server binary does not serve web/dist yet; a Node static server stands in front of it');
  }
  browser = await harness.launchBrowser();
  console.log(`browser tests: Chromium ${browser.version()}, artifacts in ${harness.artifactsDir}`);
} catch (error) {
  console.error(`browser tests: could not start: ${error.stack ?? error}`);
  await stack?.stop({ keep: true });
  console.log(`0 passed, ${selected.length} failed`);
  process.exit(1);
}

for (const j of selected) {
  const contexts = [];
  // What a journey gets: fresh contexts (phone-sized by default) and the helpers, bound to this run.
  const t = {
    stack,
    browser,
    async newPage(options = {}) {
      const context = await harness.newContext(browser, stack, options);
      contexts.push(context);
      return context.newPage();
    },
    signInCitizen: harness.signInCitizen,
    signInStaff: harness.signInStaff,
    apiAs: (username) => harness.apiAs(stack, username),
    screenshot: harness.screenshot,
    checkA11y: harness.checkA11y,
    log: (...args) => console.log('   ', ...args),
  };
  const started = Date.now();
  let timer;
  try {
    await Promise.race([
      j.run(t),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${j.timeoutMs / 1000} s`)), j.timeoutMs);
      }),
    ]);
    passed++;
    console.log(`ok   ${j.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${j.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(String(error.stack ?? error).replace(/^/gm, '    '));
    let n = 0;
    for (const context of contexts) {
      for (const page of context.pages()) {
        const name = `FAILED-${j.name.replace(/[^\w-]+/g, '_')}-${++n}`;
        const path = await harness.screenshot(page, name, { full: false }).catch(() => null);
        if (path) console.log(`    screenshot of ${page.url()}: ${path}`);
      }
    }
  } finally {
    clearTimeout(timer);
    for (const context of contexts) await context.close().catch(() => {});
  }
}

if (failed > 0) {
  const tail = stack.serverLog().trim().split('\n').slice(-15).join('\n');
  console.log(`server log (last lines):\n${tail.replace(/^/gm, '    ')}`);
}
await browser.close().catch(() => {});
await stack.stop({ keep: failed > 0 && process.env.CDS_BROWSER_KEEP === '1' });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

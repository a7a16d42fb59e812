// The citizen app is installable: its manifest, its service worker (scope /app/), and a start
// without a network from what the worker kept.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

journey('pwa: manifest, service worker with scope /app/, the shell starts offline', async (t) => {
  const page = await t.newPage();
  await page.goto('/app/');
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    return (await fetch(link.href)).json();
  });
  assert.equal(manifest.name, 'Công dân số');
  assert.equal(manifest.start_url, '/app/');
  assert.equal(manifest.scope, '/app/');
  for (const icon of manifest.icons) {
    const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
    assert.equal(status, 200, icon.src);
  }
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(new URL(scope).pathname, '/app/');
  // Wait until the worker controls the page, then start again without a network.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.context().setOffline(true);
  await page.goto('/app/reports');
  await page.getByRole('heading', { level: 1, name: 'Không có kết nối mạng' }).waitFor();
  await page.getByRole('button', { name: 'Thử lại' }).waitFor();
  await page.getByRole('banner').getByText('Công dân số').waitFor();
  await t.screenshot(page, 'citizen-offline-start', { full: false });
  await page.context().setOffline(false);
});

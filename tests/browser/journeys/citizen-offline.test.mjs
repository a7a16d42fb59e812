// A report sent without a network waits on the phone ("Đang chờ gửi") with its photo, and goes
// out once when the network returns: the first answer is lost on the way back (the server made
// the report, the phone never heard), the phone tries again with the same Idempotency-Key, and the
// server has exactly one report.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { journey } from '../harness.mjs';
import { makePng } from '../lib/png.mjs';

journey('offline: a report sent without a network is queued, then sent exactly once when it returns', async (t) => {
  const page = await t.newPage({ geolocation: { latitude: 10.7626, longitude: 106.6822 } });
  const context = page.context();
  // Every report POST, from the page or its service worker, with its key and what came of it.
  const posts = [];
  const senders = [];
  context.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/reports') {
      posts.push(r.headers()['idempotency-key']);
      senders.push(r.serviceWorker() ? 'service worker' : 'page');
    }
  });

  await t.signInCitizen(page, 'Lê Hoàng Phúc');
  // While idle the app fetched what the form needs offline: categories, wards, the map's code.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /leaflet-map-[\w-]+\.js$/.test(e.name)));
  await page.waitForLoadState('networkidle');

  await context.setOffline(true);
  await page.getByRole('main').getByRole('link', { name: 'Gửi phản ánh', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh' }).waitFor();
  await page.getByRole('radio', { name: 'Cấp thoát nước' }).check();
  const tag = 'ngap' + randomBytes(4).toString('hex');
  const description = `Nước ngập sâu 40 cm trước trường tiểu học sau cơn mưa, mã ${tag}.`;
  await page.getByLabel('Nội dung phản ánh').fill(description);
  await page.getByLabel('Thêm ảnh').setInputFiles({ name: 'ngap.png', mimeType: 'image/png', buffer: makePng(1200, 900) });
  await page.getByText('Ảnh 1 sẽ được tải lên khi có mạng').waitFor();
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.getByText(/^Đã lấy vị trí/).waitFor();
  await page.getByText('Phường, xã sẽ được xác định khi gửi.').waitFor();
  await t.screenshot(page, 'citizen-offline-send-form');

  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await page.waitForURL(/\/app\/reports$/);
  await page.getByText('Chưa có mạng. Phản ánh đã được lưu trên máy và sẽ tự gửi khi có mạng trở lại.').waitFor();
  const waiting = page.getByRole('list', { name: 'Trên máy này' }).getByRole('listitem').filter({ hasText: tag });
  await waiting.getByText('Đang chờ gửi').waitFor();
  await t.screenshot(page, 'citizen-offline-pending');
  await t.checkA11y(page, 'vi my reports with a report waiting to be sent');
  assert.equal(posts.length, 0, 'nothing left the phone while offline');

  // The network returns, but the first answer is lost on its way back.
  let lost = 0;
  await context.route('**/api/v1/reports', async (route) => {
    if (route.request().method() === 'POST' && lost === 0) {
      lost += 1;
      await route.fetch(); // the server gets it and makes the report...
      await route.abort('connectionreset'); // ...but the phone never hears so
      return;
    }
    await route.fallback();
  });
  await context.setOffline(false);
  const sent = waiting.getByRole('link', { name: /^PA-\d{4}-\d{6}$/ });
  await sent.waitFor({ timeout: 30_000 });
  const code = await sent.innerText();
  await waiting.getByText('Đã gửi').waitFor();
  await t.screenshot(page, 'citizen-offline-sent');

  assert.equal(lost, 1, 'the first attempt lost its answer');
  assert.ok(posts.length >= 2, `the report was tried again (${posts.length} attempts)`);
  assert.equal(new Set(posts).size, 1, `every attempt carried the same Idempotency-Key: ${posts.join(', ')}`);
  t.log(`${posts.length} attempts (${senders.join(', ')}), one key (${posts[0]}), the first answer lost`);

  // The server has exactly one report with that text, with its photo and its place.
  const operator = t.apiAs('operator1');
  const found = await operator('GET', `/api/v1/staff/reports?q=${tag}`);
  assert.equal(found.items.length, 1, `one report, not ${found.items.length}`);
  assert.equal(found.items[0].code, code);
  const report = await operator('GET', `/api/v1/staff/reports/${found.items[0].id}`);
  assert.equal(report.photos.length, 1, 'the photo was uploaded first and attached');
  assert.equal(report.location.lat, 10.7626);
  assert.ok(report.ward, 'the ward was found from the place');

  // It also shows in My reports, from the server; the draft is gone.
  await page.getByRole('list', { name: 'Phản ánh của tôi' }).getByRole('link', { name: new RegExp(code) }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Gửi phản ánh', exact: true }).first().click();
  await page.getByRole('radio', { name: 'Cấp thoát nước' }).waitFor();
  assert.equal(await page.getByText(/Đã mở lại bản nháp/).count(), 0, 'no draft is left behind');
});

journey('offline: a draft is kept while writing and comes back after a reload', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, 'Lê Hoàng Phúc');
  await page.goto('/app/send?kind=idea');
  await page.getByRole('radio', { name: 'Xe buýt' }).check();
  await page.getByLabel('Nội dung góp ý').fill('Thêm tuyến buýt đêm từ Bến Thành đi Thủ Đức.');
  await page.waitForTimeout(1200); // the draft is saved half a second after the last change
  await page.reload();
  await page.getByText(/^Đã mở lại bản nháp lưu lúc/).waitFor();
  assert.equal(await page.getByLabel('Nội dung góp ý').inputValue(), 'Thêm tuyến buýt đêm từ Bến Thành đi Thủ Đức.');
  assert.equal(await page.getByRole('radio', { name: 'Xe buýt' }).isChecked(), true);
  await page.getByRole('button', { name: 'Bỏ bản nháp, viết mới' }).click();
  assert.equal(await page.getByLabel('Nội dung góp ý').inputValue(), '');
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByLabel('Nội dung góp ý').waitFor();
  assert.equal(await page.getByText(/^Đã mở lại bản nháp/).count(), 0);
});

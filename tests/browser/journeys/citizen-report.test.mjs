// A citizen signs in through the VNeID stand-in, sends a report with a photo, sees it in
// "My reports" with its code and status, and opens its detail. Phone-sized screenshots of each.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';
import { makePng } from '../lib/png.mjs';

journey('citizen: sign in with VNeID, send a report with a photo, find it in My reports, open it', async (t) => {
  const page = await t.newPage({ geolocation: { latitude: 10.7725, longitude: 106.698 } });
  await t.signInCitizen(page, 'Nguyễn Văn An');
  await page.getByRole('heading', { level: 1, name: 'Xin chào, Nguyễn Văn An' }).waitFor();

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'cds_session');
  const csrf = cookies.find((c) => c.name === 'cds_csrf');
  assert.ok(session?.httpOnly, 'cds_session is HttpOnly');
  assert.ok(csrf && !csrf.httpOnly, 'cds_csrf is readable by the app');
  await t.screenshot(page, 'citizen-home');

  // The quick action opens the form; focus moves to its heading.
  await page.getByRole('main').getByRole('link', { name: 'Gửi phản ánh', exact: true }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Gửi phản ánh' });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

  // Sending it empty: the server's messages appear next to their fields, nothing is created.
  await page.getByRole('radio', { name: 'Điện lực' }).waitFor();
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await page.getByRole('alert').waitFor();
  await assertInvalid(page.getByLabel('Nội dung phản ánh'));

  await page.getByRole('radio', { name: 'Điện lực' }).check();
  await page.getByLabel('Nội dung phản ánh').fill('Đèn đường trước số 12 Lê Lợi không sáng ba đêm nay.');

  // A 2000×1500 photo is made smaller on the phone (≤ 1600 px) and uploaded with progress.
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/media') && r.request().method() === 'POST');
  await page.getByLabel('Thêm ảnh').setInputFiles({ name: 'den-duong.png', mimeType: 'image/png', buffer: makePng(2000, 1500) });
  const media = await (await uploaded).json();
  assert.equal(media.width, 1600, 'the photo was resized to 1600 px before upload');
  assert.equal(media.height, 1200);
  await page.getByText('Đã tải ảnh 1 lên').waitFor();

  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.getByText(/^Đã lấy vị trí/).waitFor();
  assert.equal(await page.getByLabel('Vĩ độ').inputValue(), '10.772500');
  assert.equal(await page.getByLabel('Kinh độ').inputValue(), '106.698000');
  await page.getByLabel('Địa chỉ').fill('12 Lê Lợi, Phường Sài Gòn');
  await t.screenshot(page, 'citizen-send-form');

  const posted = page.waitForRequest((r) => r.url().endsWith('/api/v1/reports') && r.method() === 'POST');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  const request = await posted;
  const headers = request.headers();
  assert.match(headers['idempotency-key'] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(headers['x-csrf-token'], csrf.value);
  assert.equal(headers['accept-language'], 'vi');
  assert.deepEqual(JSON.parse(request.postData()).photos, [media.id]);

  // On 201 the app shows the code and goes to the report.
  await page.waitForURL(/\/app\/reports\/\d+$/);
  const sent = page.getByRole('status').filter({ hasText: /Mã phản ánh của bạn là PA-\d{4}-\d{6}/ });
  const code = (await sent.innerText()).match(/PA-\d{4}-\d{6}/)[0];
  await page.getByRole('heading', { level: 1, name: code }).waitFor();
  await page.getByText('Đã tiếp nhận').first().waitFor();
  // The ward, from the server's answer (nearest ward to the point).
  const facts = await page.locator('dl.facts').innerText();
  assert.match(facts, /Phường, xã\s+Phường \S/);
  const photo = page.getByRole('list', { name: 'Hình ảnh đính kèm' }).getByRole('img', { name: 'Ảnh 1' });
  await photo.waitFor();
  await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
  await page.getByRole('list').filter({ hasText: 'Gửi phản ánh' }).getByText('Bạn').waitFor(); // timeline
  await t.screenshot(page, 'citizen-report-detail');

  // My reports lists it with its code and status; opening it shows the same report.
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Phản ánh của tôi' }).click();
  await page.getByRole('heading', { level: 1, name: 'Phản ánh của tôi' }).waitFor();
  const item = page.getByRole('listitem').filter({ hasText: code });
  await item.getByText('Đã tiếp nhận').waitFor();
  await t.screenshot(page, 'citizen-my-reports');
  await item.getByRole('link', { name: new RegExp(code) }).click();
  await page.getByRole('heading', { level: 1, name: code }).waitFor();
  await page.getByRole('button', { name: 'Rút phản ánh' }).waitFor(); // received: may still be withdrawn
});

async function assertInvalid(locator) {
  await locator.waitFor();
  assert.equal(await locator.getAttribute('aria-invalid'), 'true');
}

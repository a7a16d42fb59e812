// Before sending, the app suggests an open report of the same category a few metres away;
// "follow this instead" follows it and drops the new one. The followed report is then in
// "Reports I follow", and public reports near me lists it with its distance.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { journey } from '../harness.mjs';

// A corner of Củ Chi that no other journey uses.
const here = { lat: 10.981234, lon: 106.491234 };

journey('nearby: a similar report a few metres away is suggested, "follow this instead" follows it', async (t) => {
  // Someone else reported a fallen tree here.
  const tag = 'cay' + randomBytes(4).toString('hex');
  const neighbour = t.apiAs('citizen2');
  const first = await neighbour('POST', '/api/v1/reports', {
    category: 'cay_xanh',
    description: `Cây đổ chắn ngang đường, ${tag}.`,
    lat: here.lat,
    lon: here.lon,
  });

  const page = await t.newPage({ geolocation: { latitude: here.lat + 0.00004, longitude: here.lon + 0.00003 } });
  await t.signInCitizen(page, 'Võ Minh Khoa');
  await page.getByRole('main').getByRole('link', { name: 'Gửi phản ánh', exact: true }).click();
  await page.getByRole('radio', { name: 'Cây xanh' }).check();
  await page.getByLabel('Nội dung phản ánh').fill('Cây to ngã ra giữa đường, xe không qua được.');
  // A few metres away: the phone's location.
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.getByText(/^Đã lấy vị trí/).waitFor();

  const suggestions = page.getByRole('region', { name: 'Phản ánh tương tự ở gần' });
  const item = suggestions.getByRole('listitem').filter({ hasText: first.code });
  await item.waitFor();
  await item.getByText(/cách \d m/).waitFor();
  await page.getByText(/^Phường, xã: /).waitFor();
  await t.screenshot(page, 'citizen-nearby-suggestion');
  await t.checkA11y(page, 'vi send form with a suggestion');

  await item.getByRole('button', { name: 'Theo dõi phản ánh này' }).click();
  await page.waitForURL(new RegExp(`/app/reports/${first.id}$`));
  await page.getByText(`Bạn đang theo dõi phản ánh ${first.code} và sẽ được báo khi có bước xử lý mới.`).waitFor();
  await page.getByRole('heading', { level: 1, name: first.code }).waitFor();
  await page.getByRole('button', { name: 'Bỏ theo dõi' }).waitFor();

  // The server knows: this citizen follows it, and no new report was sent.
  const following = await (await page.request.get('/api/v1/reports?following=true')).json();
  assert.deepEqual(following.items.map((r) => r.id), [first.id]);
  const mine = await (await page.request.get('/api/v1/reports?mine=true')).json();
  assert.equal(mine.items.length, 0, 'following instead sent nothing');

  // The new report's draft is gone.
  await page.goto('/app/send?kind=report');
  await page.getByRole('radio', { name: 'Cây xanh' }).waitFor();
  assert.equal(await page.getByText(/Đã mở lại bản nháp/).count(), 0);

  // Reports I follow.
  await page.goto('/app/');
  await page.getByRole('main').getByRole('link', { name: 'Đang theo dõi' }).click();
  await page.getByRole('heading', { level: 1, name: 'Phản ánh đang theo dõi' }).waitFor();
  await page.getByRole('list', { name: 'Phản ánh đang theo dõi' }).getByRole('link', { name: new RegExp(first.code) }).waitFor();
  await t.screenshot(page, 'citizen-following');
  await t.checkA11y(page, 'vi following');

  // Public reports near me, nearest first, with the distance.
  await page.getByRole('link', { name: 'Phản ánh quanh đây' }).click();
  await page.getByRole('heading', { level: 1, name: 'Phản ánh quanh đây' }).waitFor();
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  const near = page.getByRole('list', { name: 'Phản ánh quanh đây, gần nhất trước' });
  await near.getByRole('listitem').filter({ hasText: first.code }).getByText(/cách \d m/).waitFor();
  await t.screenshot(page, 'citizen-nearby-list');
  await t.checkA11y(page, 'vi nearby');
});

journey('nearby (en): the send form with its map, reports I follow and reports near me pass axe', async (t) => {
  const page = await t.newPage({ lang: 'en', geolocation: { latitude: here.lat, longitude: here.lon } });
  await t.signInCitizen(page, 'Đặng Ngọc Lan Anh');
  await page.getByRole('main').getByRole('link', { name: 'Send a report', exact: true }).click();
  await page.getByRole('radio', { name: 'Trees and parks' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByRole('region', { name: 'Similar reports nearby' }).getByRole('button', { name: 'Follow this instead' }).first().waitFor();
  await page.locator('.map-pin').waitFor();
  await t.checkA11y(page, 'en send form with the map');
  await t.screenshot(page, 'en-send-form-map');

  await page.goto('/app/following');
  await page.getByRole('heading', { level: 1, name: 'Reports I follow' }).waitFor();
  await page.getByText('You do not follow any report yet.').waitFor();
  await t.checkA11y(page, 'en following');
  await t.screenshot(page, 'en-following');

  await page.goto('/app/nearby');
  await page.getByRole('button', { name: 'Use my location' }).click();
  const near = page.getByRole('list', { name: 'Reports near me, nearest first' });
  await near.getByRole('listitem').first().getByText(/^\d+ m away$/).waitFor();
  await t.checkA11y(page, 'en nearby');
  await t.screenshot(page, 'en-nearby');
});

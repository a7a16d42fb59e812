// The map works without a tile server (this server's default, and many test rooms'): a tap puts
// the pin, the pin can be dragged, the coordinates and the ward follow, the report's page shows
// it again — and not one request leaves 127.0.0.1.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

journey('map: without tiles, pick a point by tapping and dragging; no request leaves 127.0.0.1', async (t) => {
  const page = await t.newPage();
  const requests = [];
  page.context().on('request', (r) => requests.push(r.url()));

  await t.signInCitizen(page, 'Nguyễn Văn An');
  const config = await (await page.request.get('/api/v1/config')).json();
  assert.equal(config.map_tiles_url, '', 'this server has no tile URL');

  await page.goto('/app/send?kind=report');
  await page.getByRole('radio', { name: 'Giao thông' }).check();
  await page.getByLabel('Nội dung phản ánh').fill('Ổ gà lớn giữa làn xe máy, nhiều người suýt ngã.');
  const map = page.getByRole('region', { name: 'Bản đồ chọn vị trí' });
  await map.waitFor();
  // The wards' centres are drawn, and the map says it has no base layer.
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-overlay-pane path').length >= 168);
  await page.getByText('Bản đồ không có nền: các chấm là trung tâm phường, xã; phóng to để thấy tên.').waitFor();
  assert.equal(await page.locator('.leaflet-tile').count(), 0, 'no tile is drawn');

  // A tap puts the pin there and fills the coordinates; the ward of that point is shown.
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  await page.mouse.click(box.x + box.width / 2 + 30, box.y + box.height / 2 - 20);
  await page.locator('.map-pin').waitFor();
  const lat1 = Number(await page.getByLabel('Vĩ độ').inputValue());
  const lon1 = Number(await page.getByLabel('Kinh độ').inputValue());
  assert.ok(lat1 > 10 && lat1 < 11.5 && lon1 > 106 && lon1 < 107.5, `a point in the city: ${lat1}, ${lon1}`);
  await page.getByText(/^Phường, xã: (Phường|Xã) /).waitFor();

  // Dragging the pin moves the point.
  await map.scrollIntoViewIfNeeded();
  const pin = await page.locator('.map-pin').boundingBox();
  await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height / 2);
  await page.mouse.down();
  await page.mouse.move(pin.x + pin.width / 2 + 25, pin.y + pin.height / 2 + 35, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((before) => document.querySelector('#lat')?.value !== before, String(lat1));
  const lat2 = Number(await page.getByLabel('Vĩ độ').inputValue());
  const lon2 = Number(await page.getByLabel('Kinh độ').inputValue());
  assert.ok(lat2 < lat1 && lon2 > lon1, `dragged south-east: ${lat1},${lon1} → ${lat2},${lon2}`);

  // Typed coordinates move the pin too (the keyboard's way).
  await page.getByLabel('Vĩ độ').fill('10.7769');
  await page.getByLabel('Kinh độ').fill('106.7009');
  await page.getByText('Phường, xã: Phường Sài Gòn').waitFor();
  await t.screenshot(page, 'citizen-map-no-tiles');

  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await page.waitForURL(/\/app\/reports\/\d+$/);
  // The report's page shows its place on the same kind of map.
  await page.getByRole('region', { name: /^Vị trí của phản ánh PA-\d{4}-\d{6} trên bản đồ$/ }).waitFor();
  await page.locator('.map-pin').waitFor();
  await t.screenshot(page, 'citizen-map-report-detail');

  const outside = requests.filter((url) => {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '127.0.0.1';
  });
  assert.deepEqual(outside, [], 'every request stayed on 127.0.0.1');
  assert.ok(requests.length > 10, `requests were recorded (${requests.length})`);
});

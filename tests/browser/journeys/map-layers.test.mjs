// The city map: public reports as clusters with counts that split as one zooms in, until single
// reports show; a layer of points of interest switched on; the wards; and the demo's anonymous
// report (sent from 10.7712, 106.6931) never at its place in anything the page receives. The
// staff console's map of reports uses the same endpoint, with filters.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

// The demo's anonymous flood report on Lê Lai (src/app/demo_seed.cpp): its exact place.
const secret = [/(^|[^0-9])10\.7712(?![0-9])/, /(^|[^0-9])106\.6931(?![0-9])/];

function watchApi(page) {
  const bodies = [];
  page.on('response', (r) => {
    // Every JSON answer (the live stream never ends, and carries nothing of the map).
    if (new URL(r.url()).pathname.startsWith('/api/') && /json/.test(r.headers()['content-type'] ?? ''))
      bodies.push(r.text().then((text) => ({ url: r.url(), text }), () => ({ url: r.url(), text: '' })));
  });
  return async () => Promise.all(bodies);
}

// Clicks the busiest cluster until single reports show (each click fits the map to its cell).
async function zoomIntoClusters(page) {
  for (let i = 0; i < 8; i++) {
    if ((await page.locator('.map-report').count()) > 0) return;
    const counts = await page.locator('.map-cluster').evaluateAll((els) => els.map((e) => Number(e.textContent)));
    assert.ok(counts.length > 0, 'a cluster to open');
    const busiest = counts.indexOf(Math.max(...counts));
    const before = await page.getByRole('status').filter({ hasText: /phản ánh trong vùng đang xem/ }).innerText();
    // By keyboard, as the markers are keyboard stops (and other journeys' reports may overlap).
    await page.locator('.map-cluster').nth(busiest).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (text) => {
        const s = document.querySelector('#map-summary');
        return s && s.textContent !== text && s.textContent !== '';
      },
      before,
    );
  }
  assert.fail('zooming in never showed single reports');
}

journey('map layers: clusters split into reports, a layer of places, wards; no anonymous place leaks', async (t) => {
  const page = await t.newPage();
  const received = watchApi(page);
  // Public: no sign-in needed.
  await page.goto('/app/map');
  await page.getByRole('heading', { level: 1, name: 'Bản đồ' }).waitFor();
  const map = page.getByRole('region', { name: 'Bản đồ thành phố' });
  await map.waitFor();
  await page.locator('.map-cluster').first().waitFor();
  const summary = page.locator('#map-summary');
  await page.waitForFunction(() => /gom thành \d+ cụm/.test(document.querySelector('#map-summary')?.textContent ?? ''));
  const total = Number((await summary.innerText()).match(/^(\d+) phản ánh/)[1]);
  assert.ok(total >= 5, `the demo's public reports are counted: ${total}`);
  const counts = await page.locator('.map-cluster').evaluateAll((els) => els.map((e) => Number(e.textContent)));
  assert.equal(counts.reduce((a, b) => a + b, 0), total, 'the clusters add up to the total');
  assert.ok(Math.max(...counts) >= 2, `reports close together are one cluster: ${counts}`);
  // A cluster marker says what it is to a screen reader and is a keyboard stop.
  const first = page.locator('.map-cluster').first();
  assert.match(await first.getAttribute('title'), /^\d+ phản ánh ở khu vực này, chọn để phóng to$/);
  assert.equal(await first.getAttribute('tabindex'), '0');

  // Hospitals: one layer switched on shows its places on the map and in words below it.
  const health = page.getByRole('checkbox', { name: /^Cơ sở y tế \(\d+\)$/ });
  await health.check();
  await page.locator('.map-poi.layer-health').first().waitFor();
  assert.ok((await page.locator('.map-poi.layer-health').count()) >= 5);
  await page.getByRole('region', { name: 'Địa điểm trong vùng đang xem' }).getByText('Bệnh viện Chợ Rẫy').waitFor();
  // The wards' centres.
  await page.getByRole('checkbox', { name: 'Phường, xã' }).check();
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-overlay-pane path').length >= 168);
  await t.checkA11y(page, 'city map with layers');
  await t.screenshot(page, 'map-layers-clusters');
  await health.uncheck();
  await page.waitForFunction(() => document.querySelectorAll('.map-poi').length === 0);
  await page.getByRole('checkbox', { name: 'Phường, xã' }).uncheck();

  // Zooming in splits the clusters until single reports show, each with its code.
  await zoomIntoClusters(page);
  await page.waitForFunction(() => /^\d+ phản ánh trong vùng đang xem\.$/.test(document.querySelector('#map-summary')?.textContent ?? ''));
  const titles = await page.locator('.map-report').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  assert.ok(titles.every((title) => /^PA-\d{4}-\d{6}: .+, .+$/.test(title)), titles.join(' | '));
  await page.locator('.map-report').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('.leaflet-popup').getByRole('link', { name: 'Xem phản ánh' }).waitFor();
  await t.screenshot(page, 'map-layers-points');

  // A filter that nothing matches empties the map.
  await page.getByLabel('Trạng thái').selectOption('closed');
  await page.waitForFunction(() => document.querySelectorAll('.map-report').length === 0);

  // Nothing the page received holds the anonymous report's own place.
  for (const { url, text } of await received()) {
    for (const pattern of secret) assert.doesNotMatch(text, pattern, `${url} leaks the anonymous report's place`);
  }
});

journey('map layers: the staff console shows the same map of reports, with filters', async (t) => {
  const page = await t.newPage({ phone: false });
  const received = watchApi(page);
  await t.signInStaff(page, 'leader1', 'congdanso-demo');
  await page.getByRole('link', { name: 'Bản đồ' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bản đồ phản ánh' }).waitFor();
  await page.locator('.map-cluster').first().waitFor();
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Cây xanh' });
  await page.waitForFunction(() => /^1 phản ánh trong vùng đang xem/.test(document.querySelector('#map-summary')?.textContent ?? ''));
  await page.getByLabel('Từ ngày').fill('2099-01-01');
  await page.waitForFunction(() => /^0 phản ánh trong vùng đang xem/.test(document.querySelector('#map-summary')?.textContent ?? ''));
  await t.checkA11y(page, 'staff map of reports');
  await t.screenshot(page, 'map-layers-staff', { full: false });
  for (const { url, text } of await received()) {
    if (!url.includes('/api/v1/map/')) continue;
    for (const pattern of secret) assert.doesNotMatch(text, pattern, `${url} leaks the anonymous report's place`);
  }
});

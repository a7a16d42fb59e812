// The ward of a report's pin comes from the real ward boundaries (docs/GEOGRAPHY.md): a pin placed
// in Bến Thành shows Phường Bến Thành, a point in Phường Sài Gòn near Bến Thành's centre shows
// Sài Gòn (the nearest-centre guess would not), and a point out at sea is refused in words.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { journey, wardBoundaries } from '../harness.mjs';

journey('ward: a pin in Bến Thành shows Phường Bến Thành; a point at sea is outside the city', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, 'Nguyễn Văn An');
  await page.goto('/app/send?kind=report');
  const map = page.getByRole('region', { name: 'Bản đồ chọn vị trí' });
  await map.waitFor();

  // Chợ Bến Thành, typed: the pin goes there and the map centres on it.
  await page.getByLabel('Vĩ độ').fill('10.7725');
  await page.getByLabel('Kinh độ').fill('106.6980');
  await page.locator('.map-pin').waitFor();
  await page.getByText('Phường, xã: Phường Bến Thành').waitFor();

  // A tap just beside the pin (west of the market, still in the ward) moves it there.
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  await page.mouse.click(box.x + box.width / 2 - 25, box.y + box.height / 2 + 10);
  await page.waitForFunction(() => document.querySelector('#lon')?.value !== '106.6980');
  const lon = Number(await page.getByLabel('Kinh độ').inputValue());
  assert.ok(lon < 106.698 && lon > 106.69, `tapped west of the market: ${lon}`);
  await page.getByText('Phường, xã: Phường Bến Thành').waitFor();
  await t.screenshot(page, 'citizen-ward-ben-thanh');

  if (existsSync(wardBoundaries)) {
    // Inside Phường Sài Gòn, yet nearer to Phường Bến Thành's centre: only the real shape knows.
    await page.getByLabel('Vĩ độ').fill('10.7711');
    await page.getByLabel('Kinh độ').fill('106.70312');
    await page.getByText('Phường, xã: Phường Sài Gòn').waitFor();
  }

  // Out at sea, south of Vũng Tàu: the ward line says why it cannot be filed.
  await page.getByLabel('Vĩ độ').fill('10.2');
  await page.getByLabel('Kinh độ').fill('107.0');
  await page.locator('.ward-line').getByText('Vị trí nằm ngoài Thành phố Hồ Chí Minh.').waitFor();
  await t.screenshot(page, 'citizen-ward-outside');
});

// The directory of public apps: admin1 adds an app in the console (a javascript: address is
// refused by its field first), gives it an icon and the VNeID badge, and moves it up. A citizen
// reaches the directory from the home screen's tile and finds it with its badge, its icon and a
// safe external link (https, a new tab, rel="noopener noreferrer"), next to the seeded apps drawn
// as monograms; the category chips narrow the list, English shows the English texts. Once the
// admin hides the app, residents no longer see it. axe checks the directory and the console.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';
import { makePng } from '../lib/png.mjs';

const app = {
  name: 'Sổ tay Y tế Thử nghiệm',
  name_en: 'Trial Health Handbook',
  description: 'Tra cứu cơ sở y tế gần nhà và lịch tiêm chủng của gia đình.',
  description_en: 'Find health facilities near home and the family vaccination calendar.',
  url: 'https://example.gov.vn/so-tay-y-te',
};

journey('apps directory: an admin adds an app; the citizen sees it with its badge and a safe external link', async (t) => {
  // The console.
  const desk = await t.newPage({ phone: false });
  await t.signInStaff(desk, 'admin1', 'congdanso-demo');
  await desk.getByRole('navigation', { name: 'Điều hướng cán bộ' }).getByRole('link', { name: 'Quản trị' }).click();
  await desk.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  await desk.getByRole('navigation', { name: 'Các phần quản trị' }).getByRole('link', { name: 'Ứng dụng công' }).click();
  await desk.getByRole('heading', { level: 2, name: 'Ứng dụng công' }).waitFor();
  await desk.getByRole('rowheader', { name: 'VNeID' }).waitFor(); // seeded by `congdanso seed`
  const seeded = await desk.getByRole('row').count();

  await desk.getByRole('button', { name: 'Thêm ứng dụng' }).click();
  await desk.getByRole('heading', { level: 3, name: 'Thêm ứng dụng' }).waitFor();
  await desk.getByLabel('Tên tiếng Việt').fill(app.name);
  await desk.getByLabel('Tên tiếng Anh').fill(app.name_en);
  await desk.getByLabel('Mô tả tiếng Việt').fill(app.description);
  await desk.getByLabel('Mô tả tiếng Anh').fill(app.description_en);
  await desk.getByLabel('Lĩnh vực').selectOption('health');
  const web = desk.getByLabel('Trang web');
  await web.fill('javascript:alert(document.cookie)');
  await desk.getByRole('button', { name: 'Lưu', exact: true }).click();
  await desk.getByRole('alert').waitFor();
  assert.equal(await web.getAttribute('aria-invalid'), 'true');
  const webError = (await web.getAttribute('aria-describedby')).split(' ').pop();
  assert.match(await desk.locator(`#${webError}`).innerText(), /https:\/\//);
  await desk.waitForFunction(() => document.activeElement?.getAttribute('name') === 'web_url');
  await t.checkA11y(desk, 'public apps form with an error');
  // Every field in error at once, focus on the first of them on screen.
  await desk.getByLabel('Tên tiếng Việt').fill('');
  await desk.getByRole('button', { name: 'Lưu', exact: true }).click();
  await desk.waitForFunction(() => document.activeElement?.getAttribute('name') === 'name');
  assert.equal(await web.getAttribute('aria-invalid'), 'true');
  await desk.getByLabel('Tên tiếng Việt').fill(app.name);

  await web.fill(app.url);
  await desk.getByLabel('Biểu tượng').setInputFiles({ name: 'so-tay.png', mimeType: 'image/png', buffer: makePng(600, 600) });
  await desk.waitForFunction(() => document.querySelector('.app-icon-field img.app-icon')?.naturalWidth > 0);
  await desk.getByLabel('Đăng nhập được bằng VNeID').check();
  await desk.getByRole('button', { name: 'Lưu', exact: true }).click();
  await desk.getByRole('status').filter({ hasText: `Đã thêm ${app.name}.` }).waitFor();
  const row = desk.getByRole('row').filter({ has: desk.getByRole('rowheader', { name: app.name }) });
  await row.waitFor();
  assert.equal(await desk.getByRole('row').count(), seeded + 1);
  // Added last; one step up.
  await row.getByRole('button', { name: `Lên ${app.name}` }).click();
  await desk.getByRole('status').filter({ hasText: `Đã chuyển ${app.name} đến vị trí ${seeded - 1}.` }).waitFor();
  await desk.waitForFunction(() => document.activeElement?.id?.endsWith('-up'));
  await t.checkA11y(desk, 'public apps console');
  await t.screenshot(desk, 'apps-console', { full: false });

  // The citizen: from the home screen's tile to the directory.
  const page = await t.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await t.signInCitizen(page, 'Nguyễn Văn An');
  await page.getByRole('link', { name: 'Ứng dụng công', exact: true }).click();
  await page.waitForURL(/\/app\/apps$/);
  await page.getByRole('heading', { level: 1, name: 'Ứng dụng công' }).waitFor();
  const list = page.getByRole('list', { name: 'Ứng dụng công' });
  const card = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: app.name }) });
  await card.waitFor();
  await card.getByText('Đăng nhập bằng VNeID', { exact: true }).waitFor();
  await card.getByText(app.description).waitFor();
  await card.scrollIntoViewIfNeeded(); // icons load lazily, as they come into view
  await page.waitForFunction((name) => {
    const item = [...document.querySelectorAll('.app-card')].find((c) => c.querySelector('h2')?.textContent === name);
    return item?.querySelector('img.app-icon')?.naturalWidth > 0;
  }, app.name);
  const open = card.getByRole('link', { name: `Mở trang web của ${app.name} (mở trong thẻ mới)` });
  assert.equal(await open.getAttribute('href'), app.url);
  assert.equal(await open.getAttribute('target'), '_blank');
  assert.deepEqual((await open.getAttribute('rel')).split(/\s+/).sort(), ['noopener', 'noreferrer']);
  // The seeded apps are there, drawn as monograms when they have no icon.
  const vneid = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'VNeID', exact: true }) });
  await vneid.locator('svg.app-icon text', { hasText: 'VN' }).waitFor();
  assert.equal(await vneid.getByRole('link', { name: /^Google Play/ }).getAttribute('href'), 'https://play.google.com/store/apps/details?id=com.vnid');
  // Every address on the screen is https (no javascript:, data: or http:) and opens safely.
  const links = await page.evaluate(() => [...document.querySelectorAll('.apps-list a')].map((a) => ({ href: a.getAttribute('href'), target: a.target, rel: a.rel })));
  assert.ok(links.length > 5);
  for (const link of links) {
    assert.match(link.href, /^https:\/\//, link.href);
    assert.equal(link.target, '_blank', link.href);
    assert.match(link.rel, /noopener/, link.href);
  }
  await t.checkA11y(page, 'apps directory');
  await t.screenshot(page, 'apps-directory');

  // The category chips narrow the list.
  await page.getByRole('radio', { name: 'Y tế' }).check();
  await card.waitFor();
  assert.equal(await vneid.count(), 0);
  await page.getByRole('radio', { name: 'Tất cả' }).check();
  await vneid.waitFor();

  // In English, the English texts.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Public apps' }).waitFor();
  const cardEn = page.getByRole('list', { name: 'Public apps' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: app.name_en }) });
  await cardEn.getByText('Sign in with VNeID', { exact: true }).waitFor();
  await cardEn.getByText(app.description_en).waitFor();
  await t.checkA11y(page, 'apps directory (en)');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();

  // Hidden by the admin: residents no longer see it (a fresh load: the list may be cached a minute).
  await row.getByRole('button', { name: `Ẩn ${app.name}` }).click();
  await desk.getByRole('status').filter({ hasText: `Đã ẩn ${app.name} với người dân.` }).waitFor();
  await row.getByText('Đã ẩn', { exact: true }).waitFor();
  const visitor = await t.newPage();
  await visitor.goto('/app/apps');
  await visitor.getByRole('heading', { level: 2, name: 'VNeID', exact: true }).waitFor();
  assert.equal(await visitor.getByRole('heading', { name: app.name }).count(), 0);
  assert.deepEqual(dialogs, []);
});

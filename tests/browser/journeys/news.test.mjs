// News: editor1 writes an announcement whose Markdown carries a script, an event handler and a
// javascript: link (the server's message shows by the title first), sees the live preview without
// any of them, adds a cover image, pins it and publishes it; a second item is scheduled for
// tomorrow. A visitor who is not signed in sees the announcement among the latest news of the home
// screen, finds it in the news list with a search typed without accents and with the kind chips,
// and reads it: no script, no javascript: address and no event handler came through, no dialog
// opened, the date follows the language. The scheduled item shows nowhere public. Once the editor
// unpublishes the announcement, its address answers "not found". axe checks the new screens.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';
import { makePng } from '../lib/png.mjs';

const title = 'Thông báo ngập nước đường Nguyễn Hữu Cảnh';
const summary = 'Triều cường chiều nay: xe đi vòng qua đường Điện Biên Phủ.';
const body = [
  '## Lịch điều tiết giao thông',
  '',
  'Từ **17 giờ** hôm nay, đường Nguyễn Hữu Cảnh cấm xe qua đoạn ngập.',
  '',
  '<script>alert("xss-script")</script>',
  '',
  '<img src="x" onerror="alert(\'xss-img\')">',
  '',
  '[Xem bản đồ](javascript:alert("xss-link")) · [Hỏi đáp](JaVaScRiPt:alert(1))',
  '',
  '- Gọi **1022** khi cần hỗ trợ.',
  '- Theo dõi thông báo trên ứng dụng.',
].join('\n');
const scheduledTitle = 'Hướng dẫn nộp hồ sơ trực tuyến (sắp đăng)';

// What must never reach a page from an article's body, read from the live DOM under `root`.
async function unsafeIn(page, root) {
  return page.evaluate((selector) => {
    const scope = document.querySelector(selector);
    if (!scope) return ['no element ' + selector];
    const found = [];
    for (const el of scope.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'style'].includes(tag)) found.push(`<${tag}>`);
      for (const attr of el.getAttributeNames()) {
        const value = (el.getAttribute(attr) ?? '').replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (attr.startsWith('on')) found.push(`${tag}[${attr}]`);
        if (value.startsWith('javascript:') || value.startsWith('vbscript:') || value.startsWith('data:text/html')) found.push(`${tag}[${attr}=${value}]`);
      }
    }
    return found;
  }, root);
}

// The city's wall-clock time tomorrow at 09:00, as a datetime-local field takes it.
function tomorrowNine() {
  const city = new Date(Date.now() + 7 * 3600 * 1000 + 24 * 3600 * 1000);
  return city.toISOString().slice(0, 10) + 'T09:00';
}

journey('news: an editor publishes an announcement with XSS payloads; a visitor finds it without accents and reads it safely', async (t) => {
  const dialogs = [];
  const watch = (page, who) =>
    page.on('dialog', (dialog) => {
      dialogs.push(`${who}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });

  // The editor's desk.
  const desk = await t.newPage({ phone: false });
  watch(desk, 'editor');
  await t.signInStaff(desk, 'editor1', 'congdanso-demo');
  const nav = desk.getByRole('navigation', { name: 'Điều hướng cán bộ' });
  await nav.getByRole('link', { name: 'Tin tức' }).waitFor();
  await desk.getByRole('heading', { level: 1, name: 'Tin tức' }).waitFor();
  await desk.getByRole('link', { name: 'Viết tin mới' }).click();
  await desk.getByRole('heading', { level: 1, name: 'Viết tin mới' }).waitFor();

  await desk.getByLabel('Loại tin').selectOption('announcement');
  await desk.getByLabel('Tóm tắt').fill(summary);
  await desk.getByLabel('Nội dung (Markdown)').fill(body);

  // The preview follows the Markdown, rendered and sanitized by the server.
  const preview = desk.getByRole('region', { name: 'Xem trước' });
  await preview.getByRole('heading', { name: 'Lịch điều tiết giao thông' }).waitFor();
  await preview.getByRole('listitem').filter({ hasText: 'Gọi 1022 khi cần hỗ trợ.' }).waitFor();
  assert.equal(await preview.locator('strong', { hasText: '17 giờ' }).count(), 1);
  assert.deepEqual(await unsafeIn(desk, '.news-preview'), [], 'the preview holds nothing executable');

  // Without a title the server refuses, by the title field.
  await desk.getByRole('button', { name: 'Lưu nháp' }).click();
  await desk.getByRole('alert').waitFor();
  const titleField = desk.getByLabel('Tiêu đề', { exact: true });
  assert.equal(await titleField.getAttribute('aria-invalid'), 'true');
  const titleError = (await titleField.getAttribute('aria-describedby')).split(' ').pop();
  assert.notEqual((await desk.locator(`#${titleError}`).innerText()).trim(), '');
  await desk.waitForFunction(() => document.activeElement?.getAttribute('name') === 'title');
  await t.checkA11y(desk, 'news editor with an error');

  await titleField.fill(title);
  await desk.getByLabel('Ảnh bìa').setInputFiles({ name: 'trieu-cuong.png', mimeType: 'image/png', buffer: makePng(1600, 1000) });
  const thumb = desk.getByRole('img', { name: 'Ảnh bìa đã chọn' });
  await thumb.waitFor();
  await desk.waitForFunction(() => document.querySelector('.cover-thumb img')?.naturalWidth > 0);
  await desk.getByLabel('Ghim lên đầu danh sách').check();
  await desk.getByLabel('Báo cho người dân').waitFor(); // an announcement may notify residents
  await desk.getByRole('button', { name: 'Lưu nháp' }).click();
  await desk.getByRole('status').filter({ hasText: `Đã lưu bản nháp “${title}”.` }).waitFor();
  await desk.waitForURL(/\/staff\/news\/\d+$/);
  const id = Number(new URL(desk.url()).pathname.split('/').pop());
  await desk.getByRole('heading', { level: 1, name: 'Sửa tin' }).waitFor();
  await desk.locator('.news-state').getByText('Bản nháp', { exact: true }).waitFor();
  await t.checkA11y(desk, 'news editor');
  await t.screenshot(desk, 'news-editor', { full: false });

  // A draft is not public.
  assert.equal((await fetch(`${t.stack.url}/api/v1/news/${id}`)).status, 404);

  await desk.getByRole('button', { name: 'Đăng ngay' }).click();
  await desk.getByRole('status').filter({ hasText: `Đã đăng “${title}”.` }).waitFor();
  await desk.locator('.news-state').getByText('Đã đăng', { exact: true }).waitFor();
  await desk.getByRole('link', { name: 'Xem trên ứng dụng người dân' }).waitFor();

  // A second item, scheduled for tomorrow morning.
  await desk.getByRole('link', { name: 'Về danh sách tin' }).click();
  await desk.getByRole('heading', { level: 1, name: 'Tin tức' }).waitFor();
  await desk.getByRole('link', { name: 'Viết tin mới' }).click();
  await desk.getByLabel('Loại tin').selectOption('guide');
  await desk.getByLabel('Tiêu đề', { exact: true }).fill(scheduledTitle);
  await desk.getByLabel('Tóm tắt').fill('Các bước nộp hồ sơ trên Cổng dịch vụ công.');
  await desk.getByLabel('Nội dung (Markdown)').fill('1. Đăng nhập bằng VNeID.\n2. Chọn thủ tục.\n3. Nộp hồ sơ.');
  assert.equal(await desk.getByLabel('Báo cho người dân').count(), 0, 'only announcements notify');
  await desk.getByLabel('Thời điểm đăng').fill(tomorrowNine());
  await desk.getByRole('button', { name: 'Hẹn giờ đăng' }).click();
  await desk.getByRole('status').filter({ hasText: `Đã hẹn giờ đăng “${scheduledTitle}”` }).waitFor();
  await desk.locator('.news-state').getByText('Đã hẹn giờ', { exact: true }).waitFor();

  // The desk lists both, with their states.
  await desk.getByRole('link', { name: 'Về danh sách tin' }).click();
  const rowOf = (name) => desk.getByRole('row').filter({ has: desk.getByRole('rowheader', { name }) });
  await rowOf(title).getByText('Đã đăng', { exact: true }).waitFor();
  await rowOf(scheduledTitle).getByText('Đã hẹn giờ', { exact: true }).waitFor();
  await t.checkA11y(desk, 'news desk list');
  await t.screenshot(desk, 'news-desk', { full: false });

  // A visitor, not signed in: the latest news on the home screen.
  const page = await t.newPage();
  watch(page, 'visitor');
  await page.goto('/app/');
  const latest = page.getByRole('region', { name: 'Tin mới' });
  await latest.getByRole('link', { name: title }).waitFor();
  assert.equal(await latest.getByRole('link', { name: scheduledTitle }).count(), 0, 'a scheduled item is not out yet');
  await t.screenshot(page, 'news-home-latest');

  // The list: found with a search typed without accents, and by its kind.
  await latest.getByRole('link', { name: 'Xem tất cả tin tức' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tin tức, thông báo' }).waitFor();
  const list = page.getByRole('list', { name: 'Tin tức, thông báo' });
  await list.getByRole('link', { name: title }).waitFor();
  await t.checkA11y(page, 'news list');
  await page.getByLabel('Tìm tin').fill('khong co tin nay');
  await page.getByRole('status').filter({ hasText: 'Không có tin nào phù hợp.' }).waitFor();
  await page.getByLabel('Tìm tin').fill('ngap nuoc duong nguyen huu canh');
  const card = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await card.waitFor();
  await card.getByText('Tin ghim', { exact: true }).waitFor();
  await card.getByText('Thông báo', { exact: true }).waitFor();
  assert.match(new URL(page.url()).search, /q=ngap/);
  await page.getByRole('radio', { name: 'Hướng dẫn' }).check();
  await page.getByRole('status').filter({ hasText: 'Không có tin nào phù hợp.' }).waitFor();
  await page.getByRole('radio', { name: 'Thông báo' }).check();
  await list.getByRole('link', { name: title }).waitFor();
  await page.getByLabel('Tìm tin').fill('truc tuyen (sap dang)');
  await page.getByRole('radio', { name: 'Tất cả' }).check();
  await page.getByRole('status').filter({ hasText: 'Không có tin nào phù hợp.' }).waitFor();
  await t.screenshot(page, 'news-list-search');

  // The article: its body without anything executable, its cover, its date in the language.
  await page.getByLabel('Tìm tin').fill('NGẬP NƯỚC');
  await list.getByRole('link', { name: title }).click();
  await page.waitForURL(new RegExp(`/app/news/${id}$`));
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const article = page.getByRole('article', { name: title });
  await article.getByRole('heading', { name: 'Lịch điều tiết giao thông' }).waitFor();
  await article.getByText(summary).waitFor();
  await page.waitForFunction(() => document.querySelector('.news-cover')?.naturalWidth > 0);
  await page.waitForTimeout(500); // anything the body could run has had its chance
  assert.deepEqual(await unsafeIn(page, 'main'), [], 'the article holds nothing executable');
  assert.equal(await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length), 0, 'no inline script in the page');
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length), 0);
  const date = article.locator('.news-meta time');
  assert.match(await date.innerText(), /thg \d+/);
  await t.checkA11y(page, 'news article');
  await t.screenshot(page, 'news-article');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Back to all news' }).waitFor();
  assert.match(await date.innerText(), /[A-Z][a-z]{2} \d{4}/);
  await t.checkA11y(page, 'news article (en)');
  await page.getByRole('link', { name: 'Back to all news' }).click();
  await page.getByRole('heading', { level: 1, name: 'News and announcements' }).waitFor();
  await page.getByRole('list', { name: 'News and announcements' }).getByRole('link', { name: title }).waitFor();
  await t.checkA11y(page, 'news list (en)');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();

  // A deep link (a reload) lands on the article.
  await page.goto(`/app/news/${id}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();

  // Unpublished: the address answers "not found".
  await desk.getByRole('link', { name: title }).click();
  await desk.getByRole('button', { name: 'Gỡ tin' }).click();
  await desk.getByRole('status').filter({ hasText: `Đã gỡ “${title}”` }).waitFor();
  await page.reload();
  await page.getByRole('alert').waitFor();
  assert.equal((await fetch(`${t.stack.url}/api/v1/news/${id}`)).status, 404);

  assert.deepEqual(dialogs, [], 'no dialog opened');
}, { timeoutMs: 180_000 });

// The citizen app follows the server live (Server-Sent Events): a step taken by the 1022 centre or
// the unit shows on the open report and in the open list without a reload, the bell counts the
// notifications and the inbox keeps them; an administrator's announcement appears on open home
// screens, signed in or not. The staff steps go through the API.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

// The live stream of this tab has said `ready` at least once (it keeps the last event id).
async function streamReady(page) {
  await page.waitForFunction(() => sessionStorage.getItem('cds.live.last') !== null);
}

// Marks the document, so that the end of a journey can tell that the page was never reloaded.
async function markDocument(page) {
  await page.evaluate(() => {
    window.cdsSameDocument = true;
  });
}
async function assertSameDocument(page, what) {
  assert.equal(await page.evaluate(() => window.cdsSameDocument === true), true, `${what} was not reloaded`);
}

// What is left unread from earlier journeys is marked read, through the API as the page would.
async function markAllRead(page) {
  await page.evaluate(async () => {
    const csrf = decodeURIComponent(document.cookie.match(/(?:^|;\s*)cds_csrf=([^;]*)/)?.[1] ?? '');
    const answer = await fetch('/api/v1/notifications/read', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ all: true }),
    });
    if (!answer.ok) throw new Error(`marking read: ${answer.status}`);
  });
}

journey('live: the citizen’s open app shows the unit’s resolution without a reload; the bell counts it; the inbox marks it read', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, 'Trần Thị Bích Ngọc');
  await markAllRead(page);
  await page.goto('/app/send?kind=report');
  await page.getByRole('radio', { name: 'Điện lực' }).check();
  await page.getByLabel('Nội dung phản ánh').fill('Trụ điện nghiêng sau mưa lớn, dây điện sát mái nhà dân.');
  await page.getByLabel('Địa chỉ').fill('12 Lê Lợi, Phường Sài Gòn');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await page.waitForURL(/\/app\/reports\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const heading = page.getByRole('heading', { level: 1, name: /PA-\d{4}-\d{6}/ });
  const code = (await heading.innerText()).match(/PA-\d{4}-\d{6}/)[0];
  await page.getByRole('link', { name: 'Thông báo', exact: true }).waitFor(); // nothing unread

  // Right after sending (not on a first visit), the app offers push notifications.
  await page.getByRole('region', { name: 'Nhận thông báo khi phản ánh có tiến triển?' }).getByRole('button', { name: 'Bật thông báo' }).waitFor();
  await t.checkA11y(page, 'report just sent, with the offer of push notifications');
  await t.screenshot(page, 'citizen-live-push-offer');

  // A second tab shows the citizen's reports.
  const list = await page.context().newPage();
  await list.goto('/app/reports');
  const card = list.getByRole('list', { name: 'Phản ánh của tôi' }).getByRole('listitem').filter({ hasText: code });
  await card.getByText('Đã tiếp nhận', { exact: true }).waitFor();
  for (const p of [page, list]) {
    await streamReady(p);
    await markDocument(p);
  }

  // The 1022 centre routes it, the unit accepts and resolves it.
  const operator = t.apiAs('operator1');
  const unit = t.apiAs('evn1');
  const status = page.locator('.report-meta');
  await operator('POST', `/api/v1/staff/reports/${id}/assign`, {});
  await status.getByText('Đã chuyển đơn vị xử lý', { exact: true }).waitFor();
  await card.getByText('Đã chuyển đơn vị xử lý', { exact: true }).waitFor();
  await unit('POST', `/api/v1/staff/reports/${id}/accept`, { text: 'Đội trực EVN đã nhận, đang đến hiện trường.' });
  const result = 'Đã dựng lại trụ điện và căng lại dây, an toàn cho nhà dân.';
  await unit('POST', `/api/v1/staff/reports/${id}/resolve`, { result });

  // The open report shows the result, the open list its status, the bell three unread.
  await page.getByRole('region', { name: 'Kết quả xử lý' }).getByText(result).waitFor();
  await status.getByText('Đã xử lý', { exact: true }).waitFor();
  const timeline = page.getByRole('heading', { name: 'Tiến trình xử lý' }).locator('xpath=following-sibling::ol[1]');
  assert.equal(await timeline.getByRole('listitem').count(), 4, 'submitted, assigned, accepted, resolved');
  const bell = page.getByRole('banner').getByRole('link', { name: 'Thông báo (3 chưa đọc)' });
  await bell.waitFor();
  await card.getByText('Đã xử lý', { exact: true }).waitFor();
  await list.getByRole('banner').getByRole('link', { name: 'Thông báo (3 chưa đọc)' }).waitFor();
  await assertSameDocument(page, 'the report’s page');
  await assertSameDocument(list, 'the list’s page');
  await t.screenshot(page, 'citizen-live-resolved');
  await t.screenshot(list, 'citizen-live-list-resolved', { full: false });
  await list.close();

  // The inbox: newest first, all three unread; opening one goes to the report and marks it read.
  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
  const entries = page.getByRole('list', { name: 'Thông báo, mới nhất trước' }).getByRole('listitem');
  await entries.first().waitFor();
  const texts = (await entries.allInnerTexts()).filter((text) => text.includes(code));
  assert.equal(texts.length, 3, `three notifications about ${code}: ${texts.join(' | ')}`);
  assert.match(texts[0], new RegExp(`Phản ánh của bạn ${code} đã được giải quyết`));
  assert.match(texts[0], new RegExp(result));
  assert.match(texts[1], /đã được đơn vị tiếp nhận/);
  assert.match(texts[2], /đã được chuyển đến đơn vị xử lý/);
  assert.ok(texts.every((text) => text.includes('Chưa đọc')), 'all unread');
  await page.getByText('3 thông báo chưa đọc.').waitFor();
  await t.checkA11y(page, 'inbox');
  await t.screenshot(page, 'citizen-inbox');

  await entries.first().getByRole('link', { name: `Chưa đọc: Phản ánh của bạn ${code} đã được giải quyết` }).click();
  await page.waitForURL(new RegExp(`/app/reports/${id}$`));
  await page.getByRole('heading', { level: 1, name: code }).waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Thông báo (2 chưa đọc)' }).click();
  await page.getByText('2 thông báo chưa đọc.').waitFor();
  const first = entries.filter({ hasText: code }).first();
  await first.getByRole('link', { name: `Phản ánh của bạn ${code} đã được giải quyết`, exact: true }).waitFor();
  assert.doesNotMatch(await first.innerText(), /Chưa đọc/);

  await page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã đánh dấu tất cả là đã đọc.' }).waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
  assert.ok((await entries.allInnerTexts()).every((text) => !text.includes('Chưa đọc')), 'nothing unread');
  await assertSameDocument(page, 'the app');
});

journey('live: an administrator’s announcement appears on the open home screens, signed in or not', async (t) => {
  const citizen = await t.newPage();
  await t.signInCitizen(citizen, 'Phạm Thị Thu Hà');
  const visitor = await t.newPage();
  await visitor.goto('/app/');
  await visitor.getByRole('heading', { level: 1, name: 'Công dân số' }).waitFor();
  for (const p of [citizen, visitor]) {
    await streamReady(p);
    await markDocument(p);
  }

  const title = { vi: 'Triều cường đạt đỉnh chiều nay', en: 'King tide peaks this afternoon' };
  const body = {
    vi: 'Từ 16 giờ đến 19 giờ, hạn chế đi qua các tuyến đường thấp ven sông Sài Gòn.',
    en: 'From 4 pm to 7 pm, avoid the low roads along the Saigon River.',
  };
  const admin = t.apiAs('admin1');
  const answer = await admin('POST', '/api/v1/admin/broadcasts', { title, body, severity: 'warning', url: '/app/' });
  assert.ok(answer.event_id > 0);

  for (const p of [citizen, visitor]) {
    const banner = p.getByRole('alert').filter({ hasText: title.vi });
    await banner.getByText(body.vi).waitFor();
    await banner.getByText('Thông báo từ Thành phố').waitFor();
  }
  await t.checkA11y(citizen, 'home with an announcement');
  await t.screenshot(citizen, 'citizen-live-announcement');
  await t.screenshot(visitor, 'visitor-live-announcement', { full: false });

  // In English, the English text; closed, it is gone.
  await citizen.getByRole('button', { name: 'English' }).click();
  const banner = citizen.getByRole('alert').filter({ hasText: title.en });
  await banner.getByText(body.en).waitFor();
  await banner.getByRole('button', { name: `Close: ${title.en}` }).click();
  await citizen.getByRole('heading', { level: 2, name: title.en }).waitFor({ state: 'detached' });
  // It stays closed on coming back home, on this device.
  await citizen.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My reports' }).click();
  await citizen.getByRole('heading', { level: 1, name: 'My reports' }).waitFor();
  await citizen.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
  await citizen.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
  assert.equal(await citizen.getByRole('alert').filter({ hasText: title.en }).count(), 0, 'closed stays closed');
  await visitor.getByRole('alert').filter({ hasText: title.vi }).waitFor(); // the other phone still shows it
  await assertSameDocument(citizen, 'the citizen’s app');
  await assertSameDocument(visitor, 'the visitor’s app');
});

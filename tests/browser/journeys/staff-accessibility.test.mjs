// The staff console's screens in both languages: axe-core finds no serious or critical violation
// on the queue, a report's detail (with a step's form open), phone intake (empty, with the
// server's errors, then sent) and a unit's workspace; navigation follows the role (leaders read
// the queue and have the dashboard). Desk-sized screenshots, phone-sized for intake.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { journey } from '../harness.mjs';

// A report whose deadline passed two days ago: sent through the API, then its due_at moved back
// in the test's SQLite database (the only way to age a report without waiting a week).
async function overdueReport(t) {
  const citizen = await t.apiAs('citizen3');
  const report = await citizen('POST', '/api/v1/reports', {
    category: 'giao_thong',
    description: 'Ổ gà lớn giữa đường Hai Bà Trưng, xe máy dễ té ngã.',
    address: '120 Hai Bà Trưng, Phường Sài Gòn',
  });
  const file = t.stack.db.replace(/^sqlite:/, '');
  const sql = `UPDATE reports SET due_at = ${Date.now() - 2 * 86_400_000} WHERE id = ${report.id};`;
  const result = spawnSync('sqlite3', ['-cmd', '.timeout 5000', file, sql], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
  return report;
}

const words = {
  vi: {
    queue: 'Hàng chờ 1022', nav: 'Điều hướng cán bộ', intake: 'Tiếp nhận qua điện thoại', assign: 'Phân công', reject: 'Từ chối',
    category: 'Lĩnh vực', description: 'Nội dung người gọi phản ánh', name: 'Họ tên người gọi', phone: 'Số điện thoại',
    address: 'Địa chỉ', submit: 'Ghi nhận phản ánh', caller: 'Người gọi', unit: 'Việc của đơn vị', results: 'Phản ánh của đơn vị',
    dashboard: 'Bảng số liệu', admin: 'Quản trị', overdue: 'Chỉ phản ánh quá hạn',
  },
  en: {
    queue: '1022 queue', nav: 'Staff navigation', intake: 'Phone intake', assign: 'Assign', reject: 'Reject',
    category: 'Category', description: 'What the caller reports', name: "Caller's name", phone: 'Phone number',
    address: 'Address', submit: 'Record the report', caller: 'Caller', unit: "My unit's work", results: "The unit's reports",
    dashboard: 'Dashboard', admin: 'Administration', overdue: 'Overdue reports only',
  },
};

journey('staff accessibility (vi, en): queue, detail, phone intake; admin navigation', async (t) => {
  const late = await overdueReport(t);
  const page = await t.newPage({ phone: false });
  await t.signInStaff(page, 'admin1', 'congdanso-demo');
  for (const lang of ['vi', 'en']) {
    const w = words[lang];
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: w.nav });
    for (const name of [w.queue, w.intake, w.dashboard, w.admin]) await nav.getByRole('link', { name }).waitFor();

    // The queue, with an overdue-only filter applied and cleared.
    await nav.getByRole('link', { name: w.queue }).click();
    await page.getByRole('heading', { level: 1, name: w.queue }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    await t.checkA11y(page, `${lang} queue`);
    await t.screenshot(page, `${lang}-staff-queue-desk`, { full: false });
    await page.getByLabel(w.overdue).check();
    await page.getByRole('button', { name: lang === 'vi' ? 'Lọc' : 'Filter', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('overdue') === 'true');
    // Overdue says so in words (and with a sign), not by colour alone.
    const lateRow = page.getByRole('row').filter({ hasText: late.code });
    await lateRow.getByText(lang === 'vi' ? 'Quá hạn' : 'Overdue', { exact: true }).waitFor();
    // The demo data holds one overdue report of its own (two weeks old); this one makes two.
    assert.equal(await page.getByRole('row').count(), 3, 'the header and the two overdue reports');
    await t.checkA11y(page, `${lang} queue, overdue only`);
    await t.screenshot(page, `${lang}-staff-queue-overdue-desk`, { full: false });
    await page.getByRole('button', { name: lang === 'vi' ? 'Xóa bộ lọc' : 'Clear filters' }).click();
    await page.waitForURL((u) => u.search === '');

    // A received report's detail, with the assign form open.
    await page.getByLabel(lang === 'vi' ? 'Trạng thái' : 'Status').selectOption('received');
    await page.getByRole('button', { name: lang === 'vi' ? 'Lọc' : 'Filter', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'received');
    await page.getByRole('row').nth(1).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /-\d{4}-\d{6}/ }).waitFor();
    await page.getByRole('button', { name: w.assign, exact: true }).click();
    assert.equal(await page.getByRole('button', { name: w.assign, exact: true }).getAttribute('aria-expanded'), 'true');
    await t.checkA11y(page, `${lang} detail with the assign form`);
    await page.getByRole('button', { name: w.reject, exact: true }).click();
    await t.checkA11y(page, `${lang} detail with the reject form`);
    await t.screenshot(page, `${lang}-staff-detail-desk`, { full: false });

    // Phone intake: sent empty, the server's messages by their fields; then filled and sent.
    await nav.getByRole('link', { name: w.intake }).click();
    await page.getByRole('heading', { level: 1, name: w.intake }).waitFor();
    await t.checkA11y(page, `${lang} phone intake`);
    await page.getByRole('button', { name: w.submit }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel(w.description).getAttribute('aria-invalid'), 'true');
    await t.checkA11y(page, `${lang} phone intake with errors`);
    await page.getByLabel(w.name).fill('Trần Văn Hùng');
    await page.getByLabel(w.phone).fill('0903 123 456');
    await page.getByLabel(w.category).selectOption('cap_thoat_nuoc');
    await page.getByLabel(w.description).fill('Người gọi báo vỡ ống nước trên đường Nguyễn Trãi, nước tràn ra lòng đường.');
    await page.getByLabel(w.address, { exact: true }).fill('212 Nguyễn Trãi, Phường Bến Thành');
    const posted = page.waitForRequest((r) => r.url().endsWith('/api/v1/staff/reports') && r.method() === 'POST');
    await page.getByRole('button', { name: w.submit }).click();
    assert.match((await posted).headers()['idempotency-key'] ?? '', /^[0-9a-f-]{36}$/);
    await page.waitForURL(/\/staff\/reports\/\d+$/);
    await page.getByRole('status').filter({ hasText: /(PA|GY)-\d{4}-\d{6}/ }).waitFor();
    const caller = page.getByRole('region', { name: w.caller });
    await caller.getByText('Trần Văn Hùng').waitFor();
    await caller.getByRole('link', { name: '0903 123 456' }).waitFor();
    await t.checkA11y(page, `${lang} phone report's detail`);

    // The placeholders.
    await nav.getByRole('link', { name: w.dashboard }).click();
    await page.getByRole('heading', { level: 1, name: w.dashboard }).waitFor();
    await nav.getByRole('link', { name: w.admin }).click();
    await page.getByRole('heading', { level: 1, name: w.admin }).waitFor();
    await t.checkA11y(page, `${lang} admin placeholder`);
  }

  // The intake form at phone size.
  const phone = await t.newPage();
  await t.signInStaff(phone, 'admin1', 'congdanso-demo');
  await phone.goto('/staff/intake');
  await phone.getByRole('heading', { level: 1, name: 'Tiếp nhận qua điện thoại' }).waitFor();
  await t.checkA11y(phone, 'vi phone intake at phone size');
  await t.screenshot(phone, 'staff-phone-intake');
});

journey("staff accessibility (vi, en): a unit's workspace and a resolved report; a leader's navigation", async (t) => {
  const page = await t.newPage();
  await t.signInStaff(page, 'cayxanh1', 'congdanso-demo');
  for (const lang of ['vi', 'en']) {
    const w = words[lang];
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: w.nav });
    await nav.getByRole('link', { name: w.unit }).click();
    await page.getByRole('heading', { level: 1, name: w.unit }).waitFor();
    assert.equal(await nav.getByRole('link').count(), 1, 'unit staff have one screen');
    const row = page.getByRole('row').nth(1);
    await row.waitFor();
    await t.checkA11y(page, `${lang} unit workspace`);
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /-\d{4}-\d{6}/ }).waitFor();
    await page.getByRole('region', { name: /^(Tiến trình xử lý|Timeline)/ }).waitFor();
    await t.checkA11y(page, `${lang} unit's report detail`);
    await t.screenshot(page, `${lang}-staff-unit-detail`);
  }

  // A leader reads the queue (no phone intake, no steps but the internal note) and has the
  // dashboard and the map of reports.
  const leader = await t.newPage({ phone: false });
  await t.signInStaff(leader, 'leader1', 'congdanso-demo');
  await leader.getByRole('heading', { level: 1, name: 'Hàng chờ 1022' }).waitFor();
  const nav = leader.getByRole('navigation', { name: 'Điều hướng cán bộ' });
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Hàng chờ 1022', 'Bảng số liệu', 'Bản đồ']);
  await leader.getByText('Bạn xem được mọi phản ánh').waitFor();
  await leader.getByRole('row').nth(1).getByRole('link').first().click();
  await leader.getByRole('heading', { level: 1, name: /-\d{4}-\d{6}/ }).waitFor();
  const steps = await leader.getByRole('region', { name: 'Xử lý' }).getByRole('button').allInnerTexts();
  assert.deepEqual(steps, ['Ghi chú nội bộ']);
  await nav.getByRole('link', { name: 'Bảng số liệu' }).click();
  await leader.getByRole('heading', { level: 1, name: 'Bảng số liệu' }).waitFor();
  await leader.getByRole('heading', { level: 2, name: 'Tổng quan' }).waitFor();
  await t.checkA11y(leader, 'vi dashboard');
  await t.screenshot(leader, 'staff-dashboard-leader', { full: false });

  // An alert officer lands on the hot alerts, the one screen of the role; the queue is not theirs.
  const officer = await t.newPage({ phone: false });
  await t.signInStaff(officer, 'alert1', 'congdanso-demo');
  await officer.getByRole('heading', { level: 1, name: 'Cảnh báo nóng' }).waitFor();
  const officerNav = officer.getByRole('navigation', { name: 'Điều hướng cán bộ' });
  assert.deepEqual(await officerNav.getByRole('link').allInnerTexts(), ['Cảnh báo nóng']);
  await t.checkA11y(officer, 'vi alerts list');
  await officer.goto('/staff/queue');
  await officer.getByRole('heading', { level: 1, name: 'Màn hình không dành cho bạn' }).waitFor();
});

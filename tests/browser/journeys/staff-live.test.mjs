// The staff console follows the server live: a citizen's new report appears in the open 1022
// queue, its routing in the open unit workspace, and the unit's inbox counts the new
// work, all without a reload. The citizen and the routing go through the API.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { journey } from '../harness.mjs';

async function openAndMark(page) {
  await page.waitForFunction(() => sessionStorage.getItem('cds.live.last') !== null); // stream ready
  await page.evaluate(() => {
    window.cdsSameDocument = true;
  });
}

journey('staff live: the queue and the unit’s workspace show new work without a reload; the unit’s inbox counts it', async (t) => {
  await t.apiAs('evn1')('POST', '/api/v1/notifications/read', { all: true }); // from earlier journeys

  // admin1 watches the queue (operator1's first browser sign-in belongs to staff-sign-in's journey).
  const op = await t.newPage({ phone: false });
  await t.signInStaff(op, 'admin1', 'congdanso-demo');
  await op.getByRole('heading', { level: 1, name: 'Hàng chờ 1022' }).waitFor();
  await op.getByRole('row').nth(1).waitFor();
  const unit = await t.newPage({ phone: false });
  await t.signInStaff(unit, 'evn1', 'congdanso-demo');
  await unit.getByRole('heading', { level: 1, name: 'Việc của đơn vị' }).waitFor();
  await unit.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
  await openAndMark(op);
  await openAndMark(unit);

  // A citizen sends a report: the open queue shows it.
  const tag = 'den' + randomBytes(4).toString('hex');
  const report = await t.apiAs('citizen1')('POST', '/api/v1/reports', {
    category: 'dien_luc',
    description: `Đèn đường tắt cả dãy phố từ tối qua, ${tag}.`,
    address: '45 Trần Hưng Đạo, Phường Cầu Ông Lãnh',
  });
  const queued = op.getByRole('row').filter({ hasText: report.code });
  await queued.getByText('Đã tiếp nhận', { exact: true }).waitFor();
  await t.screenshot(op, 'staff-live-queue', { full: false });

  // The operator routes it (here through the API): the queue's row changes, the unit's workspace
  // gets it, and the unit's inbox counts the new work.
  await t.apiAs('operator1')('POST', `/api/v1/staff/reports/${report.id}/assign`, {});
  await queued.getByText('Đã chuyển đơn vị xử lý', { exact: true }).waitFor();
  await unit.getByRole('row').filter({ hasText: report.code }).waitFor();
  const inbox = unit.getByRole('link', { name: 'Thông báo (1 chưa đọc)' });
  await inbox.waitFor();
  await t.screenshot(unit, 'staff-live-unit');
  for (const [page, what] of [
    [op, 'the queue'],
    [unit, 'the workspace'],
  ]) {
    assert.equal(await page.evaluate(() => window.cdsSameDocument === true), true, `${what} was not reloaded`);
  }

  await inbox.click();
  await unit.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
  const entry = unit.getByRole('list', { name: 'Thông báo, mới nhất trước' }).getByRole('listitem').first();
  await entry.getByText(`Việc mới cho đơn vị: phản ánh ${report.code}`).waitFor();
  await t.checkA11y(unit, 'staff inbox');
  await entry.getByRole('link').click();
  await unit.getByRole('heading', { level: 1, name: report.code }).waitFor();
  await unit.getByRole('link', { name: 'Thông báo', exact: true }).waitFor(); // read now
});

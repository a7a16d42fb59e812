// The 1022 centre's other steps through the screens: merge a duplicate into the report it repeats,
// reject spam with a canned reason (refused first without one, the server's message by the
// field), reclassify, assign, transfer to another unit; and a unit hands a report back ("not
// ours"), after which it can no longer open it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { journey } from '../harness.mjs';

function addUser(stack, username, role) {
  const args = ['user', 'add', '--db', stack.db, '--username', username, '--role', role, '--name', 'Mai Thanh Tâm', '--password-stdin'];
  const result = spawnSync(stack.binary, args, { env: stack.env, input: 'operator2-password\n', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`congdanso ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
}

async function open(page, report) {
  await page.goto(`/staff/reports/${report.id}`);
  await page.getByRole('heading', { level: 1, name: report.code }).waitFor();
}

const status = (page, text) => page.locator('.report-meta').getByText(text, { exact: true }).waitFor();

journey('staff: merge a duplicate, reject spam with a template, reclassify, assign, transfer; a unit hands back', async (t) => {
  addUser(t.stack, 'operator2', 'operator');
  const citizen = await t.apiAs('citizen2');
  const send = (description, category = 'trat_tu_do_thi') =>
    citizen('POST', '/api/v1/reports', { category, description, address: 'Hẻm 175 Nguyễn Thị Minh Khai, Phường Bến Thành' });
  const first = await send('Rác thải đổ trộm đầu hẻm 175 Nguyễn Thị Minh Khai, bốc mùi.');
  const duplicate = await send('Đầu hẻm 175 Nguyễn Thị Minh Khai có bãi rác tự phát.');
  const spam = await send('Quảng cáo: bán hàng giá rẻ, liên hệ ngay.');

  const page = await t.newPage({ phone: false });
  await t.signInStaff(page, 'operator2', 'operator2-password');

  // Merge the duplicate into the first one, by its code.
  await open(page, duplicate);
  await page.getByRole('button', { name: 'Gộp trùng lặp' }).click();
  await page.getByLabel('Mã phản ánh giữ lại').fill(first.code);
  await page.getByRole('button', { name: 'Xác nhận gộp' }).click();
  await status(page, 'Trùng lặp');
  await page.getByRole('link', { name: first.code }).waitFor(); // "merged into"
  assert.equal(await page.getByRole('button', { name: 'Gộp trùng lặp' }).count(), 0, 'no more routing steps');

  // Reject the spam: without a reason the server refuses, its message shows by the field.
  await open(page, spam);
  await page.getByRole('button', { name: 'Từ chối', exact: true }).click();
  const reason = page.getByLabel('Lý do từ chối');
  await page.waitForFunction(() => document.activeElement?.id === 'step-reject-text'); // the form's first field
  await page.getByRole('button', { name: 'Xác nhận từ chối' }).click();
  await page.waitForFunction(() => document.getElementById('step-reject-text')?.getAttribute('aria-invalid') === 'true');
  await page.getByLabel('Mẫu trả lời').selectOption({ label: 'Nội dung không phải phản ánh' });
  await page.getByRole('button', { name: 'Chèn mẫu' }).click();
  assert.match(await reason.inputValue(), /^Nội dung gửi đến không phải là phản ánh/);
  await page.getByRole('button', { name: 'Xác nhận từ chối' }).click();
  await status(page, 'Từ chối');
  await page.getByRole('region', { name: /^Tiến trình xử lý/ }).getByText(/^Nội dung gửi đến không phải là phản ánh/).waitFor();

  // Reclassify the first one, assign it to Bến Thành's committee, then transfer it to Sài Gòn's.
  await open(page, first);
  await page.getByRole('button', { name: 'Đổi lĩnh vực' }).click();
  await page.getByLabel('Lĩnh vực mới').selectOption({ label: 'Vệ sinh môi trường' });
  await page.getByRole('button', { name: 'Xác nhận đổi lĩnh vực' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã đổi lĩnh vực' }).waitFor();
  await page.locator('dl.facts').getByText('Vệ sinh môi trường').waitFor();
  await page.getByRole('button', { name: 'Phân công', exact: true }).click();
  await page.getByLabel('Đơn vị xử lý').selectOption({ label: 'Ủy ban nhân dân Phường Bến Thành' });
  await page.getByRole('button', { name: 'Xác nhận phân công' }).click();
  await status(page, 'Đã chuyển đơn vị xử lý');
  await page.getByRole('button', { name: 'Chuyển đơn vị khác' }).click();
  await page.getByLabel('Đơn vị xử lý').selectOption({ label: 'Ủy ban nhân dân Phường Sài Gòn' });
  await page.getByRole('button', { name: 'Xác nhận chuyển' }).click();
  await page.getByRole('status').filter({ hasText: 'sang đơn vị khác' }).waitFor();
  await page.locator('dl.facts').getByText('Ủy ban nhân dân Phường Sài Gòn').waitFor();
  await page.getByRole('region', { name: /^Tiến trình xử lý/ }).getByText('Chuyển sang đơn vị khác').waitFor();

  // Sài Gòn's committee hands it back: the reason stays internal, and the report is no longer theirs.
  const unit = await t.newPage();
  await t.signInStaff(unit, 'saigon1', 'congdanso-demo');
  await open(unit, first);
  await unit.getByRole('button', { name: 'Trả lại', exact: true }).click();
  await unit.getByLabel('Mẫu trả lời').selectOption({ label: 'Không thuộc thẩm quyền đơn vị' });
  await unit.getByRole('button', { name: 'Chèn mẫu' }).click();
  await unit.getByRole('button', { name: 'Xác nhận trả lại' }).click();
  await unit.getByRole('heading', { level: 1, name: 'Đã trả lại phản ánh' }).waitFor();
  await unit.getByText(`Đã trả phản ánh ${first.code} về Trung tâm 1022`).waitFor();
  await t.screenshot(unit, 'staff-handed-back', { full: false });
  await open(unit, { ...first, code: 'Không tìm thấy phản ánh' });

  // Back in the queue, waiting for routing, with the reason as an internal note.
  await open(page, first);
  await status(page, 'Đã tiếp nhận');
  const steps = page.getByRole('region', { name: /^Tiến trình xử lý/ }).getByRole('listitem');
  await steps.filter({ hasText: 'Đơn vị trả lại' }).getByText('(saigon1)').waitFor();
  await steps.filter({ hasText: 'không thuộc thẩm quyền của đơn vị' }).getByText('Nội bộ', { exact: true }).waitFor();
  await t.checkA11y(page, 'report handed back, in the queue');
});

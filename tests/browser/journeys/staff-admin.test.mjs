// Administration: admin1 adds a category with a 3-day deadline (the server's message shows by the
// deadline field first), a unit, the category's default routing rule to that unit (and a ward's
// rule, added and removed), and a unit-staff account for that unit, which then signs in and
// enrols its authenticator. A citizen's report in the new category is proposed to the new unit
// with a deadline three working days away. Then the account's authenticator is reset (the person
// enrols again at their next sign-in), it is disabled and enabled, and gets a new password.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

const category = { code: 'den_duong', name: 'Đèn đường, chiếu sáng', name_en: 'Street lighting' };
const unit = { code: 'cong-ty-chieu-sang', name: 'Công ty Chiếu sáng công cộng TP.HCM', name_en: 'HCMC Public Lighting Company' };
const account = { username: 'chieusang1', name: 'Phạm Minh Tâm', password: 'chieu-sang-2026' };

journey('admin: a category with a 3-day deadline, a unit, its routing rule and a unit account; a report is proposed to it', async (t) => {
  const page = await t.newPage({ phone: false });
  await t.signInStaff(page, 'admin1', 'congdanso-demo');
  await page.getByRole('navigation', { name: 'Điều hướng cán bộ' }).getByRole('link', { name: 'Quản trị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
  const sections = page.getByRole('navigation', { name: 'Các phần quản trị' });

  // A category: first with a deadline out of range, which the server refuses by its field.
  await sections.getByRole('link', { name: 'Lĩnh vực và thời hạn' }).click();
  await page.getByRole('heading', { level: 2, name: 'Lĩnh vực và thời hạn' }).waitFor();
  await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
  await page.getByLabel('Mã', { exact: true }).fill(category.code);
  await page.getByLabel('Tên tiếng Việt').fill(category.name);
  await page.getByLabel('Tên tiếng Anh').fill(category.name_en);
  const deadline = page.getByLabel('Thời hạn xử lý (ngày làm việc)');
  await deadline.fill('0');
  await page.getByLabel('Biểu tượng').fill('bolt');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await deadline.getAttribute('aria-invalid'), 'true');
  const deadlineError = await deadline.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${deadlineError.split(' ').pop()}`).innerText(), /khoảng cho phép/);
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'deadline_days');
  await deadline.fill('3');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Đã thêm lĩnh vực ${category.name}.` }).waitFor();
  const categoryRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: category.name }) });
  await categoryRow.waitFor(); // the list is read again after the notice: wait for the new row
  assert.deepEqual((await categoryRow.getByRole('cell').allInnerTexts()).slice(0, 4), [category.code, category.name_en, '3 ngày', 'Không']);

  // A unit.
  await sections.getByRole('link', { name: 'Đơn vị' }).click();
  await page.getByRole('heading', { level: 2, name: 'Đơn vị' }).waitFor();
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await page.getByLabel('Mã', { exact: true }).fill(unit.code);
  await page.getByLabel('Tên tiếng Việt').fill(unit.name);
  await page.getByLabel('Tên tiếng Anh').fill(unit.name_en);
  await page.getByLabel('Loại đơn vị', { exact: true }).selectOption('utility');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Đã thêm đơn vị ${unit.name}.` }).waitFor();
  await page.getByRole('rowheader', { name: unit.name }).waitFor();

  // The category's default rule to that unit; a ward's own rule, added then removed.
  await sections.getByRole('link', { name: 'Quy tắc phân luồng' }).click();
  await page.getByLabel('Lĩnh vực', { exact: true }).selectOption(category.code);
  await page.waitForURL((u) => u.searchParams.get('category') === category.code);
  await page.getByText('Chưa có quy tắc mặc định').waitFor();
  await page.getByLabel('Đơn vị mặc định').selectOption(unit.code);
  await page.getByRole('button', { name: 'Lưu Quy tắc mặc định' }).click();
  await page.getByRole('status').filter({ hasText: `Đã lưu quy tắc mặc định: ${unit.name}.` }).waitFor();
  await page.getByLabel('Phường, xã', { exact: true }).selectOption('26740');
  await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
  const missingUnit = page.getByLabel('Đơn vị xử lý', { exact: true });
  assert.equal(await missingUnit.getAttribute('aria-invalid'), 'true');
  await missingUnit.selectOption('ubnd-26740');
  await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu quy tắc Phường Sài Gòn' }).waitFor();
  assert.equal(await page.getByLabel('Đơn vị xử lý tại Phường Sài Gòn').inputValue(), 'ubnd-26740');
  await t.screenshot(page, 'staff-admin-routing-desk', { full: false });
  await page.getByRole('button', { name: 'Xóa quy tắc Phường Sài Gòn' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã xóa quy tắc Phường Sài Gòn.' }).waitFor();
  const adminApi = await t.apiAs('admin1');
  assert.deepEqual((await adminApi('GET', `/api/v1/admin/routing-rules?category=${category.code}`)).items, [{ category: category.code, ward: '*', unit: unit.code }]);

  // A unit-staff account for the unit: without a unit first, which the server refuses by the field.
  await sections.getByRole('link', { name: 'Tài khoản và vai trò' }).click();
  await page.getByRole('heading', { level: 2, name: 'Tài khoản và vai trò' }).waitFor();
  await page.getByRole('button', { name: 'Thêm tài khoản cán bộ' }).click();
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(account.username);
  await page.getByLabel('Tên hiển thị').fill(account.name);
  await page.getByLabel('Vai trò', { exact: true }).selectOption('unit_staff');
  await page.getByLabel('Mật khẩu ban đầu').fill(account.password);
  await page.getByText('thiết lập ứng dụng xác thực', { exact: false }).first().waitFor();
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const unitField = page.getByLabel('Đơn vị', { exact: true }).first();
  await page.waitForFunction(() => document.querySelector('[name="unit"]')?.getAttribute('aria-invalid') === 'true');
  await page.getByText('Hãy chọn đơn vị của cán bộ đơn vị.').first().waitFor();
  await unitField.selectOption(unit.code);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByRole('status').filter({ hasText: `Đã tạo tài khoản ${account.username}.` }).waitFor();
  await page.getByRole('heading', { level: 3, name: `Tài khoản ${account.username}` }).waitFor();
  await t.screenshot(page, 'staff-admin-user-created-desk', { full: false });

  // A citizen's report in the new category is proposed to the new unit, due in 3 working days.
  const citizen = await t.apiAs('citizen2');
  const operator = await t.apiAs('operator1');
  const sent = await citizen('POST', '/api/v1/reports', { category: category.code, description: 'Cả dãy đèn đường trên đường Võ Văn Kiệt không sáng.', address: 'Đường Võ Văn Kiệt, Phường Cầu Ông Lãnh' });
  const seen = await operator('GET', `/api/v1/staff/reports/${sent.id}`);
  assert.equal(seen.status, 'received');
  assert.equal(seen.unit?.code, unit.code);
  assert.equal(seen.unit_proposed, true);
  const holidays = new Set((await adminApi('GET', '/api/v1/admin/holidays')).items.map((h) => h.date));
  const workingDays = (fromIso, toIso) => {
    let n = 0;
    const d = new Date(fromIso.slice(0, 10) + 'T00:00:00Z');
    const end = toIso.slice(0, 10);
    while (d.toISOString().slice(0, 10) < end) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !holidays.has(d.toISOString().slice(0, 10))) n++;
    }
    return n;
  };
  assert.equal(workingDays(seen.created_at, seen.due_at), 3, `due ${seen.due_at}, sent ${seen.created_at}: three working days`);

  // The new member signs in with the initial password and enrols their authenticator.
  const member = await t.newPage({ phone: false });
  const { enrolled } = await t.signInStaff(member, account.username, account.password);
  assert.ok(enrolled, 'a new account enrols its authenticator at its first sign-in');
  await member.getByRole('heading', { level: 1, name: 'Việc của đơn vị' }).waitFor();

  // Back at the account: force a new enrolment, disable and enable it, set a new password.
  await page.reload();
  await page.getByRole('button', { name: `Quản lý ${account.username}` }).click();
  const panel = page.getByRole('region', { name: `Tài khoản ${account.username}` });
  await panel.getByText('Người này đã thiết lập ứng dụng xác thực.').waitFor();
  await panel.getByRole('button', { name: 'Buộc thiết lập lại ứng dụng xác thực' }).click();
  await panel.getByText('người này đăng nhập bằng mật khẩu rồi thiết lập ứng dụng xác thực mới', { exact: false }).waitFor();
  await panel.getByRole('button', { name: `Xác nhận thiết lập lại cho ${account.username}` }).click();
  await panel.getByRole('status').filter({ hasText: 'sẽ thiết lập lại ở lần đăng nhập tới' }).waitFor();
  await panel.getByText('Người này chưa thiết lập ứng dụng xác thực').waitFor();
  const listed = async () => (await adminApi('GET', '/api/v1/admin/users?role=unit_staff')).items.find((a) => a.username === account.username);
  assert.equal((await listed()).totp_enrolled, false);

  await panel.getByRole('button', { name: 'Khóa tài khoản' }).click();
  await panel.getByRole('button', { name: `Xác nhận khóa ${account.username}` }).click();
  await panel.getByRole('status').filter({ hasText: `Đã khóa tài khoản ${account.username}.` }).waitFor();
  assert.equal((await listed()).disabled, true);
  await page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: account.username }) }).getByText('Đã khóa').waitFor();
  await panel.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
  await panel.getByRole('status').filter({ hasText: `Đã mở khóa tài khoản ${account.username}.` }).waitFor();
  assert.equal((await listed()).disabled, false);

  const newPassword = panel.getByLabel('Mật khẩu mới', { exact: true });
  await newPassword.fill('short');
  await panel.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await page.waitForFunction(() => document.getElementById('adm-u-password')?.getAttribute('aria-invalid') === 'true');
  await panel.getByText('Mật khẩu phải có ít nhất 8 ký tự.').first().waitFor();
  await newPassword.fill('chieu-sang-2027');
  await panel.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await panel.getByRole('status').filter({ hasText: `Đã đặt mật khẩu mới cho ${account.username}.` }).waitFor();

  // A change of role and name is kept.
  await panel.getByLabel('Tên hiển thị').fill('Phạm Minh Tâm (đội đèn)');
  await panel.getByRole('button', { name: 'Lưu', exact: true }).click();
  await panel.getByRole('status').filter({ hasText: `Đã lưu tài khoản ${account.username}.` }).waitFor();
  assert.equal((await listed()).display_name, 'Phạm Minh Tâm (đội đèn)');
});

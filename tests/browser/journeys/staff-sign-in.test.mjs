// A staff member signs in with password and TOTP: the first time enrols the authenticator
// (secret shown, first code confirms, ten recovery codes shown once), later with a fresh code.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

journey('staff: operator1 enrols TOTP at first sign-in, then signs in again with a fresh code', async (t) => {
  const page = await t.newPage({ phone: false });
  const first = await t.signInStaff(page, 'operator1', 'congdanso-demo', { screenshotPrefix: 'staff' });
  assert.equal(first.enrolled, true);
  assert.equal(first.recoveryCodes.length, 10);
  // An operator lands on the 1022 queue.
  await page.getByRole('heading', { level: 1, name: 'Hàng chờ 1022' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/staff/queue');
  await t.screenshot(page, 'staff-signed-in');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();

  // A wrong password is refused with the server's message.
  await page.getByLabel('Tên đăng nhập').fill('operator1');
  await page.getByLabel('Mật khẩu').fill('not-the-password');
  await page.getByLabel('Mã xác thực').fill('000000');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('alert').waitFor();

  // A second sign-in, in a fresh browser, needs the code and enrols nothing.
  const again = await t.newPage({ phone: false });
  const second = await t.signInStaff(again, 'operator1', 'congdanso-demo');
  assert.equal(second.enrolled, false);
  await again.getByRole('heading', { level: 1, name: 'Hàng chờ 1022' }).waitFor();
});

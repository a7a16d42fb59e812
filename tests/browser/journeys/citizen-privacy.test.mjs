// Profile and privacy: consents, my data, my sessions, signing out at VNeID too, deleting an account.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { journey } from '../harness.mjs';

journey('citizen: consents, export, sessions, sign out through the stand-in', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, 'Phạm Thị Thu Hà');
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tài khoản và quyền riêng tư' }).waitFor();

  // The consents' switches (the notification settings below have switches of their own).
  const switches = page.getByRole('region', { name: 'Sự đồng ý của bạn' }).getByRole('switch');
  await switches.first().waitFor();
  assert.equal(await switches.count(), 3, 'terms, location, notifications');
  const location = switches.nth(1);
  const before = await location.isChecked();
  const saved = page.waitForResponse((r) => r.url().includes('/api/v1/me/consents/') && r.request().method() === 'PUT');
  await location.click();
  assert.equal((await saved).status(), 200);
  assert.equal(await location.isChecked(), !before);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải dữ liệu của tôi (JSON)' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.ok(exported.profile && Array.isArray(exported.sessions));

  await page.getByRole('button', { name: 'Kết thúc phiên này (đăng xuất)' }).waitFor();
  await t.screenshot(page, 'citizen-profile');

  await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await page.getByRole('button', { name: /Đăng xuất \/ Sign out/ }).click(); // the stand-in asks
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).waitFor();
  const cookies = await page.context().cookies();
  assert.ok(!cookies.some((c) => c.name === 'cds_session' && c.value), 'the session cookie is gone');
});

journey('citizen: delete my account, see what remains', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, 'Võ Minh Khoa');
  await page.goto('/app/profile');
  await page.getByRole('button', { name: 'Xóa tài khoản của tôi' }).click();
  await page.getByLabel('Tôi hiểu rằng việc xóa không thể hoàn tác.').check();
  await page.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tài khoản đã được xóa' }).waitFor();
  await t.screenshot(page, 'citizen-account-deleted');
  await t.checkA11y(page, 'account deleted');
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
  assert.equal(me, 401);
});

// axe-core finds no serious or critical violation on the main screens, in Vietnamese and English;
// the language switch is one tap away and remembered; the server answers in the chosen language.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

const words = {
  vi: { signIn: 'Đăng nhập bằng VNeID', hello: 'Xin chào, ', send: 'Gửi phản ánh', category: 'Điện lực', description: 'Nội dung phản ánh', address: 'Địa chỉ', mine: 'Phản ánh của tôi', nav: 'Điều hướng chính', staff: 'Đăng nhập cán bộ' },
  en: { signIn: 'Sign in with VNeID', hello: 'Hello, ', send: 'Send a report', category: 'Electricity', description: 'What is the problem?', address: 'Address', mine: 'My reports', nav: 'Main navigation', staff: 'Staff sign-in' },
};
const citizens = { vi: 'Trần Thị Bích Ngọc', en: 'Lê Hoàng Phúc' };

for (const lang of ['vi', 'en']) {
  journey(`accessibility (${lang}): welcome, home, send form, my reports, detail, staff sign-in`, async (t) => {
    const w = words[lang];
    const page = await t.newPage({ lang });
    await page.goto('/app/');
    await page.getByRole('link', { name: w.signIn }).waitFor();
    await t.checkA11y(page, `${lang} welcome`);
    await t.screenshot(page, `${lang}-welcome`);

    await t.signInCitizen(page, citizens[lang]);
    await t.checkA11y(page, `${lang} home`);
    if (lang === 'en') await t.screenshot(page, 'en-home');

    await page.getByRole('main').getByRole('link', { name: w.send, exact: true }).click();
    await page.getByRole('radio', { name: w.category }).waitFor();
    // The server's validation messages come in the interface's language.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports') && r.request().method() === 'POST');
    await page.getByRole('button', { name: lang === 'vi' ? 'Gửi phản ánh' : 'Send report' }).click();
    const answer = await refused;
    assert.equal(answer.status(), 422);
    assert.equal(answer.headers()['content-language'], lang);
    await page.getByRole('alert').waitFor();
    await t.checkA11y(page, `${lang} send form with errors`);

    await page.getByRole('radio', { name: w.category }).check();
    await page.getByLabel(w.description).fill(lang === 'vi' ? 'Cột điện nghiêng trước chợ.' : 'A leaning power pole by the market.');
    await page.getByLabel(w.address).fill('Chợ Bến Thành, Phường Bến Thành');
    await t.checkA11y(page, `${lang} send form`);
    if (lang === 'en') await t.screenshot(page, 'en-send-form');
    await page.getByRole('button', { name: lang === 'vi' ? 'Gửi phản ánh' : 'Send report' }).click();
    await page.waitForURL(/\/app\/reports\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /^(Phản ánh|Report) PA-/ }).waitFor();
    await t.checkA11y(page, `${lang} report detail`);

    await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: w.mine }).click();
    await page.getByRole('heading', { level: 1, name: w.mine }).waitFor();
    await page.getByRole('listitem').filter({ hasText: /PA-\d{4}-\d{6}/ }).first().waitFor();
    await t.checkA11y(page, `${lang} my reports`);

    await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: lang === 'vi' ? 'Tài khoản' : 'Account' }).click();
    await page.getByRole('switch').first().waitFor();
    await t.checkA11y(page, `${lang} profile`);
    await t.screenshot(page, `${lang}-profile`);

    const staff = await t.newPage({ lang, phone: false });
    await staff.goto('/staff/');
    await staff.getByRole('heading', { level: 1, name: w.staff }).waitFor();
    await t.checkA11y(staff, `${lang} staff sign-in`);
    await t.screenshot(staff, `${lang}-staff-sign-in`);
  });
}

journey('language: one tap switches, the choice is remembered after a reload', async (t) => {
  const page = await t.newPage({ lang: 'vi' });
  await page.goto('/app/');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Sign in with VNeID' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('link', { name: 'Sign in with VNeID' }).waitFor();
  await page.getByText('By signing in, you accept the Terms of use (version 2026-11-01)').waitFor();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByText('Bằng việc đăng nhập, bạn đồng ý với Điều khoản sử dụng (phiên bản 2026-11-01)').waitFor();
});

// The dashboard and every administration section (the public apps too) in both languages: axe-core finds no serious or
// critical violation (with the figures, the chart and the table by day shown, and with the
// administration's forms and an account's panel open, errors included). Screenshots at desk size
// (1280×800) and at phone size (360×640).
import { journey } from '../harness.mjs';

const words = {
  vi: {
    dashboard: 'Bảng số liệu', admin: 'Quản trị', sections: 'Các phần quản trị', totals: 'Tổng quan', dayTable: 'Bảng số liệu theo ngày',
    users: 'Tài khoản và vai trò', categories: 'Lĩnh vực và thời hạn', units: 'Đơn vị', routing: 'Quy tắc phân luồng', holidays: 'Ngày nghỉ lễ',
    newUser: 'Thêm tài khoản cán bộ', create: 'Tạo tài khoản', newCategory: 'Thêm lĩnh vực', save: 'Lưu', newUnit: 'Thêm đơn vị', manage: 'Quản lý operator1',
    category: 'Lĩnh vực', addHoliday: 'Thêm ngày nghỉ', chart: /^Biểu đồ/, apps: 'Ứng dụng công', newApp: 'Thêm ứng dụng',
  },
  en: {
    dashboard: 'Dashboard', admin: 'Administration', sections: 'Administration sections', totals: 'Overview', dayTable: 'Table by day',
    users: 'Accounts and roles', categories: 'Categories and deadlines', units: 'Units', routing: 'Routing rules', holidays: 'Public holidays',
    newUser: 'Add a staff account', create: 'Create the account', newCategory: 'Add a category', save: 'Save', newUnit: 'Add a unit', manage: 'Manage operator1',
    category: 'Category', addHoliday: 'Add the holiday', chart: /^Chart/, apps: 'Public apps', newApp: 'Add an app',
  },
};

async function openDashboard(t, page, w) {
  await page.getByRole('navigation').first().getByRole('link', { name: w.dashboard }).click();
  await page.getByRole('heading', { level: 1, name: w.dashboard }).waitFor();
  await page.getByRole('heading', { level: 2, name: w.totals }).waitFor();
  await page.getByRole('img', { name: w.chart }).locator('canvas').waitFor();
  await page.getByRole('table').nth(1).waitFor();
}

// Each administration section, checked as it opens and with its forms open. `shoot(name)` saves a screenshot.
async function walkAdmin(t, page, w, lang, shoot) {
  await page.getByRole('navigation').first().getByRole('link', { name: w.admin, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: w.admin }).waitFor();
  const sections = page.getByRole('navigation', { name: w.sections });

  await sections.getByRole('link', { name: w.users }).click();
  await page.getByRole('heading', { level: 2, name: w.users }).waitFor();
  await page.getByRole('row').nth(1).waitFor();
  await t.checkA11y(page, `${lang} admin: accounts`);
  await shoot('users');
  await page.getByRole('button', { name: w.newUser }).click();
  await page.getByRole('button', { name: w.create }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await t.checkA11y(page, `${lang} admin: new account with errors`);
  await page.getByRole('button', { name: w.newUser }).click();
  await page.getByRole('button', { name: w.manage }).click();
  await page.getByRole('heading', { level: 3, name: /operator1/ }).waitFor();
  await t.checkA11y(page, `${lang} admin: an account's panel`);
  await shoot('account');

  await sections.getByRole('link', { name: w.categories }).click();
  await page.getByRole('heading', { level: 2, name: w.categories }).waitFor();
  await page.getByRole('row').nth(1).waitFor();
  await t.checkA11y(page, `${lang} admin: categories`);
  await shoot('categories');
  await page.getByRole('button', { name: w.newCategory }).click();
  await page.getByRole('button', { name: w.save, exact: true }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await t.checkA11y(page, `${lang} admin: new category with errors`);
  await shoot('category-errors');

  await sections.getByRole('link', { name: w.units }).click();
  await page.getByRole('heading', { level: 2, name: w.units }).waitFor();
  await page.getByRole('row').nth(1).waitFor();
  await t.checkA11y(page, `${lang} admin: units`);
  await shoot('units');
  await page.getByRole('button', { name: w.newUnit }).click();
  await page.getByRole('button', { name: w.save, exact: true }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await t.checkA11y(page, `${lang} admin: new unit with errors`);

  await sections.getByRole('link', { name: w.routing }).click();
  await page.getByRole('heading', { level: 2, name: w.routing }).waitFor();
  await page.getByLabel(w.category, { exact: true }).selectOption('cay_xanh');
  await page.getByRole('heading', { level: 3 }).first().waitFor();
  await t.checkA11y(page, `${lang} admin: routing rules`);
  await shoot('routing');

  await sections.getByRole('link', { name: w.holidays }).click();
  await page.getByRole('heading', { level: 2, name: w.holidays }).waitFor();
  await page.getByRole('button', { name: w.addHoliday }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await t.checkA11y(page, `${lang} admin: holidays with an error`);
  await shoot('holidays');

  await sections.getByRole('link', { name: w.apps }).click();
  await page.getByRole('heading', { level: 2, name: w.apps }).waitFor();
  await page.getByRole('row').nth(1).waitFor();
  await t.checkA11y(page, `${lang} admin: public apps`);
  await shoot('apps');
  await page.getByRole('button', { name: w.newApp }).click();
  await page.getByRole('button', { name: w.save, exact: true }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await t.checkA11y(page, `${lang} admin: new public app with errors`);
  await shoot('app-errors');
}

journey('dashboard and administration accessibility (vi, en) at desk size, with screenshots', async (t) => {
  const page = await t.newPage({ phone: false });
  await t.signInStaff(page, 'admin1', 'congdanso-demo');
  for (const lang of ['vi', 'en']) {
    const w = words[lang];
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await openDashboard(t, page, w);
    await t.checkA11y(page, `${lang} dashboard`);
    await t.screenshot(page, `${lang}-staff-dashboard-desk`);
    await page.getByText(w.dayTable).click();
    await t.checkA11y(page, `${lang} dashboard with the table by day`);
    await walkAdmin(t, page, w, lang, (name) => t.screenshot(page, `${lang}-staff-admin-${name}-desk`, { full: false }));
  }
}, { timeoutMs: 240_000 });

journey('dashboard and administration at phone size (360×640): axe and screenshots', async (t) => {
  const leader = await t.newPage();
  await t.signInStaff(leader, 'leader1', 'congdanso-demo');
  await openDashboard(t, leader, words.vi);
  await t.checkA11y(leader, 'vi dashboard at phone size');
  await t.screenshot(leader, 'staff-dashboard-phone');

  const admin = await t.newPage();
  await t.signInStaff(admin, 'admin1', 'congdanso-demo');
  await walkAdmin(t, admin, words.vi, 'vi (phone)', (name) => t.screenshot(admin, `staff-admin-${name}-phone`));
}, { timeoutMs: 240_000 });

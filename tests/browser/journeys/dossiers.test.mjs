// Dossier tracking in the citizen app: a citizen looks a dossier up by its code and receipt
// secret (a wrong secret is told plainly), sees it among their own dossiers, and a status change
// sent by the public-service system's connector (through the API) appears in the open app without
// a reload and in the inbox; the demo dossier of Nguyễn Văn An is his. Axe on every screen.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { journey } from '../harness.mjs';

// Lê Hoàng Phúc of the VNeID stand-in (tools/vneid-standin/citizens.mjs): his e-ID's ID number.
const PHUC = { name: 'Lê Hoàng Phúc', id: '079201098765' };

let connectorMade = false;
function connector(t) {
  if (!connectorMade) {
    const args = ['user', 'add', '--db', t.stack.db, '--username', 'dvc-connector', '--role', 'connector', '--name', 'Cổng dịch vụ công'];
    const result = spawnSync(t.stack.binary, args, { env: t.stack.env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`congdanso ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
    connectorMade = true;
  }
  return t.apiAs('dvc-connector');
}

async function streamReady(page) {
  await page.waitForFunction(() => sessionStorage.getItem('cds.live.last') !== null);
}

journey('dossiers: look up by code and secret, then a connector’s status change shows live and in the inbox', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, PHUC.name);
  const api = connector(t);
  const code = `38.98.H29-${randomBytes(3).toString('hex').toUpperCase()}-0007`;
  const submitted = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const promised = new Date(Date.now() + 3 * 86_400_000).toISOString();
  await api('PUT', `/api/v1/connector/dossiers/${code}`, {
    procedure: { code: '1.004222', name: 'Đăng ký thường trú' },
    agency: 'Công an Phường Bến Thành',
    applicant: { name: PHUC.name, id_number: PHUC.id },
    status: 'processing',
    note: 'Đang xác minh chỗ ở.',
    submitted_at: submitted,
    appointment_at: promised,
    lookup_secret: 'PHUC26',
  });

  // From the home screen's tile to the dossier screen.
  await page.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
  await page.waitForURL(/\/app\/dossiers$/);
  await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
  const mine = page.getByRole('region', { name: 'Hồ sơ của tôi' });
  const card = mine.getByRole('listitem').filter({ hasText: code });
  await card.getByText('Đang giải quyết', { exact: true }).waitFor();

  // A wrong secret first: the server's plain answer, and no dossier shown.
  await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(code.toLowerCase());
  await page.getByRole('textbox', { name: 'Mã tra cứu' }).fill('SAI999');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: `Hồ sơ ${code}` }).count(), 0);
  await t.checkA11y(page, 'dossier lookup with a wrong secret');
  await t.screenshot(page, 'dossiers-wrong-secret');

  // The right one, typed in lower case as people do.
  await page.getByRole('textbox', { name: 'Mã tra cứu' }).fill('phuc26');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  const result = page.getByRole('region', { name: `Hồ sơ ${code}` });
  await result.getByText('Đang giải quyết', { exact: true }).first().waitFor();
  await result.getByText('Lê H*** P*', { exact: true }).waitFor(); // masked, even for him
  assert.equal(await result.getByText(PHUC.id).count(), 0, 'the ID number is not shown in a lookup');
  await result.getByText('Đang xác minh chỗ ở.').waitFor();
  await t.checkA11y(page, 'dossier found by lookup');
  await t.screenshot(page, 'dossiers-lookup');

  // The public-service system reports the result ready: the open page follows without a reload.
  await streamReady(page);
  await page.evaluate(() => {
    window.cdsSameDocument = true;
  });
  await api('POST', `/api/v1/connector/dossiers/${code}/events`, {
    event_id: 'dvc-ready-1',
    status: 'ready_to_return',
    note: 'Mời ông đến Bộ phận Một cửa nhận kết quả.',
  });
  const timeline = result.getByRole('heading', { name: 'Quá trình xử lý' }).locator('xpath=following-sibling::ol[1]');
  await timeline.getByText('Mời ông đến Bộ phận Một cửa nhận kết quả.').waitFor();
  await timeline.getByText('Đã có kết quả, chờ trả', { exact: true }).waitFor();
  assert.equal(await timeline.getByRole('listitem').count(), 3, 'received, processing, ready');
  await card.getByText('Đã có kết quả, chờ trả', { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => window.cdsSameDocument === true), true, 'the page was not reloaded');
  await t.screenshot(page, 'dossiers-live-ready');

  // The inbox keeps it, and leads to the dossier's own page, in full for its applicant.
  await page.getByRole('banner').getByRole('link', { name: /^Thông báo/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
  const entry = page
    .getByRole('list', { name: 'Thông báo, mới nhất trước' })
    .getByRole('listitem')
    .filter({ hasText: `Hồ sơ ${code} đã có kết quả, mời bạn đến nhận` });
  await entry.getByText('Hồ sơ của bạn').waitFor();
  await entry.getByText('Mời ông đến Bộ phận Một cửa nhận kết quả.').waitFor();
  await t.checkA11y(page, 'inbox with a dossier notification');
  await entry.getByRole('link').first().click();
  await page.waitForURL(new RegExp(`/app/dossiers/${code.replaceAll('.', '\\.')}$`));
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
  await page.getByText(PHUC.name, { exact: true }).waitFor();
  await page.getByText(PHUC.id, { exact: true }).waitFor();
  await page.getByText('Đã có kết quả, chờ trả', { exact: true }).first().waitFor();
  await t.checkA11y(page, 'a dossier’s page for its applicant');
  await t.screenshot(page, 'dossiers-detail');

  // Returned: the open dossier page follows too.
  await streamReady(page);
  await api('POST', `/api/v1/connector/dossiers/${code}/events`, { event_id: 'dvc-returned-1', status: 'returned' });
  await page.locator('.dossier-status').getByText('Đã trả kết quả', { exact: true }).waitFor();
});

journey('dossiers: the demo dossier of Nguyễn Văn An is among his own, and anyone can look it up', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, 'Nguyễn Văn An');
  await page.goto('/app/dossiers');
  const card = page.getByRole('region', { name: 'Hồ sơ của tôi' }).getByRole('listitem').filter({ hasText: '38.98.H29-261120-0001' });
  await card.getByText('Thủ tục đăng ký khai sinh').waitFor();
  await card.getByRole('link', { name: '38.98.H29-261120-0001' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ 38.98.H29-261120-0001' }).waitFor();
  await page.getByText('Nguyễn Văn An', { exact: true }).waitFor();
  await page.getByText('Công chức tư pháp – hộ tịch đang kiểm tra hồ sơ.').waitFor();

  // A visitor who is not signed in, in English, with the receipt.
  const visitor = await t.newPage({ lang: 'en' });
  await visitor.goto('/app/');
  await visitor.getByRole('link', { name: 'Track an administrative dossier with the code on its receipt' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Track a dossier' }).waitFor();
  assert.equal(await visitor.getByRole('region', { name: 'My dossiers' }).count(), 0);
  await visitor.getByRole('textbox', { name: 'Dossier code' }).fill('38.98.H29-261120-0001');
  await visitor.getByRole('textbox', { name: 'Lookup secret' }).fill('KS2611');
  await visitor.getByRole('button', { name: 'Look up' }).click();
  const result = visitor.getByRole('region', { name: 'Dossier 38.98.H29-261120-0001' });
  await result.getByText('Nguyễn V*** A*', { exact: true }).waitFor();
  await result.getByText('Being processed', { exact: true }).first().waitFor();
  await t.checkA11y(visitor, 'dossier lookup in English, signed out');
  await t.screenshot(visitor, 'dossiers-lookup-en');
});

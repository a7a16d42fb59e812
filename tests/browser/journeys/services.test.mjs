// Public services: a visitor who is not signed in opens the procedure search, finds birth
// registration typing without accents and with them (the same results), narrows the list by field
// and by level (each choice shows its count, and every card left is of that field), opens the
// procedure and reads its steps and its fee. axe checks both screens.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

const birth = 'Đăng ký khai sinh';

async function resultNames(page) {
  const list = page.getByRole('list', { name: 'Kết quả tìm kiếm' });
  await list.waitFor();
  return list.getByRole('heading', { level: 2 }).allInnerTexts();
}

// Types `text` into the search box and waits until the list shows the answer to it.
async function search(page, text) {
  const box = page.getByLabel('Tìm thủ tục');
  await box.fill(text);
  await page.waitForFunction(
    (q) => new URL(location.href).searchParams.get('q') === q && !document.querySelector('.result-count')?.textContent?.includes('Đang tải'),
    text,
  );
  await page.getByRole('status').filter({ hasText: /thủ tục/ }).first().waitFor();
}

journey('services: a procedure is found with and without accents, filters narrow the list, its page shows steps and fee', async (t) => {
  const page = await t.newPage();
  await page.goto('/app/services');
  await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();

  await search(page, 'dang ky khai sinh');
  const plain = await resultNames(page);
  assert.equal(plain[0], birth, 'birth registration comes first');
  await search(page, 'đăng ký khai sinh');
  assert.deepEqual(await resultNames(page), plain, 'with or without accents, the same list');
  await search(page, 'ĐĂNG KÝ KHAI SINH');
  assert.deepEqual(await resultNames(page), plain);
  await t.checkA11y(page, 'services search');
  await t.screenshot(page, 'services-search');

  // Everything, then one field: fewer cards, all of that field, the count as the option said.
  await search(page, 'dang ky');
  const before = (await resultNames(page)).length;
  const field = page.getByLabel('Lĩnh vực');
  const option = (await field.locator('option', { hasText: 'Hộ tịch' }).innerText()).trim();
  const count = Number(/\((\d+)\)$/.exec(option)?.[1]);
  assert.ok(count > 0 && count < before, `"${option}" narrows ${before} results`);
  await field.selectOption('Hộ tịch');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('field') === 'Hộ tịch');
  await page.getByRole('status').filter({ hasText: count === 1 ? 'Có 1 thủ tục.' : `Có ${count} thủ tục.` }).waitFor();
  const cards = page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('listitem');
  assert.equal(await cards.count(), count);
  for (const text of await cards.allInnerTexts()) assert.match(text, /Hộ tịch/);
  // A level chip with its count; the commune level holds every demo procedure.
  const commune = page.getByRole('radio', { name: /^Cấp xã, phường \(\d+\)$/ });
  await commune.check({ force: true });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('level') === 'commune');
  await t.checkA11y(page, 'services search with filters');
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('field'));

  // The procedure's page.
  await search(page, 'dang ky khai sinh');
  await page.getByRole('link', { name: birth }).first().click();
  await page.getByRole('heading', { level: 1, name: birth }).waitFor();
  const steps = page.getByRole('region', { name: 'Các bước thực hiện' });
  assert.ok((await steps.getByRole('listitem').count()) >= 2, 'the steps are listed');
  const channels = page.getByRole('region', { name: 'Cách nộp, thời hạn và lệ phí' });
  await channels.getByRole('rowheader', { name: 'Trực tiếp' }).waitFor();
  assert.match(await channels.innerText(), /Miễn phí/);
  assert.match(await page.getByRole('region', { name: 'Hồ sơ cần chuẩn bị' }).innerText(), /Tờ khai đăng ký khai sinh/);
  assert.match(await page.locator('main').innerText(), /1\.001193/);
  await t.checkA11y(page, 'procedure page');
  await t.screenshot(page, 'services-procedure');
  await page.getByRole('link', { name: 'Về tra cứu thủ tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
});

// A citizen follows a report to its result, rates it, and reopens it. The staff steps go through
// the API here (the operator queue and the unit workspace are the next slice's screens).
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

journey('citizen: sees the result with the timeline, rates it, then reopens it', async (t) => {
  const page = await t.newPage();
  await t.signInCitizen(page, 'Đặng Ngọc Lan Anh');
  await page.goto('/app/send?kind=report');
  await page.getByRole('radio', { name: 'Điện lực' }).check();
  await page.getByLabel('Nội dung phản ánh').fill('Mất điện cả con hẻm từ tối qua.');
  await page.getByLabel('Địa chỉ').fill('Hẻm 175 Nguyễn Thị Minh Khai, Phường Bến Thành');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await page.waitForURL(/\/app\/reports\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());

  const operator = await t.apiAs('operator1');
  const unit = await t.apiAs('evn1');
  await operator('POST', `/api/v1/staff/reports/${id}/assign`, {});
  await unit('POST', `/api/v1/staff/reports/${id}/accept`, { text: 'Đã tiếp nhận, đội trực sẽ kiểm tra.' });
  await unit('POST', `/api/v1/staff/reports/${id}/resolve`, { result: 'Đã thay cầu chì, điện đã có lại.' });

  await page.reload();
  await page.getByRole('region', { name: 'Kết quả xử lý' }).getByText('Đã thay cầu chì, điện đã có lại.').waitFor();
  const timeline = page.getByRole('heading', { name: 'Tiến trình xử lý' }).locator('xpath=following-sibling::ol[1]');
  assert.equal(await timeline.getByRole('listitem').count(), 4, 'submitted, assigned, accepted, resolved');
  await timeline.getByText('Trung tâm Dịch vụ 1022').waitFor();
  await t.screenshot(page, 'citizen-report-resolved');
  await t.checkA11y(page, 'resolved report with its actions');

  await page.getByRole('radio', { name: '4 sao' }).check();
  await page.getByLabel('Nhận xét (không bắt buộc)').fill('Xử lý nhanh, cảm ơn.');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.getByText('Đã đóng').first().waitFor();
  await page.getByText('4/5 sao — Xử lý nhanh, cảm ơn.').waitFor();

  // Reopening needs a reason: the server's message shows next to the field.
  await page.getByRole('button', { name: 'Mở lại phản ánh' }).click();
  const reason = page.getByLabel('Lý do mở lại');
  await page.waitForFunction(() => document.getElementById('reopen-reason')?.getAttribute('aria-invalid') === 'true');
  await reason.fill('Tối nay lại mất điện.');
  await page.getByRole('button', { name: 'Mở lại phản ánh' }).click();
  await page.getByText('Đã chuyển đơn vị xử lý').first().waitFor();
  await t.screenshot(page, 'citizen-report-reopened');
});

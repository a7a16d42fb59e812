// A unit's staff see only their unit's reports: a report assigned to SAWACO opens for SAWACO's
// staff, while evn1 (EVN HCMC) opening its address gets a plain "not found or not your unit's"
// message and nothing of the report, and does not find it in the unit's list either.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';

journey("staff: a unit's staff cannot open another unit's report", async (t) => {
  const citizen = await t.apiAs('citizen1');
  const operator = await t.apiAs('operator1');
  const report = await citizen('POST', '/api/v1/reports', {
    category: 'cap_thoat_nuoc',
    description: 'Vỡ ống nước trên đường Nguyễn Trãi, nước tràn ra lòng đường.',
    address: '212 Nguyễn Trãi, Phường Bến Thành',
  });
  await operator('POST', `/api/v1/staff/reports/${report.id}/assign`, { unit: 'sawaco' });

  // SAWACO's staff open it.
  const sawaco = await t.newPage({ phone: false });
  await t.signInStaff(sawaco, 'sawaco1', 'congdanso-demo');
  await sawaco.goto(`/staff/reports/${report.id}`);
  await sawaco.getByRole('heading', { level: 1, name: report.code }).waitFor();
  await sawaco.getByRole('button', { name: 'Tiếp nhận', exact: true }).waitFor();

  // evn1 does not: a clear message, no trace of the report.
  const evn = await t.newPage();
  await t.signInStaff(evn, 'evn1', 'congdanso-demo');
  const answer = evn.waitForResponse((r) => r.url().endsWith(`/api/v1/staff/reports/${report.id}`));
  await evn.goto(`/staff/reports/${report.id}`);
  assert.equal((await answer).status(), 404);
  await evn.getByRole('heading', { level: 1, name: 'Không tìm thấy phản ánh' }).waitFor();
  await evn.getByRole('alert').getByText('không được giao cho đơn vị của bạn', { exact: false }).waitFor();
  assert.equal(await evn.getByText(report.code).count(), 0);
  assert.equal(await evn.getByText('Vỡ ống nước').count(), 0);
  assert.equal(await evn.getByRole('button', { name: 'Tiếp nhận', exact: true }).count(), 0);
  await t.screenshot(evn, 'staff-not-your-unit');
  await t.checkA11y(evn, 'not your unit');
  await evn.getByRole('link', { name: 'Về việc của đơn vị' }).click();
  await evn.getByRole('heading', { level: 1, name: 'Việc của đơn vị' }).waitFor();

  // Nor in the unit's list, even when searched by code.
  await evn.goto(`/staff/unit?q=${report.code}`);
  await evn.getByRole('status').filter({ hasText: 'Không có phản ánh nào khớp bộ lọc.' }).waitFor();

  // The queue is not a unit's screen either.
  await evn.goto('/staff/queue');
  await evn.getByRole('heading', { level: 1, name: 'Màn hình không dành cho bạn' }).waitFor();
});

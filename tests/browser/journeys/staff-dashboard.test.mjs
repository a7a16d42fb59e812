// The leaders' dashboard shows the figures of a known data set, and its CSV export says the same:
// reports in known categories, sent in one ward through the API today (three about electricity,
// assigned to EVN HCMC, two of them resolved and one of those rated 4; one about water, not yet
// assigned). leader1 chooses that ward and a period covering today; the totals and the
// "Điện lực" row on screen equal GET /api/v1/staff/stats for the same query, formatted as the
// screen formats numbers (vi-VN), and so do the values of the downloaded CSV. The monthly unit
// ranking on screen equals its JSON as well.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { journey } from '../harness.mjs';

const ward = '27664'; // Xã Cần Giờ: far from the demo data and the other journeys' reports
const cityToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const addDays = (date, n) => {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// The screen's formats (web/src/staff/dashboard/format.ts), in Vietnamese.
const count = (n) => new Intl.NumberFormat('vi-VN').format(n);
const rate = (r) => (r === null ? 'Chưa có số liệu' : new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(r));
const decimal = (n) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);
const hours = (h) => (h === null ? 'Chưa có số liệu' : `${decimal(h)} giờ`);
const average = (a) => (a === null ? 'Chưa có số liệu' : `${decimal(a)}/5`);
const cellRate = (r) => (r === null ? '—Chưa có số liệu' : rate(r));

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const csvNumber = (value) => (value === null ? '' : String(value));

journey('dashboard: the figures of a known data set on screen and in the CSV equal the stats API', async (t) => {
  const today = cityToday();
  const from = addDays(today, -6);
  const query = `from=${from}&to=${today}&ward=${ward}`;
  const leaderApi = await t.apiAs('leader1');
  const before = await leaderApi('GET', `/api/v1/staff/stats?${query}`);
  assert.equal(before.totals.received, 0, `no report in ward ${ward} before this journey`);

  // The data set.
  const citizen = await t.apiAs('citizen3');
  const operator = await t.apiAs('operator1');
  const evn = await t.apiAs('evn1');
  const send = (category, description) => citizen('POST', '/api/v1/reports', { category, description, ward, address: 'Đường Rừng Sác, Xã Cần Giờ' });
  const electricity = [];
  for (const text of ['Mất điện cả khu dân cư ấp Đồng Hòa từ sáng.', 'Trụ điện nghiêng sau mưa bão, dây điện võng thấp.', 'Đèn đường tắt cả đoạn đường Rừng Sác.']) {
    const report = await send('dien_luc', text);
    await operator('POST', `/api/v1/staff/reports/${report.id}/assign`, { unit: 'evn-hcmc' });
    electricity.push(report);
  }
  for (const report of electricity.slice(0, 2)) {
    await evn('POST', `/api/v1/staff/reports/${report.id}/accept`, { text: 'Đội trực đã nhận.' });
    await evn('POST', `/api/v1/staff/reports/${report.id}/resolve`, { result: 'Đã khắc phục xong.' });
  }
  await citizen('POST', `/api/v1/reports/${electricity[0].id}/rating`, { score: 4, comment: 'Xử lý nhanh.' });
  await send('cap_thoat_nuoc', 'Nước máy yếu, có mùi lạ ở khu phố Miễu Nhì.');

  const stats = await leaderApi('GET', `/api/v1/staff/stats?${query}`);
  // What we know of it: the server's figures are those of the data set.
  assert.deepEqual(
    { received: stats.totals.received, resolved: stats.totals.resolved, on_time: stats.totals.on_time, rate: stats.totals.on_time_rate, open: stats.totals.open_now, overdue: stats.totals.overdue_now },
    { received: 4, resolved: 2, on_time: 2, rate: 1, open: 2, overdue: 0 },
  );
  assert.deepEqual(stats.totals.satisfaction, { count: 1, average: 4 });
  const dienLuc = stats.by_category.find((r) => r.code === 'dien_luc');
  assert.deepEqual({ ...dienLuc, name: undefined }, { code: 'dien_luc', name: undefined, received: 3, resolved: 2, on_time: 2, on_time_rate: 1 });

  // leader1 asks for the same on the dashboard.
  const page = await t.newPage({ phone: false });
  await t.signInStaff(page, 'leader1', 'congdanso-demo');
  await page.getByRole('navigation', { name: 'Điều hướng cán bộ' }).getByRole('link', { name: 'Bảng số liệu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bảng số liệu' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Tổng quan' }).waitFor();
  await page.getByLabel('Từ ngày').fill(from);
  await page.getByLabel('Đến hết ngày').fill(today);
  await page.getByLabel('Phường, xã', { exact: true }).selectOption(ward);
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  await page.waitForURL((u) => u.searchParams.get('ward') === ward && u.searchParams.get('from') === from);
  await page.getByRole('status').filter({ hasText: 'Đã cập nhật số liệu' }).waitFor();

  // The totals, label by label.
  const figure = (label) => page.locator('dl.figures .figure').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('.figure-value');
  const shown = {
    received: await figure('Tiếp nhận').innerText(),
    resolved: await figure('Đã giải quyết').innerText(),
    rate: await figure('Tỷ lệ đúng hạn').innerText(),
    overdue: await figure('Đang quá hạn').innerText(),
    assign: await figure('Thời gian chuyển xử lý trung bình').innerText(),
    resolve: await figure('Thời gian giải quyết trung bình').innerText(),
    satisfaction: await figure('Mức hài lòng').innerText(),
  };
  const tot = stats.totals;
  assert.deepEqual(shown, {
    received: count(tot.received),
    resolved: count(tot.resolved),
    rate: rate(tot.on_time_rate),
    overdue: count(tot.overdue_now),
    assign: hours(tot.avg_hours_to_assign),
    resolve: hours(tot.avg_hours_to_resolve),
    satisfaction: average(tot.satisfaction.average),
  });
  assert.equal(shown.rate, '100%');
  const figures = page.locator('dl.figures');
  await figures.getByText(`${count(tot.on_time)}/${count(tot.resolved)} phản ánh giải quyết đúng hạn`).waitFor();
  await figures.getByText(`${count(tot.satisfaction.count)} lượt đánh giá`).waitFor();
  await figures.getByText(`trong ${count(tot.open_now)} phản ánh đang xử lý`).waitFor();

  // The "Điện lực" row of the table by category.
  const byCategory = page.getByRole('table', { name: 'Theo lĩnh vực' });
  const row = byCategory.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Điện lực' }) });
  assert.deepEqual(await row.getByRole('cell').allInnerTexts(), [count(dienLuc.received), count(dienLuc.resolved), count(dienLuc.on_time), cellRate(dienLuc.on_time_rate)]);
  // Sorting by a column says so.
  await byCategory.getByRole('button', { name: /^Tiếp nhận/ }).click();
  assert.equal(await byCategory.getByRole('columnheader', { name: /^Tiếp nhận/ }).getAttribute('aria-sort'), 'descending');

  // Reports by day: a chart (a picture named in words) and the same numbers in a table.
  await page.getByRole('img', { name: /^Biểu đồ: cột là số phản ánh tiếp nhận/ }).locator('canvas').waitFor();
  await page.getByText('Bảng số liệu theo ngày').click();
  const days = page.getByRole('table', { name: 'Số phản ánh tiếp nhận và đã giải quyết mỗi ngày' });
  assert.equal(await days.getByRole('row').count(), stats.by_day.length + 1);
  const todayRow = stats.by_day.find((d) => d.date === today);
  assert.deepEqual(await days.getByRole('row').last().getByRole('cell').allInnerTexts(), [count(todayRow.received), count(todayRow.resolved)]);
  await page.getByText('Không có phản ánh nào đang quá hạn.').waitFor();
  await t.screenshot(page, 'staff-dashboard-known-data-desk');

  // The CSV download: the same query, the same numbers as the JSON.
  const link = page.getByRole('link', { name: 'Tải số liệu (CSV)' });
  const href = new URL(await link.getAttribute('href'), t.stack.url);
  assert.deepEqual(Object.fromEntries(href.searchParams), { from, to: today, ward, format: 'csv' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), `congdanso-stats-${from}_${today}.csv`);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a byte order mark for spreadsheets');
  const rows = parseCsv(text.slice(1));
  assert.deepEqual(rows[0], ['section', 'code', 'name', 'received', 'resolved', 'on_time', 'on_time_rate', 'value']);
  const csv = (section, code) => rows.find((r) => r[0] === section && r[1] === code);
  assert.equal(csv('period', 'from')[7], from);
  assert.equal(csv('period', 'to')[7], today);
  assert.deepEqual(csv('totals', '').slice(3, 7), [tot.received, tot.resolved, tot.on_time, tot.on_time_rate].map(csvNumber));
  const indicators = {
    open_now: tot.open_now,
    overdue_now: tot.overdue_now,
    avg_hours_to_assign: tot.avg_hours_to_assign,
    avg_hours_to_resolve: tot.avg_hours_to_resolve,
    satisfaction_count: tot.satisfaction.count,
    satisfaction_average: tot.satisfaction.average,
  };
  for (const [code, value] of Object.entries(indicators)) assert.equal(csv('indicator', code)[7], csvNumber(value), `indicator ${code}`);
  assert.deepEqual(csv('category', 'dien_luc').slice(3, 7), [dienLuc.received, dienLuc.resolved, dienLuc.on_time, dienLuc.on_time_rate].map(csvNumber));
  // ...and so equal what the screen shows.
  assert.equal(count(Number(csv('totals', '')[3])), shown.received);
  assert.equal(rate(Number(csv('totals', '')[6])), shown.rate);
  assert.equal(average(Number(csv('indicator', 'satisfaction_average')[7])), shown.satisfaction);
  assert.deepEqual(
    rows.filter((r) => r[0] === 'day').map((r) => [r[1], Number(r[3]), Number(r[4])]),
    stats.by_day.map((d) => [d.date, d.received, d.resolved]),
  );

  // The monthly unit ranking (the period that contains today) equals its JSON, EVN HCMC included.
  const ranking = await leaderApi('GET', '/api/v1/staff/stats/ranking');
  const rankingTable = page.getByRole('table', { name: /^Xếp hạng tháng/ });
  await rankingTable.waitFor();
  const rankingRows = rankingTable.getByRole('row');
  assert.equal(await rankingRows.count(), ranking.items.length + 1);
  const evnRow = ranking.items.find((r) => r.code === 'evn-hcmc');
  assert.ok(evnRow && evnRow.resolved >= 2, 'EVN HCMC resolved the data set in this period');
  const evnCells = await rankingRows.filter({ has: page.getByRole('rowheader', { name: evnRow.name }) }).getByRole('cell').allInnerTexts();
  assert.deepEqual(evnCells.slice(0, 5), [count(evnRow.rank), count(evnRow.assigned), count(evnRow.resolved), count(evnRow.on_time), cellRate(evnRow.on_time_rate)]);
  const rankingCsv = await page.request.get(await page.getByRole('link', { name: 'Tải xếp hạng (CSV)' }).getAttribute('href'));
  assert.equal(rankingCsv.status(), 200);
  const rankingRowsCsv = parseCsv((await rankingCsv.text()).slice(1));
  const evnCsv = rankingRowsCsv.find((r) => r[1] === 'evn-hcmc');
  assert.deepEqual(evnCsv.slice(0, 7), [evnRow.rank, 'evn-hcmc', evnRow.name, evnRow.assigned, evnRow.resolved, evnRow.on_time, evnRow.on_time_rate].map((v) => (typeof v === 'string' ? v : csvNumber(v))));
});

// The whole life of a report through the screens: a citizen sends it with a photo; operator1
// finds it in the 1022 queue and assigns it to EVN HCMC with a canned message and an internal
// note; evn1 accepts it, posts progress and resolves it with a photo; the citizen sees the result
// (the unit's message and photo, no internal note) and rates it 5, which closes it.
// Phone-sized screenshots of the queue, the detail and the unit's workspace.
import assert from 'node:assert/strict';
import { journey } from '../harness.mjs';
import { makePng } from '../lib/png.mjs';

const evn = 'Tổng công ty Điện lực TP.HCM (EVNHCMC)';

journey(
  'staff: citizen sends → operator1 assigns to EVN → evn1 accepts, progresses, resolves with a photo → citizen rates 5',
  async (t) => {
    // 1. The citizen sends a report with a photo and a location (Thủ Đức, away from other reports).
    const citizen = await t.newPage({ geolocation: { latitude: 10.8506, longitude: 106.7719 } });
    await t.signInCitizen(citizen, 'Trần Thị Bích Ngọc');
    await citizen.goto('/app/send?kind=report');
    await citizen.getByRole('radio', { name: 'Điện lực' }).check();
    await citizen.getByLabel('Nội dung phản ánh').fill('Dây điện bị võng thấp sát mặt đường trước chợ Thủ Đức.');
    await citizen.getByLabel('Thêm ảnh').setInputFiles({ name: 'day-dien.png', mimeType: 'image/png', buffer: makePng(1200, 900) });
    await citizen.getByText('Đã tải ảnh 1 lên').waitFor();
    await citizen.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    await citizen.getByText(/^Đã lấy vị trí/).waitFor();
    await citizen.getByLabel('Địa chỉ').fill('Chợ Thủ Đức, Phường Thủ Đức');
    await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await citizen.waitForURL(/\/app\/reports\/\d+$/);
    const reportUrl = new URL(citizen.url()).pathname;
    const heading = citizen.getByRole('heading', { level: 1, name: /PA-\d{4}-\d{6,}/ });
    const code = (await heading.innerText()).match(/PA-\d{4}-\d{6,}/)[0];
    t.log(`report ${code} at ${reportUrl}`);

    // 2. operator1 finds it in the queue (search by code) and opens it.
    const op = await t.newPage();
    const opRequests = [];
    op.context().on('request', (r) => opRequests.push(r.url()));
    await t.signInStaff(op, 'operator1', 'congdanso-demo');
    await op.getByRole('heading', { level: 1, name: 'Hàng chờ 1022' }).waitFor();
    const queueRow = op.getByRole('row').filter({ hasText: code });
    await queueRow.waitFor(); // newest first: on the first page
    await queueRow.getByText('Đã tiếp nhận').waitFor();
    await queueRow.getByText(`Đề xuất: ${evn}`).waitFor(); // routing's proposal for electricity
    await t.screenshot(op, 'staff-queue');
    await op.getByText('Tìm kiếm và lọc').click(); // folded on a phone
    await op.getByLabel('Tìm kiếm', { exact: true }).fill(code);
    await op.getByRole('button', { name: 'Lọc', exact: true }).click();
    await op.waitForURL((u) => u.searchParams.get('q') === code);
    await op.getByRole('status').filter({ hasText: 'Có 1 phản ánh.' }).waitFor();
    await op.getByRole('row').filter({ hasText: code }).getByRole('link', { name: code }).click();
    await op.getByRole('heading', { level: 1, name: code }).waitFor();
    await op.waitForFunction(() => document.activeElement?.tagName === 'H1'); // focus follows navigation

    // The staff view: the author (an audited read), the photo, the timeline.
    const sender = op.getByRole('region', { name: 'Người gửi' });
    await sender.getByText('Trần Thị Bích Ngọc').waitFor();
    await sender.getByText(/nhật ký kiểm tra/).waitFor();
    await op.getByRole('list', { name: 'Hình ảnh đính kèm' }).getByRole('img', { name: 'Ảnh 1' }).waitFor();
    await op.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    // The report's place on a map (no tile server here), with the coordinates and ward as text.
    const map = op.getByRole('region', { name: `Vị trí của phản ánh ${code} trên bản đồ` });
    await map.waitFor();
    await map.locator('.map-pin').waitFor();
    const mapText = await op.locator(`[id="${await map.getAttribute('aria-describedby')}"]`).innerText();
    assert.match(mapText, /Tọa độ: 10\.8506, 106\.7719\s+Phường, xã: \S/, mapText);
    const outside = opRequests.filter((url) => {
      const u = new URL(url);
      return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '127.0.0.1';
    });
    assert.deepEqual(outside, [], 'every request of the staff detail stayed on 127.0.0.1');

    // Assign to EVN HCMC, with a canned public message.
    await op.getByRole('button', { name: 'Phân công', exact: true }).click();
    const unitSelect = op.getByLabel('Đơn vị xử lý');
    await unitSelect.selectOption({ label: evn });
    await op.getByLabel('Mẫu trả lời').selectOption({ label: 'Đã chuyển đơn vị xử lý' });
    await op.getByRole('button', { name: 'Chèn mẫu' }).click();
    const message = op.getByLabel('Lời nhắn cho người dân (không bắt buộc)');
    assert.match(await message.inputValue(), /^Trung tâm 1022 đã chuyển phản ánh của bạn/);
    await t.screenshot(op, 'staff-detail-assign');
    const assigned = op.waitForRequest((r) => r.url().endsWith('/assign') && r.method() === 'POST');
    await op.getByRole('button', { name: 'Xác nhận phân công' }).click();
    const body = JSON.parse((await assigned).postData());
    assert.equal(body.unit, 'evn-hcmc');
    await op.getByRole('status').filter({ hasText: `Đã phân công phản ánh ${code}.` }).waitFor();
    await op.locator('.report-meta').getByText('Đã chuyển đơn vị xử lý').waitFor();

    // An internal note: staff only.
    await op.getByRole('button', { name: 'Ghi chú nội bộ' }).click();
    await op.getByLabel('Nội dung ghi chú').fill('Người gửi nói dây võng từ sáng; ưu tiên kiểm tra trong ngày.');
    await op.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await op.getByRole('status').filter({ hasText: 'Đã lưu ghi chú nội bộ' }).waitFor();
    const opTimeline = op.getByRole('region', { name: /^Tiến trình xử lý/ }).getByRole('listitem');
    await opTimeline.filter({ hasText: 'Nội bộ' }).getByText('(operator1)').waitFor();
    await t.screenshot(op, 'staff-detail');

    // 3. evn1 sees it in the unit's workspace, accepts, posts progress, resolves with a photo.
    const unit = await t.newPage();
    await t.signInStaff(unit, 'evn1', 'congdanso-demo');
    await unit.getByRole('heading', { level: 1, name: 'Việc của đơn vị' }).waitFor();
    assert.equal(new URL(unit.url()).pathname, '/staff/unit');
    await unit.getByText(`Phản ánh đã giao cho ${evn}`, { exact: false }).waitFor();
    const unitRow = unit.getByRole('row').filter({ hasText: code });
    await unitRow.getByText('Đã chuyển đơn vị xử lý').waitFor();
    await t.screenshot(unit, 'staff-unit-workspace');
    await unitRow.getByRole('link', { name: code }).click();
    await unit.getByRole('heading', { level: 1, name: code }).waitFor();
    // Unit staff read the internal note too, and get only the unit's steps.
    await unit.getByText('Người gửi nói dây võng từ sáng').waitFor();
    assert.equal(await unit.getByRole('button', { name: 'Phân công', exact: true }).count(), 0);

    await unit.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await unit.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    await unit.getByRole('status').filter({ hasText: `Đơn vị đã tiếp nhận phản ánh ${code}.` }).waitFor();
    await unit.locator('.report-meta').getByText('Đang xử lý').waitFor();

    await unit.getByRole('button', { name: 'Cập nhật tiến độ' }).click();
    await unit.getByLabel('Nội dung cập nhật').fill('Đội trực đã đến hiện trường, đang căng lại dây.');
    await unit.getByRole('button', { name: 'Gửi cập nhật' }).click();
    await unit.getByRole('status').filter({ hasText: 'Đã gửi cập nhật tiến độ' }).waitFor();

    await unit.getByRole('button', { name: 'Báo kết quả' }).click();
    await unit.getByLabel('Kết quả xử lý').fill('Đã căng lại dây điện và gia cố cột. Cảm ơn bạn đã phản ánh.');
    const uploaded = unit.waitForResponse((r) => r.url().endsWith('/api/v1/media') && r.request().method() === 'POST');
    await unit.getByLabel('Thêm ảnh').setInputFiles({ name: 'da-xu-ly.png', mimeType: 'image/png', buffer: makePng(2000, 1500) });
    const proof = await (await uploaded).json();
    assert.equal(proof.width, 1600, 'the proof photo was made smaller before upload');
    await unit.getByText('Đã tải ảnh 1 lên').waitFor();
    const resolved = unit.waitForRequest((r) => r.url().endsWith('/resolve') && r.method() === 'POST');
    await unit.getByRole('button', { name: 'Gửi kết quả' }).click();
    assert.deepEqual(JSON.parse((await resolved).postData()).photos, [proof.id]);
    await unit.getByRole('status').filter({ hasText: `Đã báo kết quả xử lý phản ánh ${code}.` }).waitFor();
    await unit.locator('.report-meta').getByText('Đã xử lý').waitFor();
    const resolvedStep = unit.getByRole('region', { name: /^Tiến trình xử lý/ }).getByRole('listitem').filter({ hasText: 'Đã xử lý xong' });
    await resolvedStep.getByRole('img', { name: 'Ảnh 1' }).waitFor();
    await t.screenshot(unit, 'staff-unit-detail');

    // 4. The citizen sees the result with the unit's message and photo, and no internal note.
    await citizen.goto(reportUrl);
    const result = citizen.getByRole('region', { name: 'Kết quả xử lý' });
    await result.getByText('Đã căng lại dây điện và gia cố cột.', { exact: false }).waitFor();
    const resultPhoto = result.getByRole('list', { name: 'Hình ảnh kết quả' }).getByRole('img', { name: 'Ảnh 1' });
    await resultPhoto.scrollIntoViewIfNeeded(); // loaded lazily
    await citizen.waitForFunction((img) => img.complete && img.naturalWidth > 0, await resultPhoto.elementHandle());
    await citizen.getByText('Đội trực đã đến hiện trường, đang căng lại dây.').waitFor();
    assert.equal(await citizen.getByText('Người gửi nói dây võng từ sáng').count(), 0, 'internal notes stay internal');
    await t.screenshot(citizen, 'lifecycle-citizen-result');
    await citizen.getByRole('radio', { name: '5 sao' }).check();
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.getByText('5/5 sao').waitFor();
    await citizen.getByText('Đã đóng').first().waitFor();

    // The operator's queue shows it closed.
    await op.goto(`/staff/queue?q=${code}`);
    await op.getByRole('row').filter({ hasText: code }).getByText('Đã đóng').waitFor();
  },
  { timeoutMs: 180_000 },
);

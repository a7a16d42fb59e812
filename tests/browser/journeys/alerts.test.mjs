// Hot alerts (issue 6), end to end in the browser: alert1 drafts an alert for three wards in the
// staff console and cannot approve it; alert2 approves it; within seconds it shows, without a
// reload, on the open home screens of a citizen whose home ward is one of them (set in the
// profile) and of a visitor who chose another of them, and not on the home screen of a visitor
// who chose a ward elsewhere. The banner opens the alert's page, with what to do. A Cancel,
// drafted and approved the same way, takes the banner away again.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { journey } from '../harness.mjs';

const wards = {
  saiGon: { code: '26740', name: 'Phường Sài Gòn', search: 'sai gon' },
  benThanh: { code: '26743', name: 'Phường Bến Thành', search: 'ben thanh' },
  cauOngLanh: { code: '26758', name: 'Phường Cầu Ông Lãnh', search: 'cầu ông' },
  elsewhere: { code: '25747', name: 'Phường Thủ Dầu Một' },
};

// The tab's live stream said `ready` (it keeps the last event id), and the page is marked, so
// that the end of the journey can tell it was never reloaded.
async function readyAndMarked(page) {
  await page.waitForFunction(() => sessionStorage.getItem('cds.live.last') !== null);
  await page.evaluate(() => {
    window.cdsSameDocument = true;
  });
}
async function assertSameDocument(page, what) {
  assert.equal(await page.evaluate(() => window.cdsSameDocument === true), true, `${what} was not reloaded`);
}

// The live stream this page opens next asks for `ward`.
const streamFor = (page, ward) =>
  page.waitForRequest((r) => r.url().includes('/api/v1/events/stream') && new URL(r.url()).searchParams.get('ward') === ward);

// A visitor (not signed in) on the home screen who chose `ward` as theirs.
async function visitorIn(t, ward) {
  const page = await t.newPage();
  await page.goto('/app/');
  await page.getByRole('heading', { level: 1, name: 'Công dân số' }).waitFor();
  const reopened = streamFor(page, ward.code);
  await page.getByLabel('Phường, xã của tôi').selectOption(ward.code);
  await page.getByRole('status').filter({ hasText: `Đã chọn ${ward.name}` }).waitFor();
  await reopened;
  return page;
}

journey('alerts: drafted by alert1, approved by alert2, the alert reaches the open home screens in its wards within seconds and not elsewhere', async (t) => {
  const tag = randomBytes(3).toString('hex');
  const headline = { vi: `Triều cường vượt báo động III (${tag})`, en: `King tide above alarm level III (${tag})` };
  const instruction = {
    vi: 'Không đi qua đường ngập sâu; di chuyển xe lên chỗ cao; theo dõi thông báo của phường.',
    en: 'Do not cross deeply flooded roads; move vehicles to higher ground; follow the ward’s notices.',
  };

  // A citizen whose home ward (set in the profile) is in the area.
  const citizen = await t.newPage();
  await t.signInCitizen(citizen, 'Đặng Ngọc Lan Anh');
  await citizen.getByText('Chọn phường, xã nơi bạn sống để nhận cảnh báo nóng').waitFor();
  await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
  await citizen.getByRole('heading', { level: 2, name: 'Nơi tôi sống' }).waitFor();
  const reopened = streamFor(citizen, wards.benThanh.code);
  await citizen.getByLabel('Phường, xã nơi tôi sống').selectOption(wards.benThanh.code);
  await citizen.getByRole('button', { name: 'Lưu nơi sống' }).click();
  await citizen.getByRole('status').filter({ hasText: `Đã lưu nơi sống: ${wards.benThanh.name}.` }).waitFor();
  await reopened; // the live stream follows the new home ward
  await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Trang chủ' }).click();
  await citizen.getByText(`Bạn nhận cảnh báo nóng cho ${wards.benThanh.name}.`).waitFor();

  // A visitor who chose another ward of the area, and one who chose a ward elsewhere.
  const visitor = await visitorIn(t, wards.saiGon);
  const outsider = await visitorIn(t, wards.elsewhere);
  await t.checkA11y(outsider, 'welcome with the ward choice');
  for (const page of [citizen, visitor, outsider]) await readyAndMarked(page);

  // alert1 drafts the alert for three wards.
  const officer1 = await t.newPage({ phone: false });
  await t.signInStaff(officer1, 'alert1', 'congdanso-demo');
  await officer1.getByRole('heading', { level: 1, name: 'Cảnh báo nóng' }).waitFor();
  await officer1.getByRole('link', { name: 'Soạn cảnh báo mới' }).click();
  await officer1.getByRole('heading', { level: 1, name: 'Soạn cảnh báo nóng' }).waitFor();
  await officer1.getByLabel('Loại', { exact: true }).selectOption('Met');
  await officer1.getByLabel('Mức khẩn cấp').selectOption('Immediate');
  await officer1.getByLabel('Mức nguy hiểm').selectOption('Severe');
  await officer1.getByLabel('Khả năng xảy ra').selectOption('Likely');
  const texts = {
    vi: { event: 'Triều cường', headline: headline.vi, description: 'Đỉnh triều dự báo 1,75 m lúc 17 giờ tại trạm Phú An.', instruction: instruction.vi, area: 'Các phường ven sông Sài Gòn' },
    en: { event: 'King tide', headline: headline.en, description: 'The tide is forecast to peak at 1.75 m at 5 pm at Phu An station.', instruction: instruction.en, area: 'Wards along the Saigon River' },
  };
  for (const lang of ['vi', 'en']) {
    const suffix = lang === 'vi' ? '(VI)' : '(EN)';
    await officer1.getByLabel(`Sự kiện ${suffix}`, { exact: true }).fill(texts[lang].event);
    await officer1.getByLabel(`Tiêu đề ${suffix}`, { exact: true }).fill(texts[lang].headline);
    await officer1.getByLabel(`Mô tả ${suffix}`, { exact: true }).fill(texts[lang].description);
    await officer1.getByLabel(`Cần làm gì ${suffix}`, { exact: true }).fill(texts[lang].instruction);
    await officer1.getByLabel(`Khu vực ${suffix}`, { exact: true }).fill(texts[lang].area);
  }
  // Three wards, found without accents (or with), ticked.
  for (const ward of [wards.saiGon, wards.benThanh, wards.cauOngLanh]) {
    await officer1.getByLabel('Tìm phường, xã').fill(ward.search);
    await officer1.getByRole('checkbox', { name: ward.name, exact: true }).check();
  }
  await officer1.getByText('Đã chọn 3 phường, xã').waitFor();
  // Drawing on the map: corners by clicks, one undone, all cleared (the wards stay the area).
  await officer1.getByRole('radio', { name: /^Đa giác/ }).check();
  const map = officer1.getByRole('region', { name: 'Bản đồ để vẽ khu vực cảnh báo' });
  await map.locator('.leaflet-control-zoom-in').waitFor(); // Leaflet is up
  const box = await map.boundingBox();
  for (const [dx, dy] of [[0.3, 0.3], [0.7, 0.35], [0.5, 0.7]]) {
    await officer1.mouse.click(box.x + box.width * dx, box.y + box.height * dy);
  }
  await officer1.getByText('3 đỉnh', { exact: true }).waitFor();
  assert.equal((await officer1.getByLabel('Các đỉnh (mỗi dòng: vĩ độ, kinh độ)').inputValue()).trim().split('\n').length, 3);
  await officer1.getByRole('button', { name: 'Bỏ đỉnh cuối' }).click();
  await officer1.getByText('2 đỉnh', { exact: true }).waitFor();
  await officer1.getByRole('button', { name: 'Xóa hình vẽ' }).click();
  await officer1.getByText('0 đỉnh', { exact: true }).waitFor();
  await officer1.getByRole('radio', { name: 'Không vẽ' }).check();
  await t.checkA11y(officer1, 'staff alert draft form');
  await t.screenshot(officer1, 'staff-alert-draft-form', { full: false });
  await officer1.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await officer1.waitForURL(/\/staff\/alerts\/\d+$/);
  const id = Number(new URL(officer1.url()).pathname.split('/').pop());
  await officer1.getByRole('heading', { level: 1, name: headline.vi }).waitFor();
  await officer1.getByText('Đã lưu bản nháp.').waitFor();

  // alert1 cannot approve their own draft: the button says why; the server refuses too.
  const ownApprove = officer1.getByRole('button', { name: 'Duyệt và phát' });
  assert.equal(await ownApprove.getAttribute('aria-disabled'), 'true');
  await officer1.getByText('Bạn đã soạn hoặc sửa bản nháp này nên không thể tự duyệt').waitFor();
  await ownApprove.click({ force: true }); // aria-disabled: it stays focusable, and does nothing
  assert.equal(await officer1.getByRole('button', { name: 'Xác nhận phát' }).count(), 0, 'no confirmation for one’s own draft');
  await assert.rejects(t.apiAs('alert1')('POST', `/api/v1/staff/alerts/${id}/approve`), /409.*alert_same_officer/s);
  await t.checkA11y(officer1, 'staff alert draft detail');

  // Nothing has gone out yet.
  for (const page of [citizen, visitor, outsider]) assert.equal(await page.getByRole('region', { name: headline.vi }).count(), 0);

  // alert2 finds it among the drafts awaiting approval and approves it.
  const officer2 = await t.newPage({ phone: false });
  await t.signInStaff(officer2, 'alert2', 'congdanso-demo');
  const drafts = officer2.getByRole('table', { name: 'Bản nháp chờ duyệt' });
  await drafts.getByRole('link', { name: headline.vi }).click();
  await officer2.getByRole('heading', { level: 1, name: headline.vi }).waitFor();
  await officer2.getByRole('button', { name: 'Duyệt và phát' }).click();
  await officer2.getByRole('button', { name: 'Xác nhận phát' }).click();
  await officer2.getByText('Đã duyệt và phát cảnh báo.').waitFor();
  const sentAt = Date.now();

  // Within seconds, the banner on the open home screens in the area; no reload.
  const citizenBanner = citizen.getByRole('region', { name: headline.vi });
  const visitorBanner = visitor.getByRole('region', { name: headline.vi });
  await citizenBanner.waitFor({ timeout: 10_000 });
  await visitorBanner.waitFor({ timeout: 10_000 });
  t.log(`banners shown ${((Date.now() - sentAt) / 1000).toFixed(1)} s after approval`);
  await citizenBanner.getByText('Nguy hiểm', { exact: false }).first().waitFor();
  assert.equal(await citizenBanner.getByText('Diễn tập').count(), 0, 'an Actual alert is no exercise');
  await assertSameDocument(citizen, 'the citizen’s home screen');
  await assertSameDocument(visitor, 'the visitor’s home screen');
  await t.checkA11y(citizen, 'home with a hot alert');
  await t.screenshot(citizen, 'citizen-alert-banner');
  await t.screenshot(visitor, 'visitor-alert-banner', { full: false });

  // Not elsewhere: neither live, nor after a reload.
  await citizen.waitForTimeout(2000);
  assert.equal(await outsider.getByRole('region', { name: headline.vi }).count(), 0, 'no banner in another ward');
  const asked = outsider.waitForResponse((r) => r.url().includes(`/api/v1/alerts?ward=${wards.elsewhere.code}`));
  await outsider.reload();
  await asked;
  await outsider.getByLabel('Phường, xã của tôi').waitFor();
  assert.equal(await outsider.getByRole('region', { name: headline.vi }).count(), 0, 'no banner in another ward after a reload');

  // The banner opens the alert's page: what to do first, the wards, the map; the opening is counted.
  const opened = citizen.waitForResponse((r) => r.url().endsWith(`/api/v1/alerts/${id}/opened`) && r.request().method() === 'POST');
  await citizenBanner.getByRole('link', { name: headline.vi }).click();
  await citizen.waitForURL(new RegExp(`/app/alerts/${id}$`));
  await citizen.getByRole('heading', { level: 1, name: headline.vi }).waitFor();
  assert.equal((await opened).status(), 204);
  const todo = citizen.getByRole('region', { name: 'Cần làm gì' });
  await todo.getByText(instruction.vi).waitFor();
  await citizen.getByText('Đang có hiệu lực', { exact: true }).waitFor();
  const areaList = citizen.getByRole('region', { name: 'Khu vực cảnh báo' });
  for (const ward of [wards.saiGon, wards.benThanh, wards.cauOngLanh]) await areaList.getByRole('listitem').filter({ hasText: ward.name }).waitFor();
  await citizen.getByRole('region', { name: 'Bản đồ khu vực cảnh báo' }).waitFor();
  await t.checkA11y(citizen, 'alert page');
  await t.screenshot(citizen, 'citizen-alert-page');
  await citizen.getByRole('button', { name: 'English' }).click();
  await citizen.getByRole('heading', { level: 1, name: headline.en }).waitFor();
  await citizen.getByRole('region', { name: 'What to do' }).getByText(instruction.en).waitFor();
  await t.checkA11y(citizen, 'alert page (en)');
  await citizen.getByRole('button', { name: 'Tiếng Việt' }).click();
  await assertSameDocument(citizen, 'the citizen’s app');

  // The staff detail counts the delivery.
  await officer2.reload();
  const figures = officer2.locator('dl.figures');
  await figures.waitFor();
  const opens = Number(await figures.locator('dt:has-text("Đã mở xem") + dd').innerText());
  assert.ok(opens >= 1, `opened at least once: ${await figures.innerText()}`);
  await officer2.getByRole('link', { name: 'Bản tin CAP 1.2 (XML)' }).waitFor();
  await t.screenshot(officer2, 'staff-alert-sent', { full: false });

  // alert1 cancels it (a Cancel draft), alert2 approves the Cancel: the banner goes away live.
  await officer1.reload();
  await officer1.getByRole('button', { name: 'Hủy cảnh báo' }).click();
  await officer1.getByRole('button', { name: 'Tạo bản tin hủy' }).click();
  await officer1.waitForURL((u) => /\/staff\/alerts\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${id}`));
  const cancelId = Number(new URL(officer1.url()).pathname.split('/').pop());
  await officer1.getByText('Đã tạo bản nháp hủy cảnh báo').waitFor();
  await visitorBanner.waitFor(); // still in effect until the Cancel is approved
  await officer2.goto(`/staff/alerts/${cancelId}`);
  await officer2.getByRole('button', { name: 'Duyệt và phát' }).click();
  await officer2.getByRole('button', { name: 'Xác nhận phát' }).click();
  await officer2.getByText('Đã duyệt và phát cảnh báo.').waitFor();
  await visitorBanner.waitFor({ state: 'detached', timeout: 10_000 });
  await assertSameDocument(visitor, 'the visitor’s home screen');

  // The citizen's page of the alert says it no longer holds.
  await citizen.reload();
  await citizen.getByText('Đã bị hủy: cảnh báo này không còn hiệu lực.').waitFor();
  await citizen.getByText('Đã hết hiệu lực', { exact: true }).waitFor();

  // Later journeys sign this citizen in again: no home ward for them.
  await citizen.evaluate(async () => {
    const csrf = decodeURIComponent(document.cookie.match(/(?:^|;\s*)cds_csrf=([^;]*)/)?.[1] ?? '');
    const answer = await fetch('/api/v1/me/home-ward', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ ward: null }),
    });
    if (!answer.ok) throw new Error(`clearing the home ward: ${answer.status}`);
  });
}, { timeoutMs: 300_000 });

// An RFC 3339 time `seconds` from now, in city time (+07:00), as the API wants.
function cityTimeIn(seconds) {
  const local = new Date(Date.now() + seconds * 1000 + 7 * 3600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

journey('alerts: an exercise says so; the update drafted from it in the console replaces its banner live; an expired alert leaves by itself', async (t) => {
  const tag = randomBytes(3).toString('hex');
  const tanDinh = { code: '26737', name: 'Phường Tân Định' };
  const visitor = await visitorIn(t, tanDinh);
  await readyAndMarked(visitor);
  const officer1 = t.apiAs('alert1');
  const officer2 = t.apiAs('alert2');
  const texts = (vi, en) => ({
    vi: { event: 'Sốt xuất huyết', headline: vi, description: 'Diễn tập ứng phó dịch.', instruction: 'Diệt lăng quăng, ngủ mùng.', area_desc: 'Phường Tân Định' },
    en: { event: 'Dengue fever', headline: en, description: 'Epidemic response exercise.', instruction: 'Remove standing water, sleep under a net.', area_desc: 'Tan Dinh Ward' },
  });
  const area = { city: false, wards: [tanDinh.code], polygon: null, circle: null };

  // An exercise (status Exercise), moderate: orange, labelled "Diễn tập".
  const first = { vi: `Diễn tập: ổ dịch sốt xuất huyết (${tag})`, en: `Exercise: dengue cluster (${tag})` };
  const exercise = await officer1('POST', '/api/v1/staff/alerts', {
    status: 'Exercise', category: 'Health', urgency: 'Expected', severity: 'Moderate', certainty: 'Possible',
    info: texts(first.vi, first.en), expires: cityTimeIn(600), area,
  });
  await officer2('POST', `/api/v1/staff/alerts/${exercise.id}/approve`);
  const banner = visitor.getByRole('region', { name: first.vi });
  await banner.getByText('Diễn tập', { exact: true }).waitFor();
  assert.match(await banner.getAttribute('class'), /tone-warning/);

  // alert1 drafts its Update in the console: the form starts from the alert.
  const page = await t.newPage({ phone: false });
  await t.signInStaff(page, 'alert1', 'congdanso-demo');
  await page.goto(`/staff/alerts/${exercise.id}`);
  await page.getByRole('heading', { level: 1, name: first.vi }).waitFor();
  await page.getByRole('link', { name: 'Soạn bản cập nhật' }).click();
  await page.getByRole('heading', { level: 1, name: 'Soạn bản cập nhật cho cảnh báo' }).waitFor();
  assert.equal(await page.getByLabel('Tiêu đề (VI)', { exact: true }).inputValue(), first.vi);
  assert.equal(await page.getByLabel('Loại bản tin').inputValue(), 'Exercise');
  await page.getByRole('checkbox', { name: tanDinh.name, exact: true }).isChecked().then((on) => assert.ok(on, 'the ward stays chosen'));
  const second = { vi: `Diễn tập: dịch lan rộng (${tag})`, en: `Exercise: the outbreak spreads (${tag})` };
  await page.getByLabel('Tiêu đề (VI)', { exact: true }).fill(second.vi);
  await page.getByLabel('Tiêu đề (EN)', { exact: true }).fill(second.en);
  await page.getByLabel('Mức nguy hiểm').selectOption('Extreme');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.waitForURL((u) => /\/staff\/alerts\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${exercise.id}`));
  const update = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByText('Cập nhật', { exact: false }).first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Duyệt và phát' }).getAttribute('aria-disabled'), 'true');
  await officer2('POST', `/api/v1/staff/alerts/${update}/approve`);

  // The update replaces the banner, live: strong red now.
  const replaced = visitor.getByRole('region', { name: second.vi });
  await replaced.waitFor({ timeout: 10_000 });
  await banner.waitFor({ state: 'detached' });
  assert.match(await replaced.getAttribute('class'), /tone-danger/);
  await replaced.getByText('Diễn tập', { exact: true }).waitFor();
  await t.screenshot(visitor, 'visitor-alert-exercise-update', { full: false });

  // An alert that expires in a few seconds leaves the open screen by itself.
  const brief = { vi: `Mưa đá trong 15 phút tới (${tag})`, en: `Hail in the next 15 minutes (${tag})` };
  const short = await officer1('POST', '/api/v1/staff/alerts', {
    status: 'Actual', category: 'Met', urgency: 'Immediate', severity: 'Minor', certainty: 'Observed',
    info: texts(brief.vi, brief.en), expires: cityTimeIn(12), area,
  });
  await officer2('POST', `/api/v1/staff/alerts/${short.id}/approve`);
  const passing = visitor.getByRole('region', { name: brief.vi });
  await passing.waitFor();
  assert.match(await passing.getAttribute('class'), /tone-caution/);
  await passing.waitFor({ state: 'detached', timeout: 30_000 });
  await assertSameDocument(visitor, 'the visitor’s home screen');

  // Done: the update is cancelled, so that later journeys see no banner of it.
  const cancel = await officer1('POST', `/api/v1/staff/alerts/${update}/cancel`);
  await officer2('POST', `/api/v1/staff/alerts/${cancel.id}/approve`);
  await replaced.waitFor({ state: 'detached', timeout: 10_000 });
}, { timeoutMs: 180_000 });

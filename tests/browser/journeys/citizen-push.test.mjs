// Web push in the citizen app. Headless Chromium has no push service to subscribe with, so:
// the profile's "turn on" asks for permission, records the consent and says plainly that this
// browser could not sign up (the in-app inbox stays); a device registered through the API is
// listed with its removal; the preferences save per kind and channel; and the service worker's
// push handler is driven over the DevTools protocol (ServiceWorker.deliverPushMessage), its
// notification read back with registration.getNotifications().
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { journey } from '../harness.mjs';

// What a browser's PushSubscription.toJSON() gives, for a push service on this machine that
// refuses connections (nothing is ever sent to it in this journey).
function fakeSubscription() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `https://127.0.0.1:9/push/${randomBytes(8).toString('hex')}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

async function apiFromPage(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|;\s*)cds_csrf=([^;]*)/)?.[1] ?? '');
      const answer = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

journey('push: the profile turns push on or says why not, lists devices, saves preferences', async (t) => {
  const page = await t.newPage();
  await page.context().grantPermissions(['notifications'], { origin: t.stack.url });
  await t.signInCitizen(page, 'Võ Minh Khoa');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
  const settings = page.getByRole('region', { name: 'Thông báo' });
  await settings.getByText('Chưa bật thông báo đẩy trên thiết bị này.').waitFor();
  await settings.getByText('Chưa có thiết bị nào nhận thông báo đẩy.').waitFor();
  await settings.getByRole('group', { name: 'Thông báo chung của Thành phố' }).getByRole('switch', { name: 'Thông báo đẩy' }).waitFor();
  await t.checkA11y(page, 'profile with the notification settings');

  // Turning it on: the permission (granted here), the consent, then the browser's subscription.
  await settings.getByRole('button', { name: 'Bật thông báo' }).click();
  const said = settings.getByRole('status').filter({ hasText: /thiết bị này/ }).first();
  await said.filter({ hasText: /^(Đã bật thông báo đẩy|Trình duyệt chưa đăng ký được)/ }).waitFor();
  const outcome = await said.innerText();
  t.log(`turning push on here: ${outcome}`);
  // The consent to notifications is recorded (the consents above show it).
  await page.waitForFunction(() => document.getElementById('consent-notifications')?.checked === true);

  // A device registered elsewhere is listed, and removed.
  const added = await apiFromPage(page, 'POST', '/api/v1/push/subscriptions', fakeSubscription());
  assert.equal(added.status, 201, JSON.stringify(added.body));
  await page.reload();
  const devices = settings.getByRole('list', { name: 'Thiết bị nhận thông báo đẩy' });
  const device = devices.getByRole('listitem').filter({ hasText: '127.0.0.1:9' });
  await device.waitFor();
  await t.screenshot(page, 'citizen-profile-notifications');
  await device.getByRole('button', { name: /^Gỡ thiết bị \d+$/ }).click();
  await settings.getByRole('status').filter({ hasText: 'Đã gỡ thiết bị.' }).waitFor();
  await device.waitFor({ state: 'detached' });
  const left = await apiFromPage(page, 'GET', '/api/v1/push/subscriptions');
  assert.ok(!left.body.items.some((d) => d.push_service === '127.0.0.1:9'), 'the device is gone at the server');

  // Preferences: pushes about followed reports off, in-app ones stay on.
  const followed = settings.getByRole('group', { name: 'Phản ánh tôi theo dõi' });
  await followed.getByRole('switch', { name: 'Thông báo đẩy' }).uncheck();
  await settings.getByRole('status').filter({ hasText: 'Đã lưu: Phản ánh tôi theo dõi · Thông báo đẩy: tắt.' }).waitFor();
  const prefs = (await apiFromPage(page, 'GET', '/api/v1/notifications/preferences')).body.items;
  const pref = (kind, channel) => prefs.find((p) => p.kind === kind && p.channel === channel)?.enabled;
  assert.equal(pref('followed', 'push'), false);
  assert.equal(pref('followed', 'app'), true);
  assert.equal(pref('my_reports', 'push'), true);
  await followed.getByRole('switch', { name: 'Thông báo đẩy' }).check();
  await settings.getByRole('status').filter({ hasText: 'Đã lưu: Phản ánh tôi theo dõi · Thông báo đẩy: bật.' }).waitFor();
});

journey('push: the service worker shows a pushed notification with its address', async (t) => {
  const page = await t.newPage();
  const origin = t.stack.url;
  await page.context().grantPermissions(['notifications'], { origin });
  await page.goto('/app/');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);

  const cdp = await page.context().newCDPSession(page);
  const registrations = new Map();
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
    for (const r of list) registrations.set(r.scopeURL, r.registrationId);
  });
  await cdp.send('ServiceWorker.enable');
  const deadline = Date.now() + 10_000;
  while (!registrations.has(scope) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok(registrations.has(scope), `the worker of ${scope} is known to DevTools`);

  // As src/notify/push_worker.cpp sends it: already in the device's language.
  const message = {
    title: 'Phản ánh của bạn PA-2611-000001 đã được giải quyết',
    body: 'Đã thay cầu chì, điện đã có lại.',
    url: '/app/reports/1',
    event_id: 7,
    notification_id: 3,
    kind: 'my_reports',
    tag: 'report-1',
  };
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: registrations.get(scope), data: JSON.stringify(message) });

  let shown = [];
  for (let i = 0; i < 50 && shown.length === 0; i++) {
    shown = await page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, data: n.data })),
    );
    if (shown.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(shown.length, 1, 'one notification shown');
  assert.equal(shown[0].title, message.title);
  assert.equal(shown[0].body, message.body);
  assert.equal(shown[0].tag, message.tag);
  assert.equal(new URL(shown[0].icon).pathname, '/app/icons/icon-192.png');
  assert.deepEqual(shown[0].data, { url: '/app/reports/1' });

  // A push that names another site's address is shown with the app's home instead.
  const elsewhere = ['https://example.invalid/', '//example.invalid/', '/\\example.invalid/'];
  for (const [i, url] of elsewhere.entries()) {
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId: registrations.get(scope),
      data: JSON.stringify({ title: 'Thông báo', body: 'x', url, tag: `other-${i}` }),
    });
  }
  let others = [];
  for (let i = 0; i < 50 && others.length < elsewhere.length; i++) {
    others = await page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).filter((n) => n.tag.startsWith('other-')).map((n) => n.data.url),
    );
    if (others.length < elsewhere.length) await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(others, elsewhere.map(() => '/app/'), `addresses elsewhere: ${others.join(', ')}`);
});

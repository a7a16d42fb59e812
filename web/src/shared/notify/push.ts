// Web push on this device: whether it can be had, turning it on (the browser's permission, the
// person's consent to the purpose "notifications", a subscription with the server's public key
// given to the server) and off. The service worker (src/sw/sw.ts) shows what arrives.
import { ApiError, putConsent } from '../api';
import { addPushDevice, getPushKey, removePushDevice } from './api';

// unsupported: no service worker, PushManager or Notification here; unavailable: the server has
// no key (503 push_unavailable); denied: the browser blocks this site's notifications.
export type PushState = 'unsupported' | 'unavailable' | 'denied' | 'off' | 'on';
// What turning it on came to: a state, or `dismissed` (the prompt closed without an answer) or
// `failed` (the browser could not subscribe: no push service reachable, for one).
export type PushOutcome = PushState | 'dismissed' | 'failed';

const deviceKey = 'cds.push.device'; // this browser's device id at the server

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
  const now = await navigator.serviceWorker.getRegistration('/app/');
  if (now) return now;
  return Promise.race([navigator.serviceWorker.ready, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
}

let key: Promise<string | null> | null = null;
function serverKey(): Promise<string | null> {
  key ??= getPushKey().then(
    (answer) => answer.public_key,
    (error: unknown) => {
      key = null; // asked again next time, unless the server said it has none
      if (error instanceof ApiError && error.status === 503) return null;
      throw error;
    },
  );
  return key;
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const bytes = new Uint8Array(a);
  return bytes.every((v, i) => v === b[i]);
}

function storedDevice(): number | null {
  try {
    const id = Number(localStorage.getItem(deviceKey));
    return id > 0 ? id : null;
  } catch {
    return null;
  }
}

export function currentDevice(): number | null {
  return storedDevice();
}

export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if ((await serverKey().catch(() => '')) === null) return 'unavailable';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration();
  if (!reg) return 'unsupported';
  const subscription = await reg.pushManager.getSubscription();
  return subscription && Notification.permission === 'granted' && storedDevice() ? 'on' : 'off';
}

// Call it straight from the tap: browsers ask for permission only in answer to a gesture, so the
// question goes first and the rest follows. `citizen`: the consent is recorded (the server pushes
// to a citizen only with it).
export async function enablePush(citizen: boolean): Promise<PushOutcome> {
  if (!supported()) return 'unsupported';
  const asking = Notification.requestPermission();
  if (citizen) await putConsent('notifications', true);
  const permission = await asking;
  if (permission === 'denied') return 'denied';
  if (permission !== 'granted') return 'dismissed';
  const publicKey = await serverKey();
  if (publicKey === null) return 'unavailable';
  const reg = await registration();
  if (!reg) return 'unsupported';
  const wanted = fromBase64Url(publicKey);
  let subscription = await reg.pushManager.getSubscription();
  if (subscription && !sameBytes(subscription.options.applicationServerKey, wanted)) {
    await subscription.unsubscribe(); // made with another key: the push service would refuse ours
    subscription = null;
  }
  try {
    subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: wanted });
  } catch {
    return 'failed';
  }
  const device = await addPushDevice(subscription.toJSON());
  try {
    localStorage.setItem(deviceKey, String(device.id));
  } catch {
    // not remembered: this device shows as one of the list, without "(this device)"
  }
  return 'on';
}

// Stops pushes to this browser: the server forgets the device, the browser the subscription.
export async function disablePush(): Promise<void> {
  const id = storedDevice();
  if (id) await forgetDevice(id);
  if (!supported()) return;
  const reg = await registration();
  await (await reg?.pushManager.getSubscription())?.unsubscribe();
}

// Removes a device at the server; when it is this browser, its subscription goes too.
export async function forgetDevice(id: number): Promise<void> {
  try {
    await removePushDevice(id);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  if (id !== storedDevice()) return;
  try {
    localStorage.removeItem(deviceKey);
  } catch {
    // nothing kept
  }
  if (supported()) await (await (await registration())?.pushManager.getSubscription())?.unsubscribe();
}

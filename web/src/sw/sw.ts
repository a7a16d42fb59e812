// The citizen app's service worker (/app/sw.js, scope /app/). Keeps the app shell and its hashed
// assets so the app starts without a network; never caches the API.
// scripts/postbuild.mjs puts the build's file list in front of this script as self.__CDS_PRECACHE__
// (the shell's files and the chunks it loads later, such as the map).
//
// Web push (docs/WEB_PUSH.md): a `push` shows the notification the server sent, already in the
// device's language; tapping it brings an open window of the app to its address (the page's
// router follows it without a reload) or opens one.
//
// Reports sent without a network wait in the outbox in IndexedDB (src/app/offline/queue.ts); the
// page sends them when the network returns, and so does this worker on Background Sync (the
// 'sync' event, tag "cds-outbox"), even when no page is open. Their Idempotency-Keys make a
// report sent by both, or twice, one report.
/// <reference lib="webworker" />
import { flushOutbox, syncTag } from '../app/offline/queue';

interface Precache {
  version: string;
  files: string[];
}

const worker = self as unknown as ServiceWorkerGlobalScope & { __CDS_PRECACHE__?: Precache };

const precache: Precache = worker.__CDS_PRECACHE__ ?? { version: 'dev', files: [] };
const cacheName = `cds-app-${precache.version}`;
const shell = '/app/';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll([shell, ...precache.files]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('cds-app-') && n !== cacheName).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirstShell(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(shell, response.clone());
    }
    return response;
  } catch {
    const cached = (await caches.match(shell)) ?? (await caches.match(request));
    if (cached) return cached;
    throw new Error('offline and no cached shell');
  }
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/api/')) return; // always the network: data is never served stale
  if (request.mode === 'navigate' && (url.pathname === '/app' || url.pathname.startsWith('/app/'))) {
    event.respondWith(networkFirstShell(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request)); // hashed names: a file never changes under its name
    return;
  }
  if (url.pathname.startsWith('/app/') && url.pathname !== '/app/sw.js') {
    event.respondWith(cacheFirst(request));
  }
});

// Sends the signed-in person's outbox. A rejection tells the browser to try the sync again later.
async function syncOutbox(): Promise<void> {
  const me = await fetch('/api/v1/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!me.ok) return; // nobody signed in: their page sends it once they are
  const { id } = (await me.json()) as { id: number };
  const result = await flushOutbox(id, null);
  if (result.pending > 0) throw new Error('the outbox is not empty yet');
}

worker.addEventListener('sync', (event) => {
  const sync = event as ExtendableEvent & { tag?: string };
  if (sync.tag === syncTag) sync.waitUntil(syncOutbox());
});

// What the server pushes (src/notify/push_worker.cpp): JSON text.
interface PushPayload {
  title?: string;
  body?: string;
  url?: string;
  tag?: string;
  kind?: string;
  event_id?: number;
  notification_id?: number;
  severity?: string;
}

const icon = '/app/icons/icon-192.png';

worker.addEventListener('push', (event) => {
  let payload: PushPayload = {};
  try {
    payload = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    payload = { body: event.data?.text() ?? '' };
  }
  const options: NotificationOptions & { renotify?: boolean } = {
    body: payload.body ?? '',
    icon,
    badge: icon,
    data: { url: safeUrl(payload.url) },
    requireInteraction: payload.severity === 'danger', // a danger announcement stays until seen
  };
  if (payload.tag) {
    options.tag = payload.tag;
    options.renotify = true; // a new step of the same report tells again
  }
  event.waitUntil(worker.registration.showNotification(payload.title || 'Công dân số', options));
});

// Only addresses of this site: a push names a screen, never somewhere else ("//x", "/\x" and
// absolute URLs give the app's home).
function safeUrl(url: string | undefined): string {
  if (!url || !url.startsWith('/')) return '/app/';
  const resolved = new URL(url, worker.location.origin);
  return resolved.origin === worker.location.origin ? resolved.pathname + resolved.search : '/app/';
}

async function openFrom(url: string): Promise<void> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const app = windows.find((c) => new URL(c.url).pathname.startsWith('/app')) ?? null;
  if (app && url.startsWith('/app')) {
    try {
      const focused = await app.focus();
      focused.postMessage({ type: 'cds.navigate', url }); // src/app/main.tsx follows it
      return;
    } catch {
      // not allowed to focus it: a new window instead
    }
  }
  await worker.clients.openWindow(url);
}

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: string } | null;
  event.waitUntil(openFrom(safeUrl(data?.url)));
});

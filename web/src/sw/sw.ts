// The citizen app's service worker (/app/sw.js, scope /app/). Keeps the app shell and its hashed
// assets so the app starts without a network; never caches the API.
// scripts/postbuild.mjs puts the build's file list in front of this script as self.__CDS_PRECACHE__.
//
// Seam for the next slice (offline drafts and the outbox): POST /api/v1/reports made while offline
// is kept by the page in IndexedDB (src/app/offline/outbox.ts) and replayed with its
// Idempotency-Key; a 'sync' event handler here can wake the page to send it.
/// <reference lib="webworker" />

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

export {};

// Registers /app/sw.js, which keeps the app shell and its assets for offline starts and sends
// the outbox (./queue.ts) on Background Sync.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {
      // No service worker (e.g. a plain-HTTP address that is not localhost): the app still works online.
    });
  });
}

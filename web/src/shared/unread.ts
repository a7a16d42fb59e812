// How many of the signed-in person's notifications are unread, for the bell's badge: asked of the
// server when the live stream (re)connects, counted up at once for each `notification` frame and
// then asked again (a moment later, once for a burst) so that the badge never drifts.
import { useEffect, useState } from 'preact/hooks';
import { getUnreadCount, type AppNotification } from './api/notify';
import { onLive } from './live';

let unread = 0;
const listeners = new Set<(n: number) => void>();
let stops: (() => void)[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

export function setUnread(n: number): void {
  unread = Math.max(0, n);
  listeners.forEach((l) => l(unread));
}

function refresh(): void {
  clearTimeout(timer);
  timer = setTimeout(() => getUnreadCount().then((a) => setUnread(a.unread), () => undefined), 300);
}

// Follows the count while someone is signed in; stopUnread() when they are not.
export function startUnread(): void {
  stopUnread();
  refresh();
  stops = [
    onLive('ready', refresh),
    onLive('reset', refresh),
    onLive<AppNotification>('notification', (n) => {
      if (!n.read) setUnread(unread + 1);
      refresh();
    }),
  ];
}

export function stopUnread(): void {
  stops.forEach((stop) => stop());
  stops = [];
  clearTimeout(timer);
  setUnread(0);
}

export function useUnread(): number {
  const [n, setN] = useState(unread);
  useEffect(() => {
    setN(unread);
    listeners.add(setN);
    return () => listeners.delete(setN);
  }, []);
  return n;
}

// The tab's one live connection to the server: Server-Sent Events from /api/v1/events/stream
// (design decision 4), opened once the session is known (anonymous visitors get the public
// broadcasts), closed at sign-out and opened again for the new session. Screens listen by event
// name: `notification`, `broadcast`, `alert` (hot alerts for the ward), `queue` (staff), `ready`
// (after every (re)connection) and `reset` (the server could not replay what was missed: reload
// what is shown).
//
// The citizen app names "my ward" with setLiveWard: the stream then asks for ?ward=<code>, so that
// hot alerts for that ward reach a phone that is not signed in (and reopens when it changes).
//
// The last event id is kept for the tab (sessionStorage), so that after a reload the stream
// resumes with ?last_event_id= and misses nothing; between reconnections the browser itself sends
// Last-Event-ID. An EventSource cannot see why it failed (429 too_many_streams, 503 streams_full,
// a dropped network): after repeated failures without a `ready`, it waits, doubling up to a minute.
import { useEffect, useRef } from 'preact/hooks';

export type LiveEvent = 'ready' | 'notification' | 'broadcast' | 'alert' | 'queue' | 'reset';
const names: LiveEvent[] = ['ready', 'notification', 'broadcast', 'alert', 'queue', 'reset'];
const storageKey = 'cds.live.last';
const listeners = new Map<LiveEvent, Set<(data: unknown) => void>>();

let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;
let failures = 0; // errors since the last `ready`
let ward: string | null = null; // the 5-digit code of the ward whose alerts the stream brings

function lastId(): string {
  try {
    return sessionStorage.getItem(storageKey) ?? '';
  } catch {
    return ''; // storage blocked: the stream starts from now
  }
}

function open(): void {
  const query = new URLSearchParams();
  const last = lastId();
  if (last) query.set('last_event_id', last);
  if (ward) query.set('ward', ward);
  const search = query.toString();
  const es = new EventSource('/api/v1/events/stream' + (search ? '?' + search : ''));
  source = es;
  for (const name of names) {
    es.addEventListener(name, (event) => {
      const message = event as MessageEvent<string>;
      if (message.lastEventId) {
        try {
          sessionStorage.setItem(storageKey, message.lastEventId);
        } catch {
          // not kept: a reload starts from now
        }
      }
      if (name === 'ready') failures = 0;
      let data: unknown = {};
      try {
        data = JSON.parse(message.data);
      } catch {
        // a frame without JSON: listeners get {}
      }
      listeners.get(name)?.forEach((listener) => listener(data));
    });
  }
  es.onerror = () => {
    // CLOSED: refused (any answer but 200), the browser gives up. CONNECTING: it retries by itself
    // (every 3 s, the server's `retry`); after three failures in a row it is our turn to wait.
    failures++;
    if (es.readyState !== EventSource.CLOSED && failures < 3) return;
    es.close();
    if (source !== es) return;
    source = null;
    const delay = Math.min(60_000, 3000 * 2 ** Math.min(failures - 1, 5));
    retry = setTimeout(() => {
      retry = undefined;
      open();
    }, delay * (0.75 + Math.random() / 2));
  };
}

// Back on the network while waiting to retry: no need to wait any longer.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    if (retry !== undefined && !source) {
      clearTimeout(retry);
      retry = undefined;
      open();
    }
  });
}

// Opens the connection for the session as it is now, closing any earlier one (after sign-in or
// sign-out the server must see the new cookie).
export function startLive(): void {
  stopLive();
  if (typeof EventSource === 'undefined') return;
  failures = 0;
  open();
}

// The ward whose hot alerts the stream should bring (null: none chosen). A stream already open, or
// waiting to retry, is opened again with it; the last event id carries over, so nothing is missed.
export function setLiveWard(next: string | null): void {
  if (next === ward) return;
  ward = next;
  if (source || retry !== undefined) startLive();
}

export function stopLive(): void {
  clearTimeout(retry);
  retry = undefined;
  source?.close();
  source = null;
}

// Calls `listener` with each frame's data; returns the function that stops it.
export function onLive<T>(name: LiveEvent, listener: (data: T) => void): () => void {
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  const wrapped = listener as (data: unknown) => void;
  set.add(wrapped);
  return () => set.delete(wrapped);
}

// onLive for a component's lifetime, always calling the latest `listener`.
export function useLive<T>(name: LiveEvent, listener: (data: T) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => onLive<T>(name, (data) => latest.current(data)), [name]);
}

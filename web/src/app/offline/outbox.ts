// How a new report leaves the phone: straight to the server when it can; otherwise into the
// outbox (./queue.ts), from which it goes out when the network returns: on the `online` event,
// on a timer that backs off while sends fail, when the app starts, and from the service worker
// on Background Sync where the browser has it. The Idempotency-Keys made when the form opened
// travel with it, so however often it is tried the server keeps one report.
import { useEffect, useState } from 'preact/hooks';
import { csrfToken, submitReport, type NewReport, type Report } from '../../shared/api';
import { lang } from '../../shared/i18n';
import {
  deleteEntry,
  flushOutbox,
  outboxChannelName,
  outboxEntries,
  pruneOutbox,
  putEntry,
  syncTag,
  type OutboxEntry,
  type QueuedPhoto,
} from './queue';

export type { OutboxEntry } from './queue';

export function sendReport(report: NewReport, idempotencyKey: string): Promise<Report> {
  return submitReport(report, idempotencyKey);
}

const listeners = new Set<() => void>();
function changed(): void {
  listeners.forEach((l) => l());
}

let channel: BroadcastChannel | null = null;
let started: number | null = null; // the user whose outbox this page sends
let timer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let onlineHooked = false;
const backoffMs = [2000, 5000, 10000, 30000];

async function flush(): Promise<void> {
  if (started === null) return;
  clearTimeout(timer);
  timer = undefined;
  let again = false;
  try {
    const result = await flushOutbox(started, csrfToken() || null);
    again = result.pending > 0;
    failures = result.stopped ? failures + 1 : 0;
  } catch {
    again = true; // IndexedDB unavailable for a moment: try later
    failures += 1;
  }
  changed();
  // While offline the `online` event wakes us; otherwise try again after a growing pause.
  if (again && navigator.onLine) {
    timer = setTimeout(() => void flush(), backoffMs[Math.min(failures, backoffMs.length) - 1] ?? 2000);
  }
}

// Starts sending `userId`'s outbox from this page; called once someone is signed in.
export function startOutbox(userId: number): void {
  if (started === userId) return;
  started = userId;
  failures = 0;
  if (!channel && typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(outboxChannelName);
    channel.onmessage = () => changed();
  }
  if (!onlineHooked) {
    onlineHooked = true;
    window.addEventListener('online', () => void flush());
  }
  void pruneOutbox().catch(() => undefined);
  void flush();
}

export function stopOutbox(): void {
  started = null;
  clearTimeout(timer);
}

export function flushSoon(): void {
  void flush();
}

export interface QueueInput {
  key: string;
  userId: number;
  report: Omit<NewReport, 'photos'>;
  photos: QueuedPhoto[];
}

// Keeps a report that could not be sent now; it goes out when the network returns.
export async function queueReport(input: QueueInput): Promise<void> {
  const entry: OutboxEntry = {
    key: input.key,
    userId: input.userId,
    createdAt: Date.now(),
    lang: lang(),
    csrf: csrfToken(),
    report: input.report,
    photos: input.photos,
    state: 'pending',
    attempts: 0,
  };
  await putEntry(entry);
  changed();
  // Background Sync lets the worker send it even after this page is closed.
  try {
    const registration = await navigator.serviceWorker?.ready;
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register(syncTag);
  } catch {
    // No Background Sync: this page sends it.
  }
  void flush();
}

export async function removeEntry(key: string): Promise<void> {
  await deleteEntry(key);
  changed();
}

// The outbox of `userId`, kept current as entries are queued and sent (here, in other tabs, or
// by the worker).
export function useOutbox(userId: number | null | undefined): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    if (userId == null) return undefined;
    let alive = true;
    const load = () =>
      outboxEntries(userId).then(
        (list) => alive && setEntries(list),
        () => alive && setEntries([]),
      );
    listeners.add(load);
    void load();
    return () => {
      alive = false;
      listeners.delete(load);
    };
  }, [userId]);
  return entries;
}

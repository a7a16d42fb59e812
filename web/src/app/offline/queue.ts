// What the phone keeps while there is no network, and the one function that sends it.
//
// IndexedDB "cds-offline" holds two stores: `drafts` (a form being written, with its photos as
// blobs) and `outbox` (reports sent without a network). An outbox entry carries the report's
// Idempotency-Key, made when its form opened, and one key per photo, so sending it again after a
// lost answer never creates anything twice: photos go first, then the report naming them.
//
// Both the page (./outbox.ts) and the service worker (src/sw/sw.ts, on Background Sync) call
// flushOutbox, so this module touches no DOM: only fetch, FormData, IndexedDB, Web Locks and
// BroadcastChannel, which windows and workers both have. One flush runs at a time across every
// tab and the worker (the Web Lock "cds-outbox"), and it rereads the entries inside the lock, so
// an entry is never sent by two of them at once.
import type { NewReport } from '../../shared/api/types';

export interface QueuedPhoto {
  key: string; // the upload's Idempotency-Key
  name: string;
  blob?: Blob; // until it is uploaded
  mediaId?: string; // once it is
}

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxEntry {
  key: string; // the report's Idempotency-Key
  userId: number; // sent only in this person's session
  createdAt: number;
  lang: 'vi' | 'en';
  // The session's CSRF token when it was queued: the worker cannot read cookies. The page passes
  // the current one when it sends.
  csrf: string;
  report: Omit<NewReport, 'photos'>;
  photos: QueuedPhoto[];
  state: OutboxState;
  attempts: number;
  sentAt?: number;
  reportId?: number;
  code?: string;
  error?: string; // the server's reason, for a failed one
}

export interface DraftPhoto {
  key: string;
  name: string;
  blob?: Blob;
  mediaId?: string;
}

export interface Draft {
  id: string; // `${userId}:${kind}`
  savedAt: number;
  idempotencyKey: string;
  fields: {
    category: string;
    description: string;
    lat: string;
    lon: string;
    address: string;
    anonymous: boolean;
    isPublic: boolean;
  };
  photos: DraftPhoto[];
}

const dbName = 'cds-offline';
const outboxStore = 'outbox';
const draftStore = 'drafts';
export const outboxChannelName = 'cds-outbox';
export const syncTag = 'cds-outbox';
// Sent entries stay a day, so that the person sees the code they got.
const keepSentMs = 24 * 60 * 60 * 1000;

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(outboxStore)) db.createObjectStore(outboxStore, { keyPath: 'key' });
        if (!db.objectStoreNames.contains(draftStore)) db.createObjectStore(draftStore, { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    opening.catch(() => {
      opening = null;
    });
  }
  return opening;
}

async function run<T>(store: string, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = act(tx.objectStore(store));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

function announce(): void {
  try {
    const channel = new BroadcastChannel(outboxChannelName);
    channel.postMessage({ type: 'changed' });
    channel.close();
  } catch {
    // No BroadcastChannel: the page refreshes on its own timer.
  }
}

// The entries of `userId` (every user's without it), oldest first.
export async function outboxEntries(userId?: number): Promise<OutboxEntry[]> {
  const all = await run<OutboxEntry[]>(outboxStore, 'readonly', (s) => s.getAll() as IDBRequest<OutboxEntry[]>);
  return all.filter((e) => userId === undefined || e.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
}

export async function putEntry(entry: OutboxEntry): Promise<void> {
  await run(outboxStore, 'readwrite', (s) => s.put(entry));
  announce();
}

export async function deleteEntry(key: string): Promise<void> {
  await run(outboxStore, 'readwrite', (s) => s.delete(key));
  announce();
}

// Forgets sent entries older than a day.
export async function pruneOutbox(now = Date.now()): Promise<void> {
  for (const e of await outboxEntries()) {
    if (e.state === 'sent' && (e.sentAt ?? 0) < now - keepSentMs) await run(outboxStore, 'readwrite', (s) => s.delete(e.key));
  }
}

export async function getDraft(id: string): Promise<Draft | undefined> {
  return run<Draft | undefined>(draftStore, 'readonly', (s) => s.get(id) as IDBRequest<Draft | undefined>);
}

export async function putDraft(draft: Draft): Promise<void> {
  await run(draftStore, 'readwrite', (s) => s.put(draft));
}

export async function deleteDraft(id: string): Promise<void> {
  await run(draftStore, 'readwrite', (s) => s.delete(id));
}

// ---------------------------------------------------------------------------------------------
// Sending

let localChain: Promise<unknown> = Promise.resolve();

// One flush at a time: across tabs and the worker with Web Locks, else within this context.
function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) return locks.request('cds-outbox', () => work()) as Promise<T>;
  const result = localChain.then(work, work);
  localChain = result.catch(() => undefined);
  return result;
}

interface Answer {
  status: number; // 0: no answer (no network)
  body: Record<string, unknown> | null;
}

async function call(path: string, init: RequestInit): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch {
    return { status: 0, body: null };
  }
  let body: Record<string, unknown> | null = null;
  try {
    const text = await response.text();
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body };
}

type Outcome = 'sent' | 'failed' | 'retry' | 'stop';

// What an answer means for the entry: `retry` later (no network, the server busy), `stop` (the
// session ended: wait for the person to sign in again), or `failed` for good (the server refused
// the content; the person must change it).
function judge(answer: Answer): Exclude<Outcome, 'sent'> {
  if (answer.status === 0 || answer.status === 408 || answer.status === 429 || answer.status >= 500) return 'retry';
  if (answer.status === 401 || (answer.status === 403 && answer.body?.['code'] === 'csrf_failed')) return 'stop';
  return 'failed';
}

function reason(answer: Answer): string {
  const body = answer.body ?? {};
  const errors = body['errors'] as Record<string, string> | undefined;
  const detail = typeof body['detail'] === 'string' ? body['detail'] : `HTTP ${answer.status}`;
  return errors ? `${detail} ${Object.values(errors).join(' ')}` : detail;
}

async function sendEntry(entry: OutboxEntry, csrf: string): Promise<Outcome> {
  const headers = (key: string): Record<string, string> => ({
    Accept: 'application/json, application/problem+json',
    'Accept-Language': entry.lang,
    'Idempotency-Key': key,
    ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
  });
  entry.attempts += 1;
  await putEntry(entry);
  for (const photo of entry.photos) {
    if (photo.mediaId || !photo.blob) continue;
    const form = new FormData();
    form.append('file', photo.blob, 'photo.jpg');
    const answer = await call('/api/v1/media', { method: 'POST', headers: headers(photo.key), body: form });
    if (answer.status === 201 && typeof answer.body?.['id'] === 'string') {
      photo.mediaId = answer.body['id'];
      delete photo.blob;
      await putEntry(entry);
      continue;
    }
    const verdict = judge(answer);
    if (verdict === 'failed') {
      entry.state = 'failed';
      entry.error = reason(answer);
      await putEntry(entry);
    }
    return verdict;
  }
  const body: NewReport = { ...entry.report, photos: entry.photos.flatMap((p) => (p.mediaId ? [p.mediaId] : [])) };
  const answer = await call('/api/v1/reports', {
    method: 'POST',
    headers: { ...headers(entry.key), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.status === 201 && answer.body) {
    entry.state = 'sent';
    entry.sentAt = Date.now();
    entry.reportId = Number(answer.body['id']);
    entry.code = String(answer.body['code'] ?? '');
    delete entry.error;
    await putEntry(entry);
    return 'sent';
  }
  const verdict = judge(answer);
  if (verdict === 'failed') {
    entry.state = 'failed';
    entry.error = reason(answer);
    await putEntry(entry);
  }
  return verdict;
}

export interface FlushResult {
  sent: number;
  failed: number;
  pending: number; // still waiting after this flush
  stopped: boolean; // no network, the server busy, or the session ended: try again later
}

// Sends `userId`'s pending entries, oldest first, with `csrf` (the current session's token; the
// entry's own when null). Stops at the first that cannot go now, since the next would not either.
export function flushOutbox(userId: number, csrf: string | null): Promise<FlushResult> {
  return exclusively(async () => {
    const result: FlushResult = { sent: 0, failed: 0, pending: 0, stopped: false };
    const pending = (await outboxEntries(userId)).filter((e) => e.state === 'pending');
    for (const entry of pending) {
      if (result.stopped) {
        result.pending += 1;
        continue;
      }
      const outcome = await sendEntry(entry, csrf ?? entry.csrf);
      if (outcome === 'sent') result.sent += 1;
      else if (outcome === 'failed') result.failed += 1;
      else {
        result.stopped = true;
        result.pending += 1;
      }
    }
    return result;
  });
}

// The inbox's list, for the citizen app (/app/inbox) and the staff console (/staff/inbox): the
// signed-in person's notifications, newest first, a page at a time; unread ones marked; a new one
// appears on top as it arrives. Opening one goes to its address (the app's router follows the
// link) and marks it read; "mark all as read" clears the badge.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { localText, type AppNotification } from '../api/notify';
import { listNotifications, markRead } from './api';
import { formatDateTime, t } from '../i18n';
import { useLive } from '../live';
import { ErrorSummary } from '../ui/ErrorSummary';
import { setUnread, useUnread } from '../unread';
import { nt } from './strings';
import './notify.css';

export function InboxList() {
  const unread = useUnread();
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState('');

  async function load(cursor: string | null) {
    setBusy(true);
    setError(null);
    try {
      const page = await listNotifications(cursor);
      setItems((list) => (cursor && list ? [...list, ...page.items.filter((n) => !list.some((m) => m.id === n.id))] : page.items));
      setNext(page.next_cursor);
      setUnread(page.unread);
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
      if (!cursor) setItems((list) => list ?? []);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);
  useLive<AppNotification>('notification', (n) => setItems((list) => (list && !list.some((m) => m.id === n.id) ? [n, ...list] : list)));
  useLive('reset', () => void load(null));

  function opened(n: AppNotification) {
    if (n.read) return;
    setItems((list) => list && list.map((m) => (m.id === n.id ? { ...m, read: true } : m)));
    markRead([n.id]).then((answer) => setUnread(answer.unread), () => undefined);
  }

  async function markAll() {
    if (unread === 0 && !items?.some((n) => !n.read)) return;
    setError(null);
    try {
      const answer = await markRead('all');
      setUnread(answer.unread);
      setItems((list) => list && list.map((m) => ({ ...m, read: true })));
      setSaid(nt('inbox.marked_all'));
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
    }
  }

  const anyUnread = unread > 0 || !!items?.some((n) => !n.read);
  return (
    <>
      <p class="lead">{unread > 0 ? nt('inbox.unread_count', { n: unread }) : nt('inbox.all_read_now')}</p>
      <p class="actions-inline">
        <button type="button" class="button secondary" aria-disabled={anyUnread ? undefined : 'true'} onClick={() => void markAll()}>
          {nt('inbox.mark_all')}
        </button>
      </p>
      <p role="status" class="saved">
        {said}
      </p>
      <ErrorSummary error={error} />
      {items === null && (
        <p role="status" class="loading">
          {t('common.loading')}
        </p>
      )}
      {items && items.length === 0 && !error && <p>{nt('inbox.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="inbox" aria-label={nt('inbox.list')}>
          {items.map((n) => {
            const body = localText(n.body);
            return (
              <li key={n.id} class={n.read ? 'inbox-item' : 'inbox-item unread'}>
                <a href={n.url} onClick={() => opened(n)}>
                  {!n.read && <span class="visually-hidden">{nt('inbox.unread')}: </span>}
                  {localText(n.title)}
                </a>
                {body && <p class="inbox-body">{body}</p>}
                <p class="hint">
                  {!n.read && (
                    <span class="badge unread-badge" aria-hidden="true">
                      {nt('inbox.unread')}
                    </span>
                  )}{' '}
                  {nt(`kind.${n.kind}`)} · <time dateTime={n.at}>{formatDateTime(n.at)}</time>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {next && (
        <p>
          <button type="button" class="button secondary wide" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && void load(next)}>
            {nt('inbox.more')}
          </button>
        </p>
      )}
    </>
  );
}

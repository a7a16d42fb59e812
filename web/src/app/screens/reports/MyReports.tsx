// My reports and ideas, newest first, a page at a time (cursor paging with `after`/`next`), with
// what still waits on this phone above them: reports sent without a network ("waiting to be
// sent"), each of which turns into its code once the server has it.
import { useEffect, useRef } from 'preact/hooks';
import { listMyReports } from '../../../shared/api';
import { formatDateTime, t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { flushSoon, removeEntry, useOutbox, type OutboxEntry } from '../../offline/outbox';
import { putDraft } from '../../offline/queue';
import { navigate } from '../../router';
import { draftId } from '../send/draft';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { ReportCard } from './ReportCard';
import { useReportPages } from './useLiveReports';

export function MyReports({ state }: { state?: unknown }) {
  useTitle(t('reports.title'));
  const { me } = useSession();
  const outbox = useOutbox(me?.id);
  const queued = (state as { queued?: string } | null)?.queued;
  const { items, next, loading, error, load } = useReportPages(listMyReports);

  useEffect(() => {
    const reload = () => void load(null);
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, []);

  // A report of the outbox reached the server: the list shows it too.
  const sentCount = outbox.filter((e) => e.state === 'sent').length;
  const seenSent = useRef(sentCount);
  useEffect(() => {
    if (sentCount > seenSent.current) void load(null);
    seenSent.current = sentCount;
  }, [sentCount]);


  const offline = error?.status === 0;
  return (
    <>
      <h1 tabIndex={-1}>{t('reports.title')}</h1>
      {queued && outbox.some((e) => e.key === queued && e.state === 'pending') && (
        <div class="notice" role="status">
          <p>{t('outbox.queued_notice')}</p>
        </div>
      )}
      <p class="actions-inline">
        <a class="button secondary" href="/app/send?kind=report">
          {t('home.send_report')}
        </a>
        <a class="button secondary" href="/app/send?kind=idea">
          {t('home.send_idea')}
        </a>
      </p>
      <p class="actions-inline">
        <a href="/app/following">{t('following.title')}</a>
        <a href="/app/nearby">{t('nearby.title')}</a>
      </p>
      {outbox.length > 0 && <Outbox entries={outbox} />}
      {offline ? (
        <p class="notice">{t('reports.offline')}</p>
      ) : (
        <ErrorSummary error={error} />
      )}
      {!loading && !error && items.length === 0 && outbox.length === 0 && <p>{t('reports.empty')}</p>}
      {items.length > 0 && (
        <ul class="report-list" aria-label={t('reports.title')}>
          {items.map((report) => (
            <ReportCard key={report.id} report={report} />
          ))}
        </ul>
      )}
      <p role="status" class="loading">
        {loading ? t('common.loading') : ''}
      </p>
      {next && !loading && (
        <p>
          <button type="button" class="button secondary wide" onClick={() => load(next)}>
            {t('reports.more')}
          </button>
        </p>
      )}
    </>
  );
}

// A report the server refused goes back to the form as a draft, with its photos and its key
// (a refused request never claimed it).
async function edit(entry: OutboxEntry) {
  const r = entry.report;
  await putDraft({
    id: draftId(entry.userId, r.kind),
    savedAt: Date.now(),
    idempotencyKey: entry.key,
    fields: {
      category: r.category,
      description: r.description,
      lat: r.lat !== undefined ? String(r.lat) : '',
      lon: r.lon !== undefined ? String(r.lon) : '',
      address: r.address ?? '',
      anonymous: r.anonymous,
      isPublic: r.public,
    },
    photos: entry.photos.map((p) => ({ key: p.key, name: p.name, ...(p.blob ? { blob: p.blob } : {}), ...(p.mediaId ? { mediaId: p.mediaId } : {}) })),
  });
  await removeEntry(entry.key);
  navigate(`/send?kind=${r.kind}`);
}

function Outbox({ entries }: { entries: OutboxEntry[] }) {
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <ul class="report-list" aria-labelledby="outbox-title">
        {entries.map((entry) => (
          <li key={entry.key} class="report-card outbox-entry">
            <p class="report-description">{entry.report.description}</p>
            <p class="report-meta">
              {entry.state === 'pending' && <span class="badge status-pending">{t('outbox.pending')}</span>}
              {entry.state === 'sent' && <span class="badge status-received">{t('outbox.sent')}</span>}
              {entry.state === 'failed' && <span class="badge status-rejected">{t('outbox.failed')}</span>}{' '}
              <span>
                <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(new Date(entry.createdAt).toISOString())}</time>
              </span>
            </p>
            {entry.state === 'pending' && <p class="hint">{t('outbox.pending_hint')}</p>}
            {entry.state === 'sent' && entry.reportId !== undefined && (
              <p>
                {t('outbox.sent_as')} <a href={`/app/reports/${entry.reportId}`}>{entry.code}</a>
              </p>
            )}
            {entry.state === 'failed' && (
              <>
                <p class="field-error">{entry.error}</p>
                <p class="actions-inline">
                  <button type="button" class="link" onClick={() => void edit(entry)}>
                    {t('outbox.edit')}
                  </button>
                  <button type="button" class="link" onClick={() => void removeEntry(entry.key)}>
                    {t('outbox.remove')}
                  </button>
                </p>
              </>
            )}
            {entry.state === 'pending' && navigator.onLine && (
              <p>
                <button type="button" class="link" onClick={flushSoon}>
                  {t('outbox.send_now')}
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

// One of my reports: its status, what it says, where, its photos, its public timeline, and what
// I may do now (withdraw while received; rate or reopen once resolved; reopen once closed).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, followReport, getReport, unfollowReport, type Photo, type Report } from '../../../shared/api';
import type { AppNotification } from '../../../shared/api/notify';
import { formatDateTime, t } from '../../../shared/i18n';
import { useLive } from '../../../shared/live';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { lazy } from '../../../shared/ui/lazy';
import { MapView } from '../../map/MapView';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { actionLabel, statusLabel } from './labels';
import { ReportActions } from './ReportActions';
import { StatusBadge } from './StatusBadge';

function Photos({ photos, label }: { photos: Photo[]; label: string }) {
  return (
    <ul class="photo-grid" aria-label={label}>
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noopener">
            <img src={photo.thumbnail_url} alt={t('report.photo_alt', { n: index + 1 })} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}

// Asked right after sending, never on a first visit: a chunk of its own, shown only when it can work.
const PushOffer = lazy(() => import('../../../shared/notify/PushOffer').then((m) => m.PushOffer), true);

export function ReportDetail({ id, state }: { id: string; state: unknown }) {
  const { me } = useSession();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const sentCode = (state as { sent?: string } | null)?.sent;
  const followedCode = (state as { followed?: string } | null)?.followed;
  useTitle(report ? report.code : t('report.title'));

  // A step taken on this report while it is open (its author's or a follower's notification, or
  // a `reset` of the live stream) shows at once: the report is fetched again, the newest answer wins.
  const asked = useRef(0);
  function refresh() {
    const n = ++asked.current;
    getReport(id).then((r) => n === asked.current && setReport(r), () => undefined);
  }
  useLive<AppNotification>('notification', (n) => {
    if (report && n.report_id === report.id) refresh();
  });
  useLive('reset', () => report && refresh());

  // The notices are for this visit only: a reload of the page does not show them again.
  useEffect(() => {
    if (sentCode || followedCode) history.replaceState(null, '');
  }, [sentCode, followedCode]);

  useEffect(() => {
    setReport(null);
    setError(null);
    const n = ++asked.current;
    getReport(id).then(
      (r) => n === asked.current && setReport(r),
      (e: ApiError) => n === asked.current && setError(e),
    );
  }, [id]);

  if (error) {
    return (
      <>
        <h1 tabIndex={-1}>{t('report.title')}</h1>
        <ErrorSummary error={error} />
        <p>
          <a href="/app/reports">{t('report.back')}</a>
        </p>
      </>
    );
  }
  if (!report) {
    return (
      <>
        <h1 tabIndex={-1}>{t('report.title')}</h1>
        <p role="status">{t('common.loading')}</p>
      </>
    );
  }

  // The unit's answer: the latest "resolved" step, while the report is resolved or closed.
  const result =
    report.status === 'resolved' || report.status === 'closed'
      ? [...(report.timeline ?? [])].reverse().find((step) => step.action === 'resolved' && step.message)
      : undefined;
  const kindLabel = report.kind === 'idea' ? t('report.kind_idea') : t('report.kind_report');
  const location = report.location;
  const point = location && location.lat !== null && location.lon !== null ? { lat: location.lat, lon: location.lon } : null;
  return (
    <>
      {sentCode && (
        <div class="notice success" role="status">
          <p>{t('report.sent', { code: sentCode })}</p>
        </div>
      )}
      {followedCode && (
        <div class="notice success" role="status">
          <p>{t('report.followed', { code: followedCode })}</p>
        </div>
      )}
      <h1 tabIndex={-1}>
        <span class="visually-hidden">{kindLabel} </span>
        {report.code}
      </h1>
      <p class="report-meta">
        <StatusBadge status={report.status} overdue={report.overdue} /> <span>{kindLabel}</span>
      </p>
      {sentCode && report.mine && <PushOffer citizen={me?.role === 'citizen'} />}
      <dl class="facts">
        <dt>{t('report.category')}</dt>
        <dd>{report.category.name ?? report.category.code}</dd>
        <dt>{t('report.sent_at')}</dt>
        <dd>
          <time dateTime={report.created_at}>{formatDateTime(report.created_at)}</time>
        </dd>
        {report.status !== 'closed' && report.status !== 'rejected' && report.status !== 'withdrawn' && report.status !== 'duplicate' && (
          <>
            <dt>{t('report.due_at')}</dt>
            <dd>
              <time dateTime={report.due_at}>{formatDateTime(report.due_at)}</time>
            </dd>
          </>
        )}
        <dt>{t('report.unit')}</dt>
        <dd>{report.unit ? report.unit.name ?? report.unit.code : t('report.unit_none')}</dd>
        {report.ward && (
          <>
            <dt>{t('report.ward')}</dt>
            <dd>{report.ward.name ?? report.ward.code}</dd>
          </>
        )}
        {location?.address && (
          <>
            <dt>{t('report.address')}</dt>
            <dd>{location.address}</dd>
          </>
        )}
        {location && location.lat !== null && location.lon !== null && (
          <>
            <dt>{t('report.coordinates')}</dt>
            <dd>
              {location.lat}, {location.lon}
            </dd>
          </>
        )}
        {report.anonymous !== undefined && (
          <>
            <dt>{t('report.visibility')}</dt>
            <dd>
              {report.public ? t('report.public') : t('report.private')}
              {report.anonymous ? ` · ${t('report.anonymous')}` : ''}
            </dd>
          </>
        )}
        {report.merged_into && (
          <>
            <dt>{t('report.merged_into')}</dt>
            <dd>{report.merged_into}</dd>
          </>
        )}
        {report.rating && (
          <>
            <dt>{t('report.rating')}</dt>
            <dd>
              {t('report.rating_value', { score: report.rating.score })}
              {report.rating.comment ? ` — ${report.rating.comment}` : ''}
            </dd>
          </>
        )}
      </dl>

      {result && (
        <section aria-labelledby="result-title" class="card result">
          <h2 id="result-title">{t('report.result')}</h2>
          <p class="description">{result.message}</p>
          <p class="step-meta">
            <time dateTime={result.at}>{formatDateTime(result.at)}</time> · <span>{result.actor.name}</span>
          </p>
          {result.photos && result.photos.length > 0 && <Photos photos={result.photos} label={t('report.result_photos')} />}
        </section>
      )}

      {point && (
        <section aria-labelledby="map-title">
          <h2 id="map-title">{t('report.map')}</h2>
          <MapView point={point} label={t('report.map_label', { code: report.code })} />
        </section>
      )}

      <section aria-labelledby="description-title">
        <h2 id="description-title">{t('report.description')}</h2>
        <p class="description">{report.description}</p>
        {report.photos && report.photos.length > 0 && <Photos photos={report.photos} label={t('report.photos')} />}
      </section>

      {report.mine && <ReportActions report={report} onChange={setReport} />}
      {!report.mine && <FollowToggle report={report} onChange={setReport} />}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('report.timeline')}</h2>
        <ol class="timeline">
          {(report.timeline ?? []).map((step) => (
            <li key={step.id}>
              <p class="step-head">
                <strong>{actionLabel(step.action)}</strong>
                {step.status && step.status !== 'reopened' && <span class="step-status"> · {statusLabel(step.status)}</span>}
              </p>
              <p class="step-meta">
                <time dateTime={step.at}>{formatDateTime(step.at)}</time> · <span>{step.actor.name}</span>
              </p>
              {step.message && <p class="step-message">{step.message}</p>}
              {step.photos && step.photos.length > 0 && (
                <Photos photos={step.photos} label={t('report.step_photos', { step: actionLabel(step.action) })} />
              )}
            </li>
          ))}
        </ol>
      </section>
      <p>{report.mine ? <a href="/app/reports">{t('report.back')}</a> : <a href="/app/following">{t('report.back_following')}</a>}</p>
    </>
  );
}

// A citizen follows someone else's public report to be told of its steps, or stops.
function FollowToggle({ report, onChange }: { report: Report; onChange: (r: Report) => void }) {
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me || me.role !== 'citizen') return null;
  const following = !!report.following;
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await (following ? unfollowReport(report.id) : followReport(report.id));
      onChange({ ...report, following: !following, follower_count: report.follower_count + (following ? -1 : 1) });
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="follow-title">
      <h2 id="follow-title">{t('follow.title')}</h2>
      <p>{following ? t('follow.following') : t('follow.explain')}</p>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="button" class="button secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && void toggle()}>
          {following ? t('follow.stop') : t('follow.start')}
        </button>
      </p>
    </section>
  );
}

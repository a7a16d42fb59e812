// The alerts: drafts awaiting approval first (the work of the second officer), then the alerts
// sent, newest first, each with its type, severity, state and who drafted it.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError, Me } from '../../shared/api';
import { listStaffAlerts, type Alert } from '../../shared/alerts/api';
import { aw, localInfo, severityTone } from '../../shared/alerts/words';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { formatDateTime, t } from '../i18n';
import { asApiError } from '../ui/failure';
import { useTitle } from '../ui/useTitle';
import { stateWord } from './labels';
import { st } from './strings';

export function AlertList({ me }: { me: Me }) {
  useTitle(st('list.title'));
  const [drafts, setDrafts] = useState<Alert[] | null>(null);
  const [sent, setSent] = useState<Alert[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([listStaffAlerts('draft'), listStaffAlerts('sent')]).then(
      ([d, s]) => {
        if (!live) return;
        setDrafts(d.items.filter((a) => a.state === 'draft'));
        setSent(s.items);
      },
      (e: unknown) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section aria-labelledby="alerts-title" class="alerts-staff">
      <div class="screen-head">
        <h1 id="alerts-title" tabIndex={-1}>
          {st('list.title')}
        </h1>
        <a class="button primary" href="/staff/alerts/new">
          {st('list.new')}
        </a>
      </div>
      <p class="lead">{st('list.lead')}</p>
      <ErrorSummary error={error} />
      {!error && (drafts === null || sent === null) && <p role="status">{t('common.loading')}</p>}
      {drafts && (
        <>
          <h2 id="alerts-drafts">{st('list.drafts')}</h2>
          {drafts.length === 0 ? <p>{st('list.drafts_empty')}</p> : <AlertTable items={drafts} me={me} captionId="alerts-drafts" />}
        </>
      )}
      {sent && (
        <>
          <h2 id="alerts-sent">{st('list.sent')}</h2>
          {sent.length === 0 ? <p>{st('list.sent_empty')}</p> : <AlertTable items={sent} me={me} captionId="alerts-sent" />}
        </>
      )}
    </section>
  );
}

function AlertTable({ items, me, captionId }: { items: Alert[]; me: Me; captionId: string }) {
  const now = Date.now();
  const head = {
    headline: st('list.col_headline'),
    type: st('list.col_type'),
    severity: st('list.col_severity'),
    state: st('list.col_state'),
    by: st('list.col_by'),
    time: st('list.col_time'), // sent at; for a draft, drafted at
  };
  return (
    <table class="report-table alert-table" role="table" aria-labelledby={captionId}>
      <thead role="rowgroup">
        <tr role="row">
          {Object.values(head).map((label) => (
            <th key={label} scope="col" role="columnheader">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {items.map((a) => {
          const info = localInfo(a.info);
          const mine = a.drafted_by?.id === me.id;
          return (
            <tr key={a.id} role="row">
              <th scope="row" role="rowheader" data-label={head.headline}>
                <a href={`/staff/alerts/${a.id}`} class="code">
                  {info.headline || `#${a.id}`}
                </a>
                <span class="excerpt">{info.event}</span>
              </th>
              <td role="cell" data-label={head.type}>
                {aw(`msg_type.${a.msg_type}`)}
                {a.status !== 'Actual' && (
                  <>
                    {' '}
                    <span class="badge">{aw(`status.${a.status}`)}</span>
                  </>
                )}
              </td>
              <td role="cell" data-label={head.severity}>
                <span class={`badge severity-badge tone-${severityTone(a.severity)}`}>{aw(`severity.${a.severity}`)}</span>
              </td>
              <td role="cell" data-label={head.state}>
                {stateWord(a, now)}
              </td>
              <td role="cell" data-label={head.by}>
                {a.drafted_by?.name ?? ''} {mine && <span class="none">{st('state.mine')}</span>}
              </td>
              <td role="cell" data-label={head.time}>
                {(a.sent_at ?? a.drafted_at) && <time dateTime={a.sent_at ?? a.drafted_at}>{formatDateTime(a.sent_at ?? a.drafted_at)}</time>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// One report in the staff view: what it says, where, who sent it (the author's name is personal
// data whose read the server audits; a phone caller's name and number likewise), its photos,
// the full timeline with internal notes, and the steps the member may take now.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError, Me } from '../../shared/api';
import { getStaffReport, type StaffReport } from '../../shared/api/staff';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { formatDateTime, t } from '../i18n';
import { ReportMap } from '../map/ReportMap';
import { useReference } from '../reference';
import { homeFor } from '../roles';
import { asApiError } from '../ui/failure';
import { Due } from '../ui/Due';
import { channelLabel } from '../ui/labels';
import { Photos } from '../ui/Photos';
import { StatusBadge } from '../ui/StatusBadge';
import { useTitle } from '../ui/useTitle';
import { ActionPanel } from './ActionPanel';
import { Timeline } from './Timeline';

export function ReportDetail({ me, id, created }: { me: Me; id: string; created?: string | undefined }) {
  const [report, setReport] = useState<StaffReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [handedBack, setHandedBack] = useState<string | null>(null);
  const { reference } = useReference();
  useTitle(report ? report.code : t('detail.title'));

  useEffect(() => {
    setReport(null);
    setError(null);
    setHandedBack(null);
    getStaffReport(id).then(setReport, (e) => setError(asApiError(e)));
  }, [id]);

  const back = homeFor(me.role);
  const backLink = (
    <p>
      <a href={'/staff' + back}>{t(back === '/unit' ? 'detail.back_unit' : 'detail.back_queue')}</a>
    </p>
  );

  if (handedBack) {
    return (
      <>
        <h1 tabIndex={-1}>{t('detail.handed_back_title')}</h1>
        <div class="notice success" role="status">
          <p>{t('act.hand_back_done', { code: handedBack })}</p>
        </div>
        {backLink}
      </>
    );
  }
  if (error) {
    // Unit staff get 404 for a report that is not (or no longer) their unit's: say so plainly.
    const missing = error.status === 404;
    return (
      <>
        <h1 tabIndex={-1}>{missing ? t('detail.not_found_title') : t('detail.title')}</h1>
        {missing ? (
          <div class="notice error" role="alert">
            <p>{t(me.role === 'unit_staff' ? 'detail.not_found_unit' : 'detail.not_found')}</p>
          </div>
        ) : (
          <ErrorSummary error={error} />
        )}
        {backLink}
      </>
    );
  }
  if (!report) {
    return (
      <>
        <h1 tabIndex={-1}>{t('detail.title')}</h1>
        <p role="status">{t('common.loading')}</p>
      </>
    );
  }

  const kindLabel = report.kind === 'idea' ? t('report.kind_idea') : t('report.kind_report');
  const location = report.location;
  const closed = ['closed', 'rejected', 'withdrawn', 'duplicate'].includes(report.status);
  return (
    <>
      {created === report.code && (
        <div class="notice success" role="status">
          <p>{t('intake.created', { code: report.code })}</p>
        </div>
      )}
      <h1 tabIndex={-1}>
        <span class="visually-hidden">{kindLabel} </span>
        {report.code}
      </h1>
      <p class="report-meta">
        <StatusBadge status={report.status} /> <span>{kindLabel}</span> <span>· {channelLabel(report.channel)}</span>
      </p>
      <div class="detail-columns">
        <div>
          <dl class="facts">
            <dt>{t('report.category')}</dt>
            <dd>{report.category.name ?? report.category.code}</dd>
            <dt>{t('report.sent_at')}</dt>
            <dd>
              <time dateTime={report.created_at}>{formatDateTime(report.created_at)}</time>
            </dd>
            {!closed && (
              <>
                <dt>{t('report.due_at')}</dt>
                <dd>
                  <Due at={report.due_at} overdue={report.overdue} long />
                </dd>
              </>
            )}
            <dt>{report.unit_proposed ? t('detail.unit_proposed') : t('report.unit')}</dt>
            <dd>{report.unit ? report.unit.name ?? report.unit.code : t('detail.unit_none')}</dd>
            <dt>{t('report.ward')}</dt>
            <dd>{report.ward ? report.ward.name ?? report.ward.code : t('detail.ward_unknown')}</dd>
            {location?.address && (
              <>
                <dt>{t('report.address')}</dt>
                <dd>{location.address}</dd>
              </>
            )}
            <dt>{t('report.visibility')}</dt>
            <dd>
              {report.public ? t('report.public') : t('report.private')}
              {report.anonymous ? ` · ${t('report.anonymous')}` : ''}
            </dd>
            {report.merged_into && (
              <>
                <dt>{t('report.merged_into')}</dt>
                <dd>
                  <a href={`/staff/queue?q=${encodeURIComponent(report.merged_into)}`}>{report.merged_into}</a>
                </dd>
              </>
            )}
            {report.rating && (
              <>
                <dt>{t('detail.rating')}</dt>
                <dd>
                  {t('report.rating_value', { score: report.rating.score })}
                  {report.rating.comment ? ` — ${report.rating.comment}` : ''}
                </dd>
              </>
            )}
            {report.reopen_count > 0 && (
              <>
                <dt>{t('detail.reopened')}</dt>
                <dd>{report.reopen_count}</dd>
              </>
            )}
          </dl>
          <ReportMap report={report} />
        </div>
        <Sender report={report} />
      </div>

      <section aria-labelledby="description-title">
        <h2 id="description-title">{t('report.description')}</h2>
        <p class="description">{report.description}</p>
        {report.photos && report.photos.length > 0 && <Photos photos={report.photos} label={t('report.photos')} />}
      </section>

      <ActionPanel
        me={me}
        report={report}
        reference={reference}
        onChange={(updated, step) => {
          if (step.action === 'hand-back' && me.role === 'unit_staff') setHandedBack(updated.code);
          // A step's answer leaves out the author and the caller (personal data: only the
          // audited GET of the detail returns them); keep what that read showed.
          else setReport((shown) => ({ ...updated, author: updated.author ?? shown?.author ?? null, caller: updated.caller ?? shown?.caller }));
        }}
      />

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('detail.timeline')}</h2>
        <Timeline steps={report.timeline ?? []} />
      </section>
      {backLink}
    </>
  );
}

// Who sent it: the author (non-anonymous app or web reports), the caller (phone intake), or
// nobody known (anonymous). The server records every staff read of this in its audit log.
function Sender({ report }: { report: StaffReport }) {
  let body;
  if (report.channel === 'phone') {
    body = report.caller ? (
      <dl class="facts">
        <dt>{t('detail.caller_name')}</dt>
        <dd>{report.caller.name ?? t('detail.not_given')}</dd>
        <dt>{t('detail.caller_phone')}</dt>
        <dd>{report.caller.phone ? <a href={`tel:${report.caller.phone.replace(/[^\d+]/g, '')}`}>{report.caller.phone}</a> : t('detail.not_given')}</dd>
      </dl>
    ) : (
      <p>{t('detail.caller_anonymous')}</p>
    );
  } else if (report.author) {
    body = (
      <dl class="facts">
        <dt>{t('detail.author')}</dt>
        <dd>{report.author.name}</dd>
      </dl>
    );
  } else {
    body = <p>{t('detail.author_anonymous')}</p>;
  }
  const personal = report.author || report.caller;
  return (
    <section aria-labelledby="sender-title" class="sender">
      <h2 id="sender-title">{t(report.channel === 'phone' ? 'detail.caller' : 'detail.sender')}</h2>
      {body}
      {personal && <p class="hint">{t('detail.audited')}</p>}
    </section>
  );
}

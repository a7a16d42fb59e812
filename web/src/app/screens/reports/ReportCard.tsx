// One report in a list: its code (the link to it), category, what it says, status, and when;
// near a point, how far. Screens add their own actions as children.
import type { ComponentChildren } from 'preact';
import type { Report } from '../../../shared/api';
import { formatDateTime, t } from '../../../shared/i18n';
import { StatusBadge } from '../report/StatusBadge';

interface Props {
  report: Report;
  headingId?: string; // for a child's aria-describedby
  children?: ComponentChildren;
}

export function formatDistance(metres: number): string {
  return metres < 1000 ? t('distance.m', { n: metres }) : t('distance.km', { n: (metres / 1000).toFixed(1) });
}

export function ReportCard({ report, headingId, children }: Props) {
  return (
    <li class="report-card">
      <a href={`/app/reports/${report.id}`} class="report-link" id={headingId}>
        <span class="report-code">{report.code}</span>
        <span class="visually-hidden">, </span>
        <span class="report-category">{report.category.name ?? report.category.code}</span>
      </a>
      <p class="report-description">{report.description}</p>
      <p class="report-meta">
        <StatusBadge status={report.status} overdue={report.overdue} />{' '}
        <span>
          {report.kind === 'idea' ? t('report.kind_idea') : t('report.kind_report')} ·{' '}
          <time dateTime={report.created_at}>{formatDateTime(report.created_at)}</time>
          {report.distance_m !== undefined && (
            <>
              {' · '}
              <span class="distance">{formatDistance(report.distance_m)}</span>
            </>
          )}
        </span>
      </p>
      {children}
    </li>
  );
}

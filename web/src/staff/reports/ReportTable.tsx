// One page or more of reports as a table: code, category, status, ward, age, deadline (overdue
// marked in words and with a sign) and the unit (routing's proposal while received). On a narrow
// screen each row becomes a card; the cells name themselves (data-label) and keep their roles.
import type { StaffReport } from '../../shared/api/staff';
import { t } from '../i18n';
import { Due } from '../ui/Due';
import { ageOf } from '../ui/labels';
import { StatusBadge } from '../ui/StatusBadge';

export function ReportTable({ items, captionId }: { items: StaffReport[]; captionId: string }) {
  const now = Date.now();
  const head = {
    code: t('queue.col_code'),
    category: t('queue.col_category'),
    status: t('queue.col_status'),
    ward: t('queue.col_ward'),
    age: t('queue.col_age'),
    due: t('queue.col_due'),
    unit: t('queue.col_unit'),
  };
  return (
    <table class="report-table" role="table" aria-labelledby={captionId}>
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
        {items.map((r) => (
          <tr key={r.id} role="row" class={r.overdue ? 'is-overdue' : undefined}>
            <th scope="row" role="rowheader" data-label={head.code}>
              <a href={`/staff/reports/${r.id}`} class="code">
                {r.code}
              </a>
              {r.kind === 'idea' && <span class="kind-tag">{t('report.kind_idea')}</span>}
              <span class="excerpt">{r.description}</span>
            </th>
            <td role="cell" data-label={head.category}>
              {r.category.name ?? r.category.code}
            </td>
            <td role="cell" data-label={head.status}>
              <StatusBadge status={r.status} />
            </td>
            <td role="cell" data-label={head.ward}>
              {r.ward ? r.ward.name ?? r.ward.code : <span class="none">{t('queue.none')}</span>}
            </td>
            <td role="cell" data-label={head.age}>
              <time dateTime={r.created_at}>{ageOf(r.created_at, now)}</time>
            </td>
            <td role="cell" data-label={head.due}>
              <Due at={r.due_at} overdue={r.overdue} />
            </td>
            <td role="cell" data-label={head.unit}>
              {r.unit ? (
                <span>
                  {r.unit_proposed && <span class="proposed">{t('queue.proposed')} </span>}
                  {r.unit.name ?? r.unit.code}
                </span>
              ) : (
                <span class="none">{t('queue.none')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

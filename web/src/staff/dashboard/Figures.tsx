// The period's totals as labelled figures: received, resolved, the on-time rate, overdue now (of
// the reports open now), the average times to assign and to resolve, and satisfaction. A figure
// the server gives as null (nothing resolved, no rating) reads "no data yet", never 0.
import type { ComponentChild } from 'preact';
import { t } from '../i18n';
import type { Stats } from './api';
import { formatCount, formatDecimal, formatRate } from './format';

function Figure({ label, value, note, tone }: { label: string; value: ComponentChild | null; note?: string; tone?: 'bad' }) {
  return (
    <div class={`figure${tone ? ' ' + tone : ''}`}>
      <dt>{label}</dt>
      <dd>
        {value === null ? <span class="figure-value none">{t('db.no_value')}</span> : <span class="figure-value">{value}</span>}
        {note && <span class="figure-note">{note}</span>}
      </dd>
    </div>
  );
}

export function Figures({ totals }: { totals: Stats['totals'] }) {
  const hours = (h: number | null) => (h === null ? null : t('db.hours', { n: formatDecimal(h) }));
  const { satisfaction } = totals;
  return (
    <dl class="figures">
      <Figure label={t('db.received')} value={formatCount(totals.received)} note={t('db.received_note')} />
      <Figure label={t('db.resolved')} value={formatCount(totals.resolved)} note={t('db.resolved_note')} />
      <Figure
        label={t('db.on_time_rate')}
        value={totals.on_time_rate === null ? null : formatRate(totals.on_time_rate)}
        note={t('db.on_time_note', { on_time: formatCount(totals.on_time), resolved: formatCount(totals.resolved) })}
      />
      <Figure
        label={t('db.overdue_now')}
        value={formatCount(totals.overdue_now)}
        note={t('db.overdue_note', { open: formatCount(totals.open_now) })}
        {...(totals.overdue_now > 0 ? { tone: 'bad' as const } : {})}
      />
      <Figure label={t('db.avg_assign')} value={hours(totals.avg_hours_to_assign)} note={t('db.avg_assign_note')} />
      <Figure label={t('db.avg_resolve')} value={hours(totals.avg_hours_to_resolve)} note={t('db.avg_resolve_note')} />
      <Figure
        label={t('db.satisfaction')}
        value={satisfaction.average === null ? null : t('db.satisfaction_value', { average: formatDecimal(satisfaction.average) })}
        note={t('db.ratings', { n: formatCount(satisfaction.count) })}
      />
    </dl>
  );
}

// The dashboard's period and filters: from/to dates (the last 30 days by default), quick choices
// (the last 30 days, the current and the previous 25th-to-25th reporting periods, which apply at
// once), category, unit and ward. The server's messages about a field show next to it.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describedBy, FieldError } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { localName, type Reference } from '../reference';
import { UnitOptions } from '../reports/FilterForm';
import type { StatsQuery } from './api';
import { formatDay, formatFullDay, formatMonth } from './format';
import { addMonths, cityToday, last30Days, periodMonthOf, periodOf } from './period';

interface Props {
  query: StatsQuery;
  reference: Reference | null;
  errors: Record<string, string>;
  onApply: (query: StatsQuery) => void;
}

const wide = () => typeof matchMedia === 'function' && matchMedia('(min-width: 60rem)').matches;

export function DashboardFilters({ query, reference, errors, onApply }: Props) {
  const [draft, setDraft] = useState<StatsQuery>(query);
  // Open at a desk or when the server found a problem; folded on a phone, so that the figures come first.
  const [initiallyOpen] = useState(wide);
  const active = (['category', 'unit', 'ward'] as const).filter((name) => !!query[name]).length;
  const hasErrors = Object.keys(errors).length > 0;
  useEffect(() => setDraft(query), [JSON.stringify(query)]);
  const set = (patch: Partial<StatsQuery>) => setDraft((d) => ({ ...d, ...patch }));
  const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

  const today = cityToday();
  const current = periodMonthOf(today);
  const quick = [
    { label: t('db.last_30'), range: last30Days(today) },
    ...[current, addMonths(current, -1)].map((month) => {
      const range = periodOf(month);
      return { label: t('db.period_choice', { month: formatMonth(month), from: formatDay(range.from), to: formatDay(range.to) }), range };
    }),
  ];

  function submit(event: Event) {
    event.preventDefault();
    onApply(draft);
  }

  const invalid = (name: string) => (errors[name] ? 'true' : undefined);
  const select = (name: 'category' | 'unit' | 'ward', label: string, all: string, options: ComponentChildren) => (
    <div class="field">
      <label for={`db-${name}`}>{label}</label>
      <select
        id={`db-${name}`}
        name={name}
        value={draft[name]}
        aria-invalid={invalid(name)}
        aria-describedby={describedBy(errors[name] && `db-${name}-error`)}
        onChange={(e) => set({ [name]: value(e) })}
      >
        <option value="">{all}</option>
        {options}
      </select>
      <FieldError id={`db-${name}-error`} message={errors[name]} />
    </div>
  );

  return (
    <details class="filters dash-filters" open={initiallyOpen || hasErrors}>
      <summary>
        {t('db.filters')}
        <span class="active-filters">
          {' · '}
          {formatFullDay(query.from)} – {formatFullDay(query.to)}
          {active > 0 && ` · ${t('queue.active_filters', { n: active })}`}
        </span>
      </summary>
      <form aria-label={t('db.filters')} noValidate onSubmit={submit}>
        <fieldset class="period">
          <legend>{t('db.period')}</legend>
          <div class="period-dates">
            {(['from', 'to'] as const).map((name) => (
              <div class="field" key={name}>
                <label for={`db-${name}`}>{t(name === 'from' ? 'db.from' : 'db.to')}</label>
                <input
                  id={`db-${name}`}
                  name={name}
                  type="date"
                  value={draft[name]}
                  required
                  aria-invalid={invalid(name)}
                  aria-describedby={describedBy(errors[name] && `db-${name}-error`)}
                  onInput={(e) => set({ [name]: value(e) })}
                />
                <FieldError id={`db-${name}-error`} message={errors[name]} />
              </div>
            ))}
          </div>
          <div class="quick" role="group" aria-label={t('db.quick')}>
            {quick.map((q) => (
              <button
                key={q.label}
                type="button"
                class="button secondary small"
                aria-pressed={draft.from === q.range.from && draft.to === q.range.to ? 'true' : 'false'}
                onClick={() => onApply({ ...draft, ...q.range })}
              >
                {q.label}
              </button>
            ))}
          </div>
        </fieldset>
        <div class="filter-grid">
          {select(
            'category',
            t('queue.category'),
            t('queue.all_categories'),
            reference?.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {localName(c)}
              </option>
            )),
          )}
          {select('unit', t('queue.unit'), t('queue.all_units'), reference && <UnitOptions reference={reference} />)}
          {select(
            'ward',
            t('queue.ward'),
            t('queue.all_wards'),
            reference?.areas.map((a) => (
              <option key={a.code} value={a.code}>
                {localName(a)}
              </option>
            )),
          )}
        </div>
        <p class="actions-inline">
          <button type="submit" class="button primary">
            {t('db.apply')}
          </button>
          <button type="button" class="button secondary" onClick={() => onApply({ ...last30Days(today), category: '', unit: '', ward: '' })}>
            {t('db.clear')}
          </button>
        </p>
      </form>
    </details>
  );
}

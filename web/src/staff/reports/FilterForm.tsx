// The list's filters as a search form (words, status, category, ward, unit, overdue), folded on a
// phone. Submitting puts them in the address; the list follows.
import { useEffect, useState } from 'preact/hooks';
import type { StaffFilters } from '../../shared/api/staff';
import { t, type Key } from '../i18n';
import { localName, unitKindOrder, type Reference } from '../reference';
import { statusLabel } from '../ui/labels';
import { openStatuses, queueStatuses, unitStatuses, unitTodo } from './filters';

interface Props {
  mode: 'queue' | 'unit';
  filters: StaffFilters;
  reference: Reference | null;
  onApply: (filters: StaffFilters) => void;
}

const wide = () => typeof matchMedia === 'function' && matchMedia('(min-width: 60rem)').matches;

export function FilterForm({ mode, filters, reference, onApply }: Props) {
  const [draft, setDraft] = useState<StaffFilters>(filters);
  useEffect(() => setDraft(filters), [JSON.stringify(filters)]);
  const active = (['q', 'status', 'category', 'ward', 'unit', 'overdue'] as const).filter((name) => !!filters[name]).length;
  // Open at a desk, or when filters are in use; folded on a phone so that the list comes first.
  const [initiallyOpen] = useState(() => active > 0 || wide());
  const set = (patch: Partial<StaffFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

  function submit(event: Event) {
    event.preventDefault();
    onApply(draft);
  }

  const statuses = mode === 'unit' ? unitStatuses : queueStatuses;
  const group = mode === 'unit' ? unitTodo : openStatuses;
  return (
    <details class="filters" open={initiallyOpen}>
      <summary>
        {t('queue.filters')}
        {active > 0 && <span class="active-filters"> · {t('queue.active_filters', { n: active })}</span>}
      </summary>
      <form role="search" aria-label={t('queue.filters')} onSubmit={submit}>
        <div class="filter-grid">
          <div class="field wide-field">
            <label for="filter-q">{t('queue.search')}</label>
            <input id="filter-q" type="search" value={draft.q ?? ''} aria-describedby="filter-q-hint" onInput={(e) => set({ q: value(e) })} />
            <p class="hint" id="filter-q-hint">
              {t('queue.search_hint')}
            </p>
          </div>
          <div class="field">
            <label for="filter-status">{t('queue.status')}</label>
            <select id="filter-status" value={draft.status ?? ''} onChange={(e) => set({ status: value(e) })}>
              <option value="">{t('queue.all_statuses')}</option>
              <option value={group}>{t(mode === 'unit' ? 'unitws.todo' : 'queue.open')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-category">{t('queue.category')}</label>
            <select id="filter-category" value={draft.category ?? ''} onChange={(e) => set({ category: value(e) })}>
              <option value="">{t('queue.all_categories')}</option>
              {reference?.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {localName(c)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-ward">{t('queue.ward')}</label>
            <select id="filter-ward" value={draft.ward ?? ''} onChange={(e) => set({ ward: value(e) })}>
              <option value="">{t('queue.all_wards')}</option>
              {reference?.areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {localName(a)}
                </option>
              ))}
            </select>
          </div>
          {mode === 'queue' && (
            <div class="field">
              <label for="filter-unit">{t('queue.unit')}</label>
              <select id="filter-unit" value={draft.unit ?? ''} onChange={(e) => set({ unit: value(e) })}>
                <option value="">{t('queue.all_units')}</option>
                {reference && <UnitOptions reference={reference} />}
              </select>
            </div>
          )}
          <div class="check-field">
            <input id="filter-overdue" type="checkbox" checked={!!draft.overdue} onChange={(e) => set({ overdue: (e.currentTarget as HTMLInputElement).checked })} />
            <label for="filter-overdue">{t('queue.only_overdue')}</label>
          </div>
        </div>
        <p class="actions-inline">
          <button type="submit" class="button primary">
            {t('queue.apply')}
          </button>
          <button type="button" class="button secondary" onClick={() => onApply({})}>
            {t('queue.clear')}
          </button>
        </p>
      </form>
    </details>
  );
}

// Every unit, grouped by kind (utilities and departments first, then the wards' committees).
export function UnitOptions({ reference }: { reference: Reference }) {
  return (
    <>
      {unitKindOrder.map((kind) => {
        const units = reference.units.filter((u) => u.kind === kind);
        if (units.length === 0) return null;
        return (
          <optgroup key={kind} label={t(`unit_kind.${kind}` as Key)}>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {localName(u)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

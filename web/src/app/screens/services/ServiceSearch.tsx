// Procedures found as one types (the server folds accents and ranks: exact code, then name, then
// the rest), narrowed by field, agency (selects) and level (chips), each choice with the number of
// results it would give; a page at a time. The search and filters are kept in the address
// (replaced, not added to the history), so that coming back from a procedure shows the same list.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { base } from '../../router';
import { searchProcedures, type FacetValue, type ProcedurePage, type ProcedureSummary } from './api';
import { levelLabel, st } from './strings';
import './services.css';

const perPage = 20;
const typingPauseMs = 300;

export interface Filters {
  q: string;
  field: string;
  level: string;
  agency: string;
}

interface Shown {
  items: ProcedureSummary[];
  total: number;
  page: number;
  facets: ProcedurePage['facets'];
}

export function ServiceSearch({ initial }: { initial: Filters }) {
  const [text, setText] = useState(initial.q);
  const [filters, setFilters] = useState<Filters>({ ...initial, q: initial.q.trim() });
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const asked = useRef(0);
  const pause = useRef<number | undefined>(undefined);

  // Page 1 for the search and filters, or the next page added below; the newest question wins.
  async function load(page: number) {
    const n = ++asked.current;
    setLoading(true);
    setError(null);
    try {
      const answer = await searchProcedures({ ...filters, page, perPage });
      if (n !== asked.current) return;
      setShown((before) => ({
        items: page > 1 && before ? [...before.items, ...answer.items.filter((i) => !before.items.some((b) => b.code === i.code))] : answer.items,
        total: answer.total,
        page,
        facets: answer.facets,
      }));
    } catch (e) {
      if (n === asked.current) setError(e as ApiError);
    } finally {
      if (n === asked.current) setLoading(false);
    }
  }

  useEffect(() => {
    void load(1);
    const params = new URLSearchParams();
    for (const key of ['q', 'field', 'level', 'agency'] as const) if (filters[key]) params.set(key, filters[key]);
    const address = `${base}/services${params.toString() ? '?' + params : ''}`;
    if (window.location.pathname + window.location.search !== address) history.replaceState(history.state, '', address);
  }, [filters.q, filters.field, filters.level, filters.agency]);

  useEffect(() => () => window.clearTimeout(pause.current), []);

  function typed(value: string) {
    setText(value);
    window.clearTimeout(pause.current);
    pause.current = window.setTimeout(() => setFilters((f) => ({ ...f, q: value.trim() })), typingPauseMs);
  }

  function submit(event: Event) {
    event.preventDefault();
    window.clearTimeout(pause.current);
    if (text.trim() === filters.q) void load(1);
    else setFilters((f) => ({ ...f, q: text.trim() }));
  }

  const choose = (key: 'field' | 'level' | 'agency', value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const narrowed = filters.field !== '' || filters.level !== '' || filters.agency !== '';

  let count = '';
  if (shown && !loading) {
    if (shown.total === 0) count = st('results.none');
    else count = shown.total === 1 ? st('results.count_one') : st('results.count', { n: shown.total });
  }
  const more = shown !== null && shown.items.length < shown.total;
  return (
    <>
      <form role="search" class="services-search" onSubmit={submit}>
        <label for="services-q">{st('search.label')}</label>
        <p class="hint" id="services-q-hint">
          {st('search.hint')}
        </p>
        <div class="services-search-row">
          <input id="services-q" name="q" type="search" value={text} autoComplete="off" enterKeyHint="search" aria-describedby="services-q-hint" onInput={(e) => typed((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="button secondary">
            {st('search.submit')}
          </button>
        </div>
      </form>
      {shown && (
        <section class="services-filters" aria-labelledby="services-filters-title">
          <h2 id="services-filters-title" class="visually-hidden">
            {st('filter.title')}
          </h2>
          <fieldset class="services-chips">
            <legend>{st('filter.level')}</legend>
            <Chip name="level" value="" label={st('filter.all')} chosen={filters.level} onChoose={(v) => choose('level', v)} />
            {withChosen(shown.facets.level, filters.level).map((f) => (
              <Chip key={f.value} name="level" value={f.value} label={st('filter.option', { value: levelLabel(f.value), count: f.count })} chosen={filters.level} onChoose={(v) => choose('level', v)} />
            ))}
          </fieldset>
          <FacetSelect id="services-field" label={st('filter.field')} values={withChosen(shown.facets.field, filters.field)} chosen={filters.field} onChoose={(v) => choose('field', v)} />
          <FacetSelect id="services-agency" label={st('filter.agency')} values={withChosen(shown.facets.agency, filters.agency)} chosen={filters.agency} onChoose={(v) => choose('agency', v)} />
          {narrowed && (
            <p>
              <button type="button" class="button secondary" onClick={() => setFilters((f) => ({ ...f, field: '', level: '', agency: '' }))}>
                {st('filter.clear')}
              </button>
            </p>
          )}
        </section>
      )}
      <p role="status" class="result-count">
        {loading ? t('common.loading') : count}
      </p>
      <ErrorSummary error={error} />
      {shown && shown.items.length > 0 && (
        <ul class="services-list" aria-label={st('results.label')}>
          {shown.items.map((item) => (
            <ProcedureCard key={item.code} item={item} />
          ))}
        </ul>
      )}
      {more && (
        <p>
          <button type="button" class="button secondary wide" aria-disabled={loading ? 'true' : undefined} onClick={() => !loading && shown && void load(shown.page + 1)}>
            {st('results.more')}
          </button>
        </p>
      )}
    </>
  );
}

// The facet's values, with the chosen one kept even when the query leaves it no results.
function withChosen(values: FacetValue[], chosen: string): FacetValue[] {
  if (!chosen || values.some((v) => v.value === chosen)) return values;
  return [...values, { value: chosen, count: 0 }];
}

interface ChipProps {
  name: string;
  value: string;
  label: string;
  chosen: string;
  onChoose: (value: string) => void;
}

function Chip({ name, value, label, chosen, onChoose }: ChipProps) {
  return (
    <label class={value === chosen ? 'chip selected' : 'chip'}>
      <input type="radio" name={name} value={value} checked={value === chosen} onChange={() => onChoose(value)} />
      {label}
    </label>
  );
}

interface FacetSelectProps {
  id: string;
  label: string;
  values: FacetValue[];
  chosen: string;
  onChoose: (value: string) => void;
}

function FacetSelect({ id, label, values, chosen, onChoose }: FacetSelectProps) {
  return (
    <p class="services-select">
      <label for={id}>{label}</label>
      <select id={id} value={chosen} onChange={(e) => onChoose((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{st('filter.all')}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {st('filter.option', { value: v.value, count: v.count })}
          </option>
        ))}
      </select>
    </p>
  );
}

function ProcedureCard({ item }: { item: ProcedureSummary }) {
  const unknown = st('item.unknown');
  return (
    <li class="services-card">
      <h2>
        <a href={item.url}>{item.name}</a>
      </h2>
      <dl>
        <div>
          <dt>{st('item.code')}</dt>
          <dd>{item.code}</dd>
        </div>
        <div>
          <dt>{st('item.field')}</dt>
          <dd>{item.field || unknown}</dd>
        </div>
        <div>
          <dt>{st('item.agency')}</dt>
          <dd>{item.agency || unknown}</dd>
        </div>
        <div>
          <dt>{st('item.time_limit')}</dt>
          <dd>{item.time_limit || unknown}</dd>
        </div>
        <div>
          <dt>{st('item.fee')}</dt>
          <dd>{item.fee || unknown}</dd>
        </div>
      </dl>
    </li>
  );
}

// Procedures found as one types (the server folds accents and ranks: exact code, then name, then
// the rest), narrowed by field, agency (selects) and level (chips), each choice with the number of
// results it would give; a page at a time. The search and filters are kept in the address
// (replaced, not added to the history), so that coming back from a procedure shows the same list.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { ChoiceChips, MoreButton, ResultCount, SearchBox } from '../../../shared/ui/search';
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
  const [filters, setFilters] = useState<Filters>({ ...initial, q: initial.q.trim() });
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const asked = useRef(0);

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
      <SearchBox id="services-q" label={st('search.label')} hint={st('search.hint')} submitLabel={st('search.submit')} query={filters.q} pauseMs={typingPauseMs} onQuery={(q) => setFilters((f) => ({ ...f, q }))} onRepeat={() => void load(1)} />
      {shown && (
        <section class="services-filters" aria-labelledby="services-filters-title">
          <h2 id="services-filters-title" class="visually-hidden">
            {st('filter.title')}
          </h2>
          <ChoiceChips
            legend={st('filter.level')}
            name="level"
            choices={[{ value: '', label: st('filter.all') }, ...withChosen(shown.facets.level, filters.level).map((f) => ({ value: f.value, label: st('filter.option', { value: levelLabel(f.value), count: f.count }) }))]}
            chosen={filters.level}
            onChoose={(v) => choose('level', v)}
          />
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
      <ResultCount text={loading ? t('common.loading') : count} />
      <ErrorSummary error={error} />
      {shown && shown.items.length > 0 && (
        <ul class="services-list" aria-label={st('results.label')}>
          {shown.items.map((item) => (
            <ProcedureCard key={item.code} item={item} />
          ))}
        </ul>
      )}
      {more && <MoreButton label={st('results.more')} busy={loading} onMore={() => shown && void load(shown.page + 1)} />}
    </>
  );
}

// The facet's values, with the chosen one kept even when the query leaves it no results.
function withChosen(values: FacetValue[], chosen: string): FacetValue[] {
  if (!chosen || values.some((v) => v.value === chosen)) return values;
  return [...values, { value: chosen, count: 0 }];
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

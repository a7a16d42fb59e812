// The dashboard's content, loaded with its own chunk when the screen opens (Dashboard.tsx): GET /api/v1/staff/stats for a period and filters kept
// in the address (/staff/dashboard?from=…&to=…&category=…&unit=…&ward=…&month=…), drawn as
// labelled totals, reports by day (a uPlot chart loaded on demand, with the same numbers as a
// table), sortable tables by category, unit and ward, and the overdue list linking to each
// report; then the monthly unit ranking (GET /api/v1/staff/stats/ranking). Both download as CSV
// with the same query. The server computes every figure; this screen formats them per language.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { formatDateTime, lang, t } from '../i18n';
import { useReference } from '../reference';
import { navigate, useLocation } from '../router';
import { asApiError } from '../ui/failure';
import { getStats, statsCsvUrl, type Stats, type StatsQuery, type StatsRow } from './api';
import { DashboardFilters } from './DashboardFilters';
import { Figures } from './Figures';
import { formatCount, formatFullDay, formatRate } from './format';
import { NoValue } from './NoValue';
import { OverdueList } from './OverdueList';
import { last30Days } from './period';
import { Ranking } from './Ranking';
import { SortableTable, type Column } from './SortableTable';
import { VolumeByDay } from './VolumeByDay';
import './dashboard.css';

const filterFields = ['from', 'to', 'category', 'unit', 'ward'];

function readQuery(params: URLSearchParams): StatsQuery {
  const range = last30Days();
  return {
    from: params.get('from') ?? range.from,
    to: params.get('to') ?? range.to,
    category: params.get('category') ?? '',
    unit: params.get('unit') ?? '',
    ward: params.get('ward') ?? '',
  };
}

function address(query: StatsQuery, month: string): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  for (const name of ['category', 'unit', 'ward'] as const) if (query[name]) params.set(name, query[name]);
  if (month) params.set('month', month);
  return `/dashboard?${params}`;
}

export function DashboardBody() {
  const location = useLocation();
  const query = readQuery(location.query);
  const month = location.query.get('month') ?? '';
  const key = JSON.stringify(query);
  const { reference } = useReference();
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const applied = useRef(false); // announce figures the person asked for, not the first ones
  const language = lang();

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    getStats(query, abort.signal).then(
      (answer) => {
        setStats(answer);
        setError(null);
        setLoading(false);
        if (applied.current) {
          setAnnouncement(t('db.updated', { from: formatFullDay(answer.period.from), to: formatFullDay(answer.period.to) }));
        }
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [key, language]);

  function apply(next: StatsQuery) {
    applied.current = true;
    setAnnouncement('');
    navigate(address(next, month));
  }

  return (
    <>
      <DashboardFilters query={query} reference={reference} errors={error?.errors ?? {}} onApply={apply} />
      <ErrorSummary error={error} fieldsShown={filterFields} />
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
      {loading && !stats && <p class="loading">{t('common.loading')}</p>}
      {stats && !error && (
        <div class="dash-body" aria-busy={loading ? 'true' : 'false'}>
          <div class="scope-bar">
            <div>
              <p class="scope">
                <strong>{t('db.scope', { from: formatFullDay(stats.period.from), to: formatFullDay(stats.period.to), days: formatCount(stats.period.days) })}</strong>
              </p>
              <p class="hint">{t('db.as_of', { time: formatDateTime(stats.as_of) })}</p>
            </div>
            <div class="csv">
              <a class="button secondary" href={statsCsvUrl(query)} download aria-describedby="db-csv-hint">
                {t('db.csv')}
              </a>
              <p class="hint" id="db-csv-hint">
                {t('db.csv_hint')}
              </p>
            </div>
          </div>
          <section aria-labelledby="db-totals">
            <h2 id="db-totals">{t('db.totals')}</h2>
            <Figures totals={stats.totals} />
          </section>
          <VolumeByDay days={stats.by_day} />
          <Breakdowns stats={stats} />
          <OverdueList items={stats.overdue} />
        </div>
      )}
      <Ranking month={month} onMonth={(m) => navigate(address(query, m))} />
    </>
  );
}

// The tables by category, unit and ward: the name, then received, resolved, on time and rate.
function Breakdowns({ stats }: { stats: Stats }) {
  const columns = (first: string): Column<StatsRow>[] => [
    { key: 'name', label: first, value: (r) => r.name },
    { key: 'received', label: t('db.col_received'), numeric: true, value: (r) => r.received, render: (r) => formatCount(r.received) },
    { key: 'resolved', label: t('db.col_resolved'), numeric: true, value: (r) => r.resolved, render: (r) => formatCount(r.resolved) },
    { key: 'on_time', label: t('db.col_on_time'), numeric: true, value: (r) => r.on_time, render: (r) => formatCount(r.on_time) },
    {
      key: 'on_time_rate',
      label: t('db.col_rate'),
      numeric: true,
      value: (r) => r.on_time_rate,
      render: (r) => (r.on_time_rate === null ? <NoValue /> : formatRate(r.on_time_rate)),
    },
  ];
  const tables = [
    { id: 'db-by-category', title: t('db.by_category'), first: t('db.col_category'), rows: stats.by_category },
    { id: 'db-by-unit', title: t('db.by_unit'), first: t('db.col_unit'), rows: stats.by_unit },
    { id: 'db-by-ward', title: t('db.by_ward'), first: t('db.col_ward'), rows: stats.by_ward },
  ];
  return (
    <>
      <p class="hint sort-hint">{t('db.sort_hint')}</p>
      <div class="breakdowns">
        {tables.map((table) => (
          <div key={table.id}>
            <h2 id={`${table.id}-title`}>{table.title}</h2>
            {table.rows.length === 0 ? (
              <p class="none">{t('db.no_rows')}</p>
            ) : (
              <SortableTable id={table.id} caption={table.title} columns={columns(table.first)} rows={table.rows} rowKey={(r) => r.code ?? '-'} captionHidden />
            )}
          </div>
        ))}
      </div>
    </>
  );
}

// A filtered, paged list of reports in the staff view: the operator queue and the unit's
// workspace share it (the server scopes a unit's staff to their unit). Pages come by cursor and
// are added below ("Load more"); the count so far is announced. The list follows the live
// stream: a `queue` frame (a report arrived, was routed, accepted, resolved...) fetches it again.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { listStaffReports, type StaffFilters, type StaffReport } from '../../shared/api/staff';
import { useLive } from '../../shared/live';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { useReference } from '../reference';
import { navigate } from '../router';
import { asApiError } from '../ui/failure';
import { FilterForm } from './FilterForm';
import { filtersFrom, queryOf } from './filters';
import { ReportTable } from './ReportTable';

interface Props {
  mode: 'queue' | 'unit';
  path: string; // this screen's address, for the filters
  query: URLSearchParams;
}

const pageSize = 20;

export function ReportList({ mode, path, query }: Props) {
  const filters = filtersFrom(query);
  const key = queryOf(filters);
  const { reference } = useReference();
  const [items, setItems] = useState<StaffReport[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const loads = useRef(0);
  async function load(after: string | null) {
    loads.current++;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setBusy(true);
    setError(null);
    try {
      const page = await listStaffReports(filters, after, pageSize, abort.signal);
      setItems((list) => (after && list ? [...list, ...page.items] : page.items));
      setNext(page.next);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(asApiError(e));
      if (!after) setItems([]);
    } finally {
      if (controller.current === abort) setBusy(false);
    }
  }

  useEffect(() => {
    setItems(null);
    setNext(null);
    void load(null);
    return () => controller.current?.abort();
  }, [key]);

  // A burst of queue changes is one refetch, 0.7 s after the last, of as many rows as are shown;
  // it waits while a page is loading, so as not to drop it.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useRef(async () => {});
  refresh.current = async () => {
    if (busy) {
      later();
      return;
    }
    const limit = Math.min(100, Math.max(pageSize, items?.length ?? 0));
    const loadsBefore = loads.current;
    try {
      const page = await listStaffReports(filters, null, limit);
      if (loads.current !== loadsBefore) return; // a page or other filters came meanwhile
      setItems(page.items);
      setNext(page.next);
    } catch {
      // the next change, or the person, tries again
    }
  };
  function later() {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void refresh.current(), 700);
  }
  useLive('queue', later);
  useLive('reset', later);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  function apply(chosen: StaffFilters) {
    navigate(path + queryOf(chosen));
  }

  const captionId = `${mode}-results`;
  return (
    <>
      <FilterForm mode={mode} filters={filters} reference={reference} onApply={apply} />
      <ErrorSummary error={error} />
      <h2 id={captionId}>{t(mode === 'unit' ? 'unitws.results' : 'queue.results')}</h2>
      <p role="status" class="result-count">
        {items === null
          ? t('common.loading')
          : items.length === 0
            ? t(key ? 'queue.empty_filtered' : 'queue.empty')
            : t(next ? 'queue.count_more' : 'queue.count', { n: items.length })}
      </p>
      {items && items.length > 0 && <ReportTable items={items} captionId={captionId} />}
      {next && (
        <p>
          <button type="button" class="button secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && load(next)}>
            {t('queue.more')}
          </button>
        </p>
      )}
    </>
  );
}

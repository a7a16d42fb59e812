// A list of reports, a page at a time (cursor paging with `after`/`next`), kept current while it
// is open: a notification about one of them (a step taken by the 1022 centre or the unit) fetches
// that report again and puts it in place; a `reset` of the live stream reloads the list.
import { useEffect, useState, type StateUpdater, type Dispatch } from 'preact/hooks';
import { getReport, type ApiError, type Report } from '../../../shared/api';
import type { AppNotification } from '../../../shared/api/notify';
import { useLive } from '../../../shared/live';

export function useLiveReports(items: Report[], setItems: Dispatch<StateUpdater<Report[]>>, reload: () => void): void {
  useLive<AppNotification>('notification', (n) => {
    const id = n.report_id;
    if (id === undefined || !items.some((r) => r.id === id)) return;
    getReport(id).then(
      (fresh) => setItems((list) => list.map((r) => (r.id === id ? { ...r, ...fresh } : r))),
      () => undefined, // the next notification or a reload brings it
    );
  });
  useLive('reset', reload);
}

export interface ReportPages {
  items: Report[];
  next: string | null;
  loading: boolean;
  error: ApiError | null;
  // The first page again (after === null), or the page after `after`, added below.
  load: (after: string | null) => Promise<void>;
}

// The first page is loaded when the screen opens.
export function useReportPages(fetchPage: (after: string | null) => Promise<{ items: Report[]; next: string | null }>): ReportPages {
  const [items, setItems] = useState<Report[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  async function load(after: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(after);
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setNext(page.next);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);
  useLiveReports(items, setItems, () => void load(null));
  return { items, next, loading, error, load };
}

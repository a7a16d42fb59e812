// Keeps a list of reports current while it is open: a notification about one of them (a step
// taken by the 1022 centre or the unit) fetches that report again and puts it in place; a `reset`
// of the live stream reloads the list.
import type { StateUpdater, Dispatch } from 'preact/hooks';
import { getReport, type Report } from '../../../shared/api';
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

// Reloads what a screen shows when the live stream says a dossier changed: a `notification` of
// kind `dossiers` (for `code`, or any when code is null), or a `reset` (events were missed).
import type { AppNotification } from '../../../shared/api/notify';
import { useLive } from '../../../shared/live';

export function useDossierLive(code: string | null, reload: (n: AppNotification | null) => void): void {
  useLive<AppNotification>('notification', (n) => {
    if (n.kind === 'dossiers' && (code === null || n.dossier_code === code)) reload(n);
  });
  useLive('reset', () => reload(null));
}

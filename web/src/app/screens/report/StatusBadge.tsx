import type { ReportStatus } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { statusLabel } from './labels';

export function StatusBadge({ status, overdue = false }: { status: ReportStatus; overdue?: boolean }) {
  return (
    <span class={`badge status-${status}`}>
      {statusLabel(status)}
      {overdue && <span class="overdue"> · {t('report.overdue')}</span>}
    </span>
  );
}

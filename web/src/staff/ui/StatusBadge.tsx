// A report's status as a badge: the word carries the meaning, the colour only helps.
import type { ReportStatus } from '../../shared/api';
import { statusLabel } from './labels';

export function StatusBadge({ status }: { status: ReportStatus }) {
  return <span class={`badge status-${status}`}>{statusLabel(status)}</span>;
}

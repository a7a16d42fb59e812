// The words for statuses and timeline steps, in the interface's language.
import type { ReportStatus, StepStatus, TimelineAction } from '../../../shared/api';
import { t, type MessageKey } from '../../../shared/i18n';

export function statusLabel(status: ReportStatus | StepStatus): string {
  return t(`status.${status}` as MessageKey);
}

export function actionLabel(action: TimelineAction): string {
  return t(`action.${action}` as MessageKey);
}

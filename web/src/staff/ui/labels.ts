// The words for statuses, timeline steps, channels and ages, in the interface's language.
import type { ReportStatus, StepStatus, TimelineAction } from '../../shared/api';
import type { Channel } from '../../shared/api/staff';
import { t, type Key } from '../i18n';

export const statusLabel = (status: ReportStatus | StepStatus) => t(`status.${status}` as Key);
export const actionLabel = (action: TimelineAction) => t(`action.${action}` as Key);
export const channelLabel = (channel: Channel) => t(`channel.${channel}` as Key);

// How long ago a report came in, in whole minutes, hours or days ("3 ngày").
export function ageOf(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('age.hours', { n: hours });
  return t('age.days', { n: Math.floor(hours / 24) });
}

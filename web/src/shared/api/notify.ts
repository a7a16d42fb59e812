// Notifications: the shapes of the inbox's entries, of the preferences and devices, and of the
// live stream's frames (../live.ts); the unread count for the badge. The other endpoints travel
// with the notification screens' chunk (../notify/api.ts). Imported directly (not from ./index).
import { lang } from '../i18n';
import { request } from './client';

const v1 = '/api/v1';

// A text in both languages; English may be missing, Vietnamese never is.
export interface Texts {
  vi: string;
  en?: string;
}

export function localText(texts: Texts | undefined): string {
  if (!texts) return '';
  return (lang() === 'en' && texts.en) || texts.vi || texts.en || '';
}

export type NotificationKind = 'my_reports' | 'followed' | 'unit_queue' | 'alerts' | 'dossiers';

// One entry of the inbox, and the data of a `notification` frame.
export interface AppNotification {
  id: number;
  event_id: number;
  kind: NotificationKind;
  type: string; // report.assigned, report.resolved, ..., alert.sent
  report_id?: number;
  report_code?: string; // report notifications
  status?: string;
  alert_id?: number; // kind 'alerts'
  dossier_code?: string; // kind 'dossiers'
  title: Texts;
  body?: Texts;
  url: string; // /app/reports/12, /app/dossiers/{code} or /staff/reports/12
  at: string;
  read: boolean;
}

// The data of a `broadcast` frame: an announcement to everyone.
export interface Broadcast {
  event_id: number;
  title: Texts;
  body?: Texts;
  severity: 'info' | 'warning' | 'danger';
  url: string;
  at: string;
}

// The data of a `queue` frame (staff): a report of the queue changed.
export interface QueueChange {
  event_id: number;
  type: string;
  report_id?: number;
  code?: string;
  status?: string;
  unit?: string;
  internal: boolean;
  at: string;
}

export interface NotificationPage {
  items: AppNotification[];
  unread: number;
  next_cursor: string | null;
}

export const getUnreadCount = () => request<{ unread: number }>('GET', `${v1}/notifications/unread-count`);

export type PreferenceKind = NotificationKind | 'broadcasts';
export type DeliveryChannel = 'app' | 'push';
export interface Preference {
  kind: PreferenceKind;
  channel: DeliveryChannel;
  enabled: boolean;
}

export interface PushDevice {
  id: number;
  push_service: string;
  user_agent: string;
  lang: string;
  created_at: string;
  last_success_at: string | null;
}

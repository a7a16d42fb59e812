// The inbox's, the preferences' and the push devices' endpoints (docs/openapi.yaml), in the
// notification screens' chunk; their shapes are in ../api/notify.ts.
import { request } from '../api/client';
import type { NotificationPage, Preference, PushDevice } from '../api/notify';

const v1 = '/api/v1';

export function listNotifications(cursor: string | null, limit = 20) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return request<NotificationPage>('GET', `${v1}/notifications?${query}`);
}

export const markRead = (ids: number[] | 'all') =>
  request<{ unread: number }>('POST', `${v1}/notifications/read`, { body: ids === 'all' ? { all: true } : { ids } });

export const getPreferences = () => request<{ items: Preference[] }>('GET', `${v1}/notifications/preferences`);
export const putPreferences = (items: Preference[]) =>
  request<{ items: Preference[] }>('PUT', `${v1}/notifications/preferences`, { body: { items } });

export const getPushKey = () => request<{ public_key: string }>('GET', `${v1}/push/key`);
export const addPushDevice = (subscription: PushSubscriptionJSON) =>
  request<PushDevice>('POST', `${v1}/push/subscriptions`, { body: subscription });
export const listPushDevices = () => request<{ items: PushDevice[] }>('GET', `${v1}/push/subscriptions`);
export const removePushDevice = (id: number) => request<void>('DELETE', `${v1}/push/subscriptions/${id}`);

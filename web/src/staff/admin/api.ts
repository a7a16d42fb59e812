// The administration's side of the API (docs/openapi.yaml, tag `administration`): accounts,
// categories, units, routing rules, public holidays and the directory of public apps. Admins only;
// the server checks.
import { request, type Role } from '../../shared/api';
import type { Unit } from '../../shared/api/staff';
import type { AdminApp, AppCategory } from '../../shared/apps/api';

export interface Account {
  id: number;
  username: string;
  role: Role;
  unit: string | null;
  display_name: string;
  disabled: boolean;
  totp_enrolled: boolean;
  created_at: string;
}

export interface NewAccount {
  username: string;
  role: Role;
  unit?: string;
  display_name?: string;
  password?: string;
}

export interface AccountChange {
  role?: Role;
  unit?: string; // "" clears it
  display_name?: string;
  disabled?: boolean;
}

export interface CategoryBody {
  name: string;
  name_en: string;
  deadline_days: number | string; // a string only to let the server name what is wrong
  sensitive: boolean;
  icon: string;
}

export interface UnitBody {
  name: string;
  name_en: string;
  kind: Unit['kind'] | '';
  area?: string;
}

export interface RoutingRule {
  category: string;
  ward: string; // a 5-digit ward code, or "*" for the category's default
  unit: string;
}

export interface Holiday {
  date: string; // YYYY-MM-DD
  name: string;
}

const v1 = '/api/v1/admin';
const part = encodeURIComponent;

export function listAccounts(role: string, after?: string | null) {
  const query = new URLSearchParams();
  if (role) query.set('role', role);
  if (after) query.set('after', after);
  return request<{ items: Account[]; next: string | null }>('GET', `${v1}/users?${query}`);
}
export const createAccount = (account: NewAccount) => request<Account>('POST', `${v1}/users`, { body: account });
export const changeAccount = (id: number, change: AccountChange) => request<Account>('PATCH', `${v1}/users/${id}`, { body: change });
export const setPassword = (id: number, password: string) => request<void>('POST', `${v1}/users/${id}/password`, { body: { password } });
export const resetTotp = (id: number) => request<void>('POST', `${v1}/users/${id}/totp-reset`);

export const putCategory = (code: string, body: CategoryBody) => request<unknown>('PUT', `${v1}/categories/${part(code)}`, { body });
export const putUnit = (code: string, body: UnitBody) => request<unknown>('PUT', `${v1}/units/${part(code)}`, { body });

export const listRules = (category: string) =>
  request<{ items: RoutingRule[] }>('GET', `${v1}/routing-rules?${new URLSearchParams({ category })}`);
// Ward "*" is sent as "default", which the server reads the same and which needs no escaping.
const wardPart = (ward: string) => (ward === '*' ? 'default' : part(ward));
export const putRule = (category: string, ward: string, unit: string) =>
  request<RoutingRule>('PUT', `${v1}/routing-rules/${part(category)}/${wardPart(ward)}`, { body: { unit } });
export const deleteRule = (category: string, ward: string) => request<void>('DELETE', `${v1}/routing-rules/${part(category)}/${wardPart(ward)}`);

export const listHolidays = () => request<{ items: Holiday[] }>('GET', `${v1}/holidays`);
export const putHoliday = (date: string, name: string) => request<Holiday>('PUT', `${v1}/holidays/${part(date)}`, { body: { name } });
export const deleteHoliday = (date: string) => request<void>('DELETE', `${v1}/holidays/${part(date)}`);

// The directory of public apps (tag `apps`): links are sent as "" when there is none.
export interface AppBody {
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  category: AppCategory;
  icon_media_id?: string;
  web_url: string;
  deep_link: string;
  android_url: string;
  ios_url: string;
  vneid_sign_in: boolean;
  active: boolean;
}

export const listAdminApps = () => request<{ items: AdminApp[] }>('GET', `${v1}/apps`);
export const createApp = (body: AppBody, idempotencyKey: string) =>
  request<AdminApp>('POST', `${v1}/apps`, { body, headers: { 'Idempotency-Key': idempotencyKey } });
export const updateApp = (id: number, body: AppBody) => request<AdminApp>('PUT', `${v1}/apps/${id}`, { body });
export const orderApps = (ids: number[]) => request<{ items: AdminApp[] }>('PUT', `${v1}/apps/order`, { body: { ids } });
export const deleteApp = (id: number) => request<void>('DELETE', `${v1}/apps/${id}`);

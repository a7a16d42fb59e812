// What each staff role works on in the console, so that navigation, routes and actions agree.
// The server decides what is allowed (403/404); these only choose what to show.
import type { Role } from '../shared/api';

export type Screen = 'queue' | 'unit' | 'intake' | 'dashboard' | 'admin' | 'alerts' | 'news' | 'map';

const screensByRole: Partial<Record<Role, Screen[]>> = {
  operator: ['queue', 'intake', 'dashboard', 'map'],
  admin: ['queue', 'intake', 'dashboard', 'admin', 'alerts', 'news', 'map'],
  leader: ['queue', 'dashboard', 'map'],
  unit_staff: ['unit'],
  alert_officer: ['alerts'],
  editor: ['news'],
};

export function screensFor(role: Role): Screen[] {
  return screensByRole[role] ?? [];
}

export const pathOf: Record<Screen, string> = {
  queue: '/queue',
  unit: '/unit',
  intake: '/intake',
  dashboard: '/dashboard',
  admin: '/admin',
  alerts: '/alerts',
  news: '/news',
  map: '/map',
};

// Where a role lands after signing in ("/" when it has no work screen yet).
export function homeFor(role: Role): string {
  const first = screensFor(role)[0];
  return first ? pathOf[first] : '/';
}

// The 1022 centre's steps (assign, reject, merge, reclassify; phone intake).
export const routes = (role: Role) => role === 'operator' || role === 'admin';
// A unit's steps (accept, progress, resolve, hand back).
export const worksForUnit = (role: Role) => role === 'unit_staff';
// Internal notes: every role that reads the staff view.
export const writesNotes = (role: Role) => role === 'operator' || role === 'admin' || role === 'leader' || role === 'unit_staff';
// The list and the detail.
export const readsReports = writesNotes;

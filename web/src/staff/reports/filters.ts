// The list's filters live in the address (?status=received&q=...), so that a filtered queue can
// be bookmarked, shared, reloaded and left with Back.
import { staffQuery, type StaffFilters } from '../../shared/api/staff';

export function filtersFrom(query: URLSearchParams): StaffFilters {
  const filters: StaffFilters = {};
  for (const name of ['q', 'status', 'category', 'ward', 'unit'] as const) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  const overdue = query.get('overdue');
  if (overdue === 'true' || overdue === '1') filters.overdue = true;
  return filters;
}

// The address's query for these filters ("?status=received&q=..."), or "" without any.
export function queryOf(filters: StaffFilters): string {
  const text = staffQuery(filters).toString();
  return text ? '?' + text : '';
}

// The status choices of each list: the queue sees every status, a unit only its own work.
export const openStatuses = 'received,assigned,in_progress';
export const unitTodo = 'assigned,in_progress';
export const queueStatuses = ['received', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate', 'withdrawn'] as const;
export const unitStatuses = ['assigned', 'in_progress', 'resolved', 'closed'] as const;

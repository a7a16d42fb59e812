// The dashboard's side of the API (docs/openapi.yaml: GET /api/v1/staff/stats and
// /api/v1/staff/stats/ranking): the shapes the server answers and the addresses of the same
// queries as CSV downloads. The server computes every figure; the console only draws them.
import { request } from '../../shared/api';

export interface Satisfaction {
  count: number;
  average: number | null; // 1–5, 2 decimals; null without ratings
}

export interface StatsRow {
  code: string | null; // null: reports without a unit (not yet assigned) or without a ward
  name: string;
  received: number;
  resolved: number;
  on_time: number;
  on_time_rate: number | null; // 4 decimals; null when nothing was resolved
}

export interface StatsDay {
  date: string; // YYYY-MM-DD, a city date
  received: number;
  resolved: number;
}

export interface CodeName {
  code: string;
  name?: string;
}

export interface OverdueReport {
  id: number;
  code: string;
  category: CodeName;
  unit: CodeName | null;
  ward: CodeName | null;
  due_at: string;
  days_overdue: number;
}

export interface Stats {
  period: { from: string; to: string; days: number; start: string; end: string };
  as_of: string;
  filters: { kind: string; category: string | null; unit: string | null; ward: string | null };
  totals: {
    received: number;
    resolved: number;
    on_time: number;
    on_time_rate: number | null;
    open_now: number;
    overdue_now: number;
    avg_hours_to_assign: number | null;
    avg_hours_to_resolve: number | null;
    satisfaction: Satisfaction;
  };
  by_day: StatsDay[];
  by_category: StatsRow[];
  by_unit: StatsRow[];
  by_ward: StatsRow[];
  overdue: OverdueReport[];
}

export interface RankingRow {
  rank: number;
  code: string;
  name: string;
  assigned: number;
  resolved: number;
  on_time: number;
  on_time_rate: number | null;
  overdue_open_at_end: number;
  satisfaction: Satisfaction;
}

export interface Ranking {
  period: { month: string; start: string; end: string };
  items: RankingRow[];
}

// What the dashboard asks for: a range of city dates and optional filters (empty means all).
export interface StatsQuery {
  from: string;
  to: string;
  category: string;
  unit: string;
  ward: string;
}

const v1 = '/api/v1';

export function statsParams(query: StatsQuery): URLSearchParams {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  for (const name of ['category', 'unit', 'ward'] as const) if (query[name]) params.set(name, query[name]);
  return params;
}

export function getStats(query: StatsQuery, signal?: AbortSignal) {
  return request<Stats>('GET', `${v1}/staff/stats?${statsParams(query)}`, signal ? { signal } : {});
}

// The same figures as a CSV download (the session cookie goes with the link).
export function statsCsvUrl(query: StatsQuery): string {
  const params = statsParams(query);
  params.set('format', 'csv');
  return `${v1}/staff/stats?${params}`;
}

export function getRanking(month: string, signal?: AbortSignal) {
  const params = new URLSearchParams(month ? { month } : {});
  return request<Ranking>('GET', `${v1}/staff/stats/ranking?${params}`, signal ? { signal } : {});
}

export function rankingCsvUrl(month: string): string {
  const params = new URLSearchParams(month ? { month } : {});
  params.set('format', 'csv');
  return `${v1}/staff/stats/ranking?${params}`;
}

// The staff side of the API (docs/openapi.yaml, tag `staff`, and the units): the work queue, one
// report in the staff view, the lifecycle steps, phone intake.
// Imported directly by the staff console (not re-exported from ./index).
import { request } from './client';
import type { Actor, Kind, Photo, Report, TimelineEntry } from './types';

export type StaffAction =
  | 'assign'
  | 'accept'
  | 'progress'
  | 'note'
  | 'hand-back'
  | 'resolve'
  | 'reject'
  | 'merge'
  | 'reclassify';

export interface StaffActor extends Actor {
  username?: string; // the acting account (staff view only)
}

export interface StaffTimelineEntry extends Omit<TimelineEntry, 'actor'> {
  actor: StaffActor;
  internal: boolean; // a note citizens never see
}

export type Channel = 'app' | 'web' | 'phone';

export interface StaffReport
  extends Omit<Report, 'timeline' | 'channel' | 'public' | 'anonymous' | 'mine' | 'following'> {
  unit_proposed: boolean; // `unit` is routing's proposal (status received), not an assignment
  public: boolean;
  anonymous: boolean;
  channel: Channel;
  author: { name: string } | null; // null for anonymous reports and phone intake; the read is audited
  caller?: { name: string | null; phone: string | null }; // phone intake, unless the caller stayed anonymous
  photos?: Photo[];
  timeline?: StaffTimelineEntry[];
}

export interface StaffPage {
  items: StaffReport[];
  next: string | null;
}

// The list's filters, as the query string names them (all optional, combined with AND).
export interface StaffFilters {
  status?: string; // one status or several, comma-separated
  category?: string;
  ward?: string;
  unit?: string;
  kind?: Kind;
  overdue?: boolean;
  q?: string;
}

export interface Unit {
  code: string;
  name: string;
  name_vi: string;
  name_en: string;
  kind: 'ward_committee' | 'department' | 'utility' | 'center' | 'leaders_office';
  area: string | null;
}

export interface PhoneIntake {
  kind?: Kind;
  category: string;
  description: string;
  lat?: number;
  lon?: number;
  address?: string;
  ward?: string;
  anonymous?: boolean;
  public?: boolean;
  photos?: string[];
  caller_name?: string;
  caller_phone?: string;
}

// The body of each step (see "The life of a report" in docs/openapi.yaml).
export interface ActionBodies {
  assign: { unit?: string; text?: string };
  accept: { text?: string };
  progress: { message: string; photos?: string[] };
  note: { text: string };
  'hand-back': { reason: string };
  resolve: { result: string; photos?: string[] };
  reject: { reason: string };
  merge: { into: string };
  reclassify: { category: string };
}

const v1 = '/api/v1';

export function staffQuery(filters: StaffFilters, after?: string | null, limit?: number): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['status', 'category', 'ward', 'unit', 'kind', 'q'] as const) {
    const value = filters[name]?.trim();
    if (value) query.set(name, value);
  }
  if (filters.overdue) query.set('overdue', 'true');
  if (after) query.set('after', after);
  if (limit) query.set('limit', String(limit));
  return query;
}

export function listStaffReports(filters: StaffFilters, after?: string | null, limit = 20, signal?: AbortSignal) {
  const query = staffQuery(filters, after, limit);
  return request<StaffPage>('GET', `${v1}/staff/reports?${query}`, signal ? { signal } : {});
}

export const getStaffReport = (id: number | string) =>
  request<StaffReport>('GET', `${v1}/staff/reports/${encodeURIComponent(id)}`);

export function actOnReport<A extends StaffAction>(id: number, action: A, body: ActionBodies[A]) {
  return request<StaffReport>('POST', `${v1}/staff/reports/${id}/${action}`, { body });
}

export function submitPhoneReport(intake: PhoneIntake, idempotencyKey: string) {
  return request<StaffReport>('POST', `${v1}/staff/reports`, {
    body: intake,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export const listUnits = () => request<{ items: Unit[] }>('GET', `${v1}/units`);

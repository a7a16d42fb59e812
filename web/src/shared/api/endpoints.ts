// Every endpoint the front end calls, one function each, named after docs/openapi.yaml.
import { request, upload, type UploadOptions } from './client';
import type {
  Area,
  Category,
  ClientConfig,
  ConsentItem,
  ConsentPurpose,
  DeletionResult,
  Me,
  Media,
  NewReport,
  NewsItem,
  NewsKind,
  NewsPage,
  Page,
  Report,
  SessionInfo,
  SignedIn,
  TotpEnrolment,
} from './types';

const v1 = '/api/v1';

// The address that starts a citizen's sign-in with VNeID; the terms were shown next to the button.
export function vneidStartUrl(returnTo: string): string {
  return `${v1}/auth/vneid/start?accept_terms=1&return_to=${encodeURIComponent(returnTo)}`;
}

export const getMe = () => request<Me>('GET', `${v1}/me`);
export const logout = () => request<{ end_session_url?: string } | undefined>('POST', `${v1}/auth/logout`);

export const listCategories = () => request<{ items: Category[] }>('GET', `${v1}/categories`);
export const listAreas = () => request<{ items: Area[] }>('GET', `${v1}/areas`);
// The wards' outlines as GeoJSON, simplified for `zoom` (empty until the boundaries are imported).
export const getWardShapes = (zoom: number) =>
  request<import('geojson').FeatureCollection>('GET', `${v1}/areas/shapes?zoom=${zoom}`);
export const locateArea = (lat: number, lon: number, signal?: AbortSignal) =>
  request<Area>('GET', `${v1}/areas/locate?lat=${lat}&lon=${lon}`, signal ? { signal } : {});
export const getClientConfig = () => request<ClientConfig>('GET', `${v1}/config`);

export function submitReport(report: NewReport, idempotencyKey: string) {
  return request<Report>('POST', `${v1}/reports`, {
    body: report,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function listMyReports(after?: string | null) {
  const query = new URLSearchParams({ mine: 'true' });
  if (after) query.set('after', after);
  return request<Page<Report>>('GET', `${v1}/reports?${query}`);
}

export function listFollowing(after?: string | null) {
  const query = new URLSearchParams({ following: 'true' });
  if (after) query.set('after', after);
  return request<Page<Report>>('GET', `${v1}/reports?${query}`);
}

export interface NearQuery {
  lat: number;
  lon: number;
  radiusM?: number;
  category?: string;
  kind?: 'report' | 'idea';
  limit?: number;
}

// Open public reports near a point, nearest first, each with `distance_m` (no paging).
export function listNearby(near: NearQuery, signal?: AbortSignal) {
  const query = new URLSearchParams({ near: `${near.lat},${near.lon}` });
  if (near.radiusM) query.set('radius_m', String(near.radiusM));
  if (near.category) query.set('category', near.category);
  if (near.kind) query.set('kind', near.kind);
  if (near.limit) query.set('limit', String(near.limit));
  return request<Page<Report>>('GET', `${v1}/reports?${query}`, signal ? { signal } : {});
}

export const followReport = (id: number) => request<void>('POST', `${v1}/reports/${id}/follow`);
export const unfollowReport = (id: number) => request<void>('DELETE', `${v1}/reports/${id}/follow`);

export const getReport = (id: number | string) => request<Report>('GET', `${v1}/reports/${encodeURIComponent(id)}`);
export const withdrawReport = (id: number, reason?: string) =>
  request<Report>('POST', `${v1}/reports/${id}/withdraw`, { body: reason ? { reason } : {} });
export const rateReport = (id: number, score: number, comment?: string) =>
  request<Report>('POST', `${v1}/reports/${id}/rating`, { body: comment ? { score, comment } : { score } });
export const reopenReport = (id: number, reason: string) =>
  request<Report>('POST', `${v1}/reports/${id}/reopen`, { body: { reason } });

export function uploadPhoto(file: Blob, filename: string, options: UploadOptions) {
  return upload<Media>(`${v1}/media`, 'file', file, filename, options);
}

export interface NewsQuery {
  q?: string;
  kind?: NewsKind | '';
  page?: number;
  perPage?: number;
}

// Published news, pinned first and then newest; `q` matches with or without accents.
export function listNews(query: NewsQuery = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.kind) params.set('kind', query.kind);
  if (query.page) params.set('page', String(query.page));
  if (query.perPage) params.set('per_page', String(query.perPage));
  return request<NewsPage>('GET', `${v1}/news?${params}`, signal ? { signal } : {});
}
export const getNews = (id: number | string) => request<NewsItem>('GET', `${v1}/news/${encodeURIComponent(id)}`);

export const getConsents = () => request<{ items: ConsentItem[] }>('GET', `${v1}/me/consents`);
export const putConsent = (purpose: ConsentPurpose, granted: boolean) =>
  request<{ items: ConsentItem[] }>('PUT', `${v1}/me/consents/${purpose}`, { body: { granted } });
export const exportUrl = `${v1}/me/export`;
export const listSessions = () => request<{ items: SessionInfo[] }>('GET', `${v1}/me/sessions`);
export const endSession = (id: string) => request<void>('DELETE', `${v1}/me/sessions/${encodeURIComponent(id)}`);
export const deleteAccount = () => request<DeletionResult>('DELETE', `${v1}/me`);

export interface StaffCredentials {
  username: string;
  password: string;
  code?: string;
  recovery_code?: string;
}
export const staffLogin = (credentials: StaffCredentials) =>
  request<SignedIn | TotpEnrolment>('POST', `${v1}/auth/staff/login`, { body: credentials });
export const confirmTotp = (ticket: string, code: string) =>
  request<SignedIn>('POST', `${v1}/auth/staff/totp/confirm`, { body: { ticket, code } });

// The procedure catalogue's endpoints (public) and the shapes they answer with; loaded with the
// services screens, not in the app's first load.
import { request } from '../../../shared/api/client';

export type Channel = 'in_person' | 'online' | 'post';
export type Level = 'ministry' | 'province' | 'district' | 'commune' | 'other';

export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  levels: Level[];
  agency: string;
  time_limit: string;
  fee: string;
  channels: Channel[];
  url: string;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface ProcedurePage {
  items: ProcedureSummary[];
  total: number;
  page: number;
  per_page: number;
  facets: { field: FacetValue[]; level: FacetValue[]; agency: FacetValue[] };
}

export interface Procedure {
  code: string;
  name: string;
  field: string;
  levels: Level[];
  kind: string;
  audience: string;
  competent_agency: string;
  performing_agency: string;
  agency: string;
  submit_at: string;
  channels: { channel: Channel; time_limit: string; fee: string; description: string }[];
  steps: string[];
  documents: { name: string; form: string; count: string; group: string }[];
  legal_basis: { name: string; code: string }[];
  conditions: string;
  result: string;
  keywords: string[];
  decision: string;
  source_url: string;
}

export interface ProcedureQuery {
  q: string;
  field: string;
  level: string;
  agency: string;
  page: number;
  perPage: number;
}

export function searchProcedures(query: ProcedureQuery): Promise<ProcedurePage> {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.field) params.set('field', query.field);
  if (query.level) params.set('level', query.level);
  if (query.agency) params.set('agency', query.agency);
  params.set('page', String(query.page));
  params.set('per_page', String(query.perPage));
  return request<ProcedurePage>('GET', `/api/v1/procedures?${params}`);
}

export function getProcedure(code: string): Promise<Procedure> {
  return request<Procedure>('GET', `/api/v1/procedures/${encodeURIComponent(code)}`);
}

// The map's endpoints (docs/MAP.md): public reports as clusters or points for a view, the layers
// of points of interest and their points. Public: no sign-in needed.
import { request } from '../api/client';

const v1 = '/api/v1';

export type PublicStatus = 'received' | 'assigned' | 'in_progress' | 'resolved' | 'closed';

export interface MapFilter {
  categories?: string[];
  statuses?: PublicStatus[];
  since?: string; // YYYY-MM-DD or RFC 3339
  until?: string;
}

// west, south, east, north in degrees
export type BBox = [number, number, number, number];

export interface MapCluster {
  lat: number;
  lon: number;
  count: number;
  statuses: Partial<Record<PublicStatus, number>>;
  cell: BBox;
}

export interface MapPoint {
  id: number;
  code: string;
  category: string;
  status: PublicStatus;
  lat: number;
  lon: number;
  approximate: boolean; // shown at the ward's centroid: anonymous or sensitive
  ward: string | null;
}

export type MapReports =
  | { mode: 'clusters'; zoom: number; cell_zoom: number; total: number; clusters: MapCluster[] }
  | { mode: 'points'; zoom: number; total: number; truncated: boolean; points: MapPoint[] };

export interface MapLayer {
  code: string;
  name: string;
  name_vi: string;
  name_en: string;
  icon: string;
  count: number;
}

export interface Poi {
  id: number;
  layer: string;
  name: string;
  lat: number;
  lon: number;
  address: string;
  properties: Record<string, string>;
  distance_m?: number;
}

function round(n: number): string {
  return String(Math.round(n * 1e5) / 1e5);
}

export function bboxParam(b: BBox): string {
  return b.map(round).join(',');
}

export function getMapReports(bbox: BBox, zoom: number, filter: MapFilter = {}, signal?: AbortSignal) {
  const q = new URLSearchParams({ bbox: bboxParam(bbox), zoom: String(Math.round(zoom)) });
  if (filter.categories?.length) q.set('category', filter.categories.join(','));
  if (filter.statuses?.length) q.set('status', filter.statuses.join(','));
  if (filter.since) q.set('since', filter.since);
  if (filter.until) q.set('until', filter.until);
  return request<MapReports>('GET', `${v1}/map/reports?${q}`, signal ? { signal } : {});
}

export const listMapLayers = () => request<{ items: MapLayer[] }>('GET', `${v1}/map/layers`);

export function listPois(layers: string[], bbox: BBox, signal?: AbortSignal) {
  const q = new URLSearchParams({ layer: layers.join(','), bbox: bboxParam(bbox), limit: '500' });
  return request<{ items: Poi[]; truncated: boolean }>('GET', `${v1}/map/pois?${q}`, signal ? { signal } : {});
}

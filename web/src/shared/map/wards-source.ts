// Where the map's wards layer comes from: the one place to change when ward shapes are served
// (GET /api/v1/areas/{code}/shape, simplified per zoom, from the boundaries import). Until then
// the layer is the wards' centroids from GET /api/v1/areas, drawn as named dots.
import { listAreas, type Area } from '../api';

export type WardLayerData = { kind: 'centroids'; wards: Area[] };

let cached: Promise<WardLayerData> | null = null;

export function loadWardLayer(): Promise<WardLayerData> {
  if (!cached) {
    cached = listAreas().then(
      (a) => ({ kind: 'centroids', wards: a.items }),
      (error: unknown) => {
        cached = null; // ask again next time
        throw error;
      },
    );
  }
  return cached;
}

// Where the map's wards layer comes from: the wards' names at their centres (GET /api/v1/areas) and,
// once the city's ward boundaries are imported, their outlines (GET /api/v1/areas/shapes, simplified
// for city-scale zooms: one request of about 200 KB, cached by the browser for an hour). Without
// boundaries the layer is the named centres alone.
import type { FeatureCollection } from 'geojson';
import { getWardShapes, listAreas, type Area } from '../api';

export type WardLayerData = { wards: Area[]; shapes: FeatureCollection | null };

// The zoom the outlines are simplified for: one screen pixel at zoom 11 is about 76 m.
const shapesZoom = 11;

let cached: Promise<WardLayerData> | null = null;

export function loadWardLayer(): Promise<WardLayerData> {
  if (!cached) {
    const shapes = getWardShapes(shapesZoom).then(
      (c) => (c.features.length > 0 ? c : null),
      () => null, // no boundaries imported, or offline: the centres still orient
    );
    cached = Promise.all([listAreas(), shapes]).then(
      ([a, s]) => ({ wards: a.items, shapes: s }),
      (error: unknown) => {
        cached = null; // ask again next time
        throw error;
      },
    );
  }
  return cached;
}

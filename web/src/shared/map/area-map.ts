// A hot alert's area on the map (issue 6): the drawn polygon or circle and the targeted wards'
// centres, on the same Leaflet map as the reports' (./leaflet-map.ts, this chunk loaded only by
// the screens that show an area). The citizen's alert page shows it; the staff console's draft
// form also draws with it (each click on the map is handed to `onClick`).
import { circle as leafletCircle, circleMarker, latLngBounds, layerGroup, polygon as leafletPolygon, polyline, type LatLngBounds } from 'leaflet';
import type { Area } from '../api';
import { createMap, type Point } from './leaflet-map';

export interface AreaShapes {
  city: boolean;
  wards: Area[]; // the targeted wards: a red dot at each centre, always named
  polygon: [number, number][] | null; // [lat, lon] corners, not closed
  circle: { lat: number; lon: number; radius_km: number } | null;
}

export interface AreaMapOptions {
  container: HTMLElement;
  tilesUrl: string;
  attribution: string;
  labels: { zoomIn: string; zoomOut: string; pin: string };
  background: Area[]; // every ward's centre, grey, for orientation
  onClick?: (point: Point) => void; // drawing: the point clicked
}

export interface AreaMapHandle {
  show(shapes: AreaShapes, options?: { fit?: boolean }): void;
  destroy(): void;
}

const red = '#b3001b';

export function createAreaMap(options: AreaMapOptions): AreaMapHandle {
  const handle = createMap({
    container: options.container,
    tilesUrl: options.tilesUrl,
    attribution: options.attribution,
    pin: null,
    editable: false,
    wards: options.background,
    labels: options.labels,
  });
  const map = handle.map;
  const layer = layerGroup().addTo(map);
  if (options.onClick) {
    const onClick = options.onClick;
    options.container.classList.add('map-drawing');
    map.on('click', (event) => onClick({ lat: round(event.latlng.lat), lon: round(event.latlng.lng) }));
  }

  const show = (shapes: AreaShapes, { fit = true }: { fit?: boolean } = {}) => {
    layer.clearLayers();
    let bounds: LatLngBounds | null = null;
    const extend = (b: LatLngBounds) => {
      bounds = bounds ? bounds.extend(b) : latLngBounds(b.getSouthWest(), b.getNorthEast());
    };
    for (const ward of shapes.wards) {
      const at: [number, number] = [ward.centroid.lat, ward.centroid.lon];
      circleMarker(at, { radius: 7, color: '#ffffff', weight: 2, fillColor: red, fillOpacity: 1, interactive: false })
        .bindTooltip(ward.name, { permanent: true, direction: 'top', className: 'ward-label alert-ward-label', offset: [0, -6] })
        .addTo(layer);
      extend(latLngBounds(at, at));
    }
    const corners = shapes.polygon ?? [];
    if (corners.length >= 3) {
      const shape = leafletPolygon(corners, { color: red, weight: 3, fillColor: red, fillOpacity: 0.15, interactive: false }).addTo(layer);
      extend(shape.getBounds());
    } else if (corners.length === 2) {
      polyline(corners, { color: red, weight: 3, dashArray: '6 6', interactive: false }).addTo(layer);
    }
    // The corners while drawing, so that the next click's place is clear.
    if (options.onClick) {
      for (const corner of corners) circleMarker(corner, { radius: 5, color: red, weight: 2, fillColor: '#ffffff', fillOpacity: 1, interactive: false }).addTo(layer);
      if (corners.length > 0 && corners.length < 3) extend(latLngBounds(corners));
    }
    if (shapes.circle && shapes.circle.radius_km > 0) {
      const c = shapes.circle;
      const shape = leafletCircle([c.lat, c.lon], { radius: c.radius_km * 1000, color: red, weight: 3, fillColor: red, fillOpacity: 0.15, interactive: false }).addTo(layer);
      extend(shape.getBounds());
    } else if (shapes.circle) {
      const at: [number, number] = [shapes.circle.lat, shapes.circle.lon];
      circleMarker(at, { radius: 5, color: red, weight: 2, fillColor: '#ffffff', fillOpacity: 1, interactive: false }).addTo(layer);
    }
    if (!fit) return;
    const found = bounds as LatLngBounds | null;
    if (found && !shapes.city) map.fitBounds(found.pad(0.25), { maxZoom: 14 });
    else map.setView([10.7769, 106.7009], shapes.city ? 9 : 11);
  };

  return {
    show,
    destroy: () => handle.destroy(),
  };
}

// Five decimals: about a metre, plenty for an alert's area.
function round(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}

// The map itself, with Leaflet: loaded only when a screen shows a map (import() from the citizen
// app's MapView and the staff console's ReportMap), so that neither app's first load grows.
//
// The base map's tiles come from the server's configuration (GET /api/v1/config map_tiles_url).
// Without a tile URL, which is how this server runs by default, nothing is fetched from anywhere:
// the map draws a plain background, the wards' centres (with their names once zoomed in) for
// orientation, and the pin.
import { circleMarker, control, divIcon, geoJSON, latLngBounds, map as leafletMap, marker, tileLayer, type GeoJSON as LGeoJSON, type Map as LMap, type Marker } from 'leaflet';
import type { FeatureCollection } from 'geojson';
import 'leaflet/dist/leaflet.css';
import './map.css';
import type { Area } from '../api';

export interface Point {
  lat: number;
  lon: number;
}

export interface MapOptions {
  container: HTMLElement;
  tilesUrl: string;
  attribution: string;
  pin: Point | null;
  editable: boolean; // a tap puts the pin there; the pin can be dragged
  wards: Area[];
  labels: { zoomIn: string; zoomOut: string; pin: string };
  onPick?: (point: Point) => void;
}

export interface MapHandle {
  map: LMap; // the Leaflet map itself, for screens that draw more on it (./area-map.ts)
  setPin(point: Point | null, options?: { pan?: boolean }): void;
  setWards(wards: Area[]): void;
  // The wards' outlines (GET /api/v1/areas/shapes); null removes them.
  setWardShapes(shapes: FeatureCollection | null): void;
  destroy(): void;
}

// The city's centre (Phường Sài Gòn) and the box the map may show (all 168 units, Côn Đảo too).
const cityCentre: [number, number] = [10.7769, 106.7009];
const cityBox = latLngBounds([8.3, 105.9], [11.8, 107.8]);
// Ward names appear from this zoom on; below it they would cover each other.
const labelZoom = 13;
const pinZoom = 14; // close enough to place a pin, far enough to see the nearest wards

const pinIcon = divIcon({
  className: 'map-pin',
  html:
    '<svg viewBox="0 0 24 32" width="32" height="42" aria-hidden="true" focusable="false">' +
    '<path d="M12 1C6 1 1.5 5.4 1.5 11.2 1.5 19 12 31 12 31s10.5-12 10.5-19.8C22.5 5.4 18 1 12 1z"/>' +
    '<circle cx="12" cy="11" r="4"/></svg>',
  iconSize: [32, 42],
  iconAnchor: [16, 41],
});

export function createMap(options: MapOptions): MapHandle {
  const { container } = options;
  const withTiles = options.tilesUrl !== '';
  container.classList.toggle('map-plain', !withTiles);
  const map: LMap = leafletMap(container, {
    center: options.pin ? [options.pin.lat, options.pin.lon] : cityCentre,
    zoom: options.pin ? pinZoom : 11,
    minZoom: 8,
    maxZoom: 19,
    maxBounds: cityBox,
    maxBoundsViscosity: 0.8,
    zoomControl: false,
    attributionControl: false,
  });
  control.zoom({ zoomInTitle: options.labels.zoomIn, zoomOutTitle: options.labels.zoomOut }).addTo(map);
  if (withTiles) {
    tileLayer(options.tilesUrl, { maxZoom: 19, attribution: options.attribution }).addTo(map);
    control.attribution({ prefix: 'Leaflet' }).addTo(map);
  }

  // The wards' centres: small dots, named once zoomed in (a CSS class on the container).
  let wardLayer: ReturnType<typeof circleMarker>[] = [];
  const setWards = (wards: Area[]) => {
    wardLayer.forEach((m) => m.remove());
    wardLayer = wards.map((w) =>
      circleMarker([w.centroid.lat, w.centroid.lon], {
        radius: 3,
        color: '#5c5c5c',
        weight: 1,
        fillColor: '#5c5c5c',
        fillOpacity: 0.7,
        interactive: false,
      })
        .bindTooltip(w.name, { permanent: true, direction: 'top', className: 'ward-label', offset: [0, -4] })
        .addTo(map),
    );
  };
  let shapeLayer: LGeoJSON | null = null;
  const setWardShapes = (shapes: FeatureCollection | null) => {
    shapeLayer?.remove();
    shapeLayer = shapes
      ? geoJSON(shapes, { style: { color: '#5c5c5c', weight: 1, opacity: 0.8, fill: false }, interactive: false }).addTo(map)
      : null;
  };
  const showLabels = () => container.classList.toggle('map-labels', map.getZoom() >= labelZoom);
  map.on('zoomend', showLabels);
  showLabels();
  setWards(options.wards);

  let pin: Marker | null = null;
  const pick = (lat: number, lon: number) => options.onPick?.({ lat: round(lat), lon: round(lon) });
  const setPin = (point: Point | null, { pan = true }: { pan?: boolean } = {}) => {
    if (!point) {
      pin?.remove();
      pin = null;
      return;
    }
    if (!pin) {
      // Not a keyboard stop: the coordinate fields beside the map are the keyboard's way to move it.
      pin = marker([point.lat, point.lon], { icon: pinIcon, draggable: options.editable, keyboard: false, title: options.labels.pin, autoPan: true });
      pin.on('dragend', () => {
        const at = pin?.getLatLng();
        if (at) pick(at.lat, at.lng);
      });
      pin.addTo(map);
    } else {
      pin.setLatLng([point.lat, point.lon]);
    }
    if (pan) map.setView([point.lat, point.lon], Math.max(map.getZoom(), pinZoom));
  };
  if (options.editable) {
    map.on('click', (event) => {
      setPin({ lat: event.latlng.lat, lon: event.latlng.lng }, { pan: false });
      pick(event.latlng.lat, event.latlng.lng);
    });
  }
  setPin(options.pin, { pan: false });
  // The container may have been sized after Leaflet measured it (fonts, a late layout).
  requestAnimationFrame(() => map.invalidateSize());

  return {
    map,
    setPin,
    setWards,
    setWardShapes,
    destroy: () => map.remove(),
  };
}

// Six decimals: about 10 cm, more than any phone knows.
function round(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}

// The city map's layers over the shared Leaflet map (./leaflet-map.ts): public reports as clusters
// with counts that split as one zooms in, then as points; the wards; points of interest by layer.
// Each layer asks the server for what the view shows whenever the view settles (docs/MAP.md).
// Loaded with Leaflet, only by screens that show this map (the citizen map, the staff console's).
import { divIcon, latLngBounds, layerGroup, marker, type LayerGroup, type LeafletKeyboardEvent, type Marker } from 'leaflet';
import { createMap, type MapHandle } from './leaflet-map';
import { getMapReports, listPois, type BBox, type MapFilter, type MapPoint, type MapReports, type Poi } from './api';
import { loadWardLayer } from './wards-source';

export interface CityMapLabels {
  zoomIn: string;
  zoomOut: string;
  pin: string;
  cluster: (count: number) => string; // a cluster marker's name: "12 reports here, zoom in"
  point: (p: MapPoint) => string; // a report marker's name
  approximate: string; // said in a report's popup when it is shown at its ward's centre
  open: string; // the popup's link to the report
  poi: (p: Poi) => string;
}

export interface CityMapOptions {
  container: HTMLElement;
  tilesUrl: string;
  attribution: string;
  labels: CityMapLabels;
  reportLink: (p: MapPoint) => string;
  onReports?: (answer: MapReports | null, error: unknown) => void; // after each answer
  onPois?: (pois: Poi[]) => void;
}

export interface CityMapHandle {
  map: MapHandle['map'];
  setFilter(filter: MapFilter): void;
  showReports(on: boolean): void;
  showWards(on: boolean): void;
  setPoiLayers(codes: string[]): void;
  destroy(): void;
}

const settleMs = 150;

// A marker that is a keyboard stop does on Enter or Space what it does on a click (Leaflet gives
// it the focus and the role, not the key).
function onActivate(m: Marker, act: () => void): void {
  m.on('click', act);
  m.on('keypress', (e) => {
    const key = (e as LeafletKeyboardEvent).originalEvent.key;
    if (key === 'Enter' || key === ' ') {
      (e as LeafletKeyboardEvent).originalEvent.preventDefault();
      act();
    }
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function createCityMap(options: CityMapOptions): CityMapHandle {
  const handle = createMap({
    container: options.container,
    tilesUrl: options.tilesUrl,
    attribution: options.attribution,
    pin: null,
    editable: false,
    wards: [],
    labels: { zoomIn: options.labels.zoomIn, zoomOut: options.labels.zoomOut, pin: options.labels.pin },
  });
  const map = handle.map;
  const reports: LayerGroup = layerGroup().addTo(map);
  const pois: LayerGroup = layerGroup().addTo(map);
  let filter: MapFilter = {};
  let reportsOn = true;
  let poiLayers: string[] = [];
  let reportsAbort: AbortController | null = null;
  let poisAbort: AbortController | null = null;
  let timer: number | undefined;
  let destroyed = false;

  const bbox = (): BBox => {
    const b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  };

  function drawReports(answer: MapReports) {
    reports.clearLayers();
    if (answer.mode === 'clusters') {
      for (const c of answer.clusters) {
        const size = c.count < 10 ? 32 : c.count < 100 ? 38 : c.count < 1000 ? 44 : 52;
        const m = marker([c.lat, c.lon], {
          icon: divIcon({
            className: 'map-cluster',
            html: `<span>${c.count}</span>`,
            iconSize: [size, size],
          }),
          title: options.labels.cluster(c.count),
          alt: options.labels.cluster(c.count),
          keyboard: true,
          riseOnHover: true,
        });
        // A cluster opens into its cell: the counts split into smaller clusters, then points.
        onActivate(m, () => map.fitBounds(latLngBounds([c.cell[1], c.cell[0]], [c.cell[3], c.cell[2]])));
        m.addTo(reports);
      }
    } else {
      for (const p of answer.points) {
        const m = marker([p.lat, p.lon], {
          icon: divIcon({
            className: `map-report status-${p.status}${p.approximate ? ' approximate' : ''}`,
            html: '<span></span>',
            iconSize: [22, 22],
          }),
          title: options.labels.point(p),
          alt: options.labels.point(p),
          keyboard: true,
        });
        const note = p.approximate ? `<br><small>${escapeHtml(options.labels.approximate)}</small>` : '';
        m.bindPopup(
          `<strong>${escapeHtml(options.labels.point(p))}</strong>${note}<br>` +
            `<a href="${escapeHtml(options.reportLink(p))}">${escapeHtml(options.labels.open)}</a>`,
        );
        m.on('keypress', (e) => {
          const key = (e as LeafletKeyboardEvent).originalEvent.key;
          if (key === 'Enter' || key === ' ') m.openPopup();
        });
        m.addTo(reports);
      }
    }
  }

  async function refreshReports() {
    reportsAbort?.abort();
    if (!reportsOn) {
      reports.clearLayers();
      options.onReports?.(null, null);
      return;
    }
    const abort = new AbortController();
    reportsAbort = abort;
    try {
      const answer = await getMapReports(bbox(), map.getZoom(), filter, abort.signal);
      if (abort.signal.aborted || destroyed) return;
      drawReports(answer);
      options.onReports?.(answer, null);
    } catch (error) {
      if (!abort.signal.aborted && !destroyed) options.onReports?.(null, error);
    }
  }

  async function refreshPois() {
    poisAbort?.abort();
    if (poiLayers.length === 0) {
      pois.clearLayers();
      options.onPois?.([]);
      return;
    }
    const abort = new AbortController();
    poisAbort = abort;
    try {
      const answer = await listPois(poiLayers, bbox(), abort.signal);
      if (abort.signal.aborted || destroyed) return;
      pois.clearLayers();
      for (const p of answer.items) {
        const m = marker([p.lat, p.lon], {
          icon: divIcon({ className: `map-poi layer-${p.layer}`, html: '<span></span>', iconSize: [24, 24] }),
          title: options.labels.poi(p),
          alt: options.labels.poi(p),
          keyboard: true,
        });
        m.bindPopup(`<strong>${escapeHtml(p.name)}</strong>${p.address ? `<br>${escapeHtml(p.address)}` : ''}`);
        m.addTo(pois);
      }
      options.onPois?.(answer.items);
    } catch {
      // Offline or refused: the layer stays as it was; the next move asks again.
    }
  }

  const refresh = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      void refreshReports();
      void refreshPois();
    }, settleMs);
  };
  map.on('moveend', refresh);
  refresh();

  return {
    map,
    setFilter(next) {
      filter = next;
      void refreshReports();
    },
    showReports(on) {
      reportsOn = on;
      void refreshReports();
    },
    showWards(on) {
      if (!on) {
        handle.setWards([]);
        handle.setWardShapes(null);
        return;
      }
      loadWardLayer().then(
        (data) => {
          if (destroyed) return;
          handle.setWards(data.wards);
          handle.setWardShapes(data.shapes);
        },
        () => undefined, // offline: no wards this time
      );
    },
    setPoiLayers(codes) {
      poiLayers = codes;
      void refreshPois();
    },
    destroy() {
      destroyed = true;
      window.clearTimeout(timer);
      reportsAbort?.abort();
      poisAbort?.abort();
      handle.destroy();
    },
  };
}

// Where a report is: a read-only map with the report's point, the same Leaflet map as the citizen
// app's (web/src/shared/map/leaflet-map.ts, its own chunk, loaded only when a detail shows a
// point, so the console's first load does not grow). The base-map tile URL is configuration
// (GET /api/v1/config map_tiles_url); without one nothing is fetched from anywhere and the map
// shows a plain background, the pin and the wards' centres. The coordinates and the ward stay
// written out beside it, for screen readers and for when the map cannot load.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getClientConfig } from '../../shared/api';
import type { StaffReport } from '../../shared/api/staff';
import type { MapHandle } from '../../shared/map/leaflet-map';
import { t } from '../i18n';
import { loadReference } from '../reference';

type LoadState = 'loading' | 'ready' | 'failed';
interface Tiles {
  url: string;
  attribution: string;
}

export function ReportMap({ report }: { report: StaffReport }) {
  const location = report.location;
  const point = location && location.lat !== null && location.lon !== null ? { lat: location.lat, lon: location.lon } : null;
  const ward = report.ward ? report.ward.name ?? report.ward.code : t('detail.ward_unknown');
  const textId = `map-text-${report.code}`;
  return (
    <div class="map-block">
      {point ? <PointMap lat={point.lat} lon={point.lon} label={t('detail.map_label', { code: report.code })} describedBy={textId} /> : null}
      <p id={textId}>
        {point ? (
          <>
            {t('detail.coordinates')}: <span class="mono">{point.lat}, {point.lon}</span>
          </>
        ) : (
          t('detail.no_point')
        )}
        <br />
        {t('report.ward')}: {ward}
      </p>
    </div>
  );
}

function PointMap({ lat, lon, label, describedBy }: { lat: number; lon: number; label: string; describedBy: string }) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | null>(null);
  const [tiles, setTiles] = useState<Tiles | null>(null);
  const [state, setState] = useState<LoadState>('loading');

  useEffect(() => {
    let live = true;
    getClientConfig().then(
      (c) => live && setTiles({ url: c.map_tiles_url, attribution: c.map_attribution }),
      () => live && setTiles({ url: '', attribution: '' }), // no configuration: no tiles, still the pin
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!tiles) return;
    let cancelled = false;
    setState('loading');
    import('../../shared/map/leaflet-map').then(
      ({ createMap }) => {
        if (cancelled || !container.current) return;
        handle.current = createMap({
          container: container.current,
          tilesUrl: tiles.url,
          attribution: tiles.attribution,
          pin: { lat, lon },
          editable: false,
          wards: [],
          labels: { zoomIn: t('map.zoom_in'), zoomOut: t('map.zoom_out'), pin: t('detail.map_pin') },
        });
        setState('ready');
        loadReference().then(
          (r) => !cancelled && handle.current?.setWards(r.areas),
          () => undefined, // the pin is enough
        );
      },
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [tiles]);

  useEffect(() => {
    handle.current?.setPin({ lat, lon });
  }, [lat, lon, state]);

  return (
    <>
      <div
        ref={container}
        class="map"
        hidden={state === 'failed'}
        role="region"
        aria-label={label}
        aria-describedby={describedBy}
      />
      {state === 'loading' && (
        <p class="map-note" role="status">
          {t('map.loading')}
        </p>
      )}
      {state === 'failed' && <p class="map-note">{t('detail.map_unavailable')}</p>}
      {state === 'ready' && tiles && !tiles.url && <p class="map-note">{t('map.no_tiles')}</p>}
    </>
  );
}

// A map on a screen: loads Leaflet on first use (shared/map/leaflet-map.ts, a chunk of its own), then shows
// the pin at `point`. Editable, a tap or a drag of the pin calls `onPick`. The coordinates are
// always also written beside it, and the screen's fields stay the way to set them by keyboard.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { useClientConfig, loadWards } from '../reference';
import type { MapHandle, Point } from '../../shared/map/leaflet-map';

interface Props {
  point: Point | null;
  editable?: boolean;
  onPick?: (point: Point) => void;
  label: string; // names the map region for screen readers
  describedBy?: string;
}

type LoadState = 'loading' | 'ready' | 'failed';

export function MapView({ point, editable = false, onPick, label, describedBy }: Props) {
  const config = useClientConfig();
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const latest = useRef(point);
  latest.current = point;
  const [state, setState] = useState<LoadState>('loading');

  // (Re)built when the tile configuration arrives; everything else is passed to the live map.
  useEffect(() => {
    let cancelled = false;
    setState('loading');
    import('../../shared/map/leaflet-map').then(
      ({ createMap }) => {
        if (cancelled || !container.current) return;
        handle.current = createMap({
          container: container.current,
          tilesUrl: config.map_tiles_url,
          attribution: config.map_attribution,
          pin: latest.current,
          editable,
          wards: [],
          labels: { zoomIn: t('map.zoom_in'), zoomOut: t('map.zoom_out'), pin: t('map.pin') },
          onPick: (p) => pick.current?.(p),
        });
        setState('ready');
        loadWards().then(
          (wards) => !cancelled && handle.current?.setWards(wards),
          () => undefined, // no wards offline on a first visit: the pin is enough
        );
      },
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [config.map_tiles_url, config.map_attribution, editable]);

  const lat = point?.lat;
  const lon = point?.lon;
  useEffect(() => {
    handle.current?.setPin(lat !== undefined && lon !== undefined ? { lat, lon } : null);
  }, [lat, lon, state]);

  return (
    <div class="map-block">
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
      {state === 'failed' && <p class="map-note">{t('map.unavailable')}</p>}
      {state === 'ready' && !config.map_tiles_url && <p class="map-note">{t('map.no_tiles')}</p>}
    </div>
  );
}

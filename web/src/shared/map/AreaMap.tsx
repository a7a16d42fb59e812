// A hot alert's area as a map region on a screen: loads Leaflet and ./area-map.ts on first use
// (a chunk of their own), shows `shapes`, and, when drawing, hands clicks to `onClick`. The
// screen writes the area out in words too (the map is not the only way to read or set it).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Area } from '../api';
import { t } from '../i18n';
import type { AreaMapHandle, AreaShapes } from './area-map';
import type { Point } from './leaflet-map';

interface Props {
  tiles: { url: string; attribution: string } | null; // null: the configuration is not known yet
  background: Area[];
  shapes: AreaShapes;
  label: string; // names the map region for screen readers
  describedBy?: string;
  onClick?: (point: Point) => void;
  fitOnChange?: boolean; // re-frame the map to the area whenever it changes (not while drawing)
  unavailable: string; // said when the map's code cannot be loaded (offline)
}

type LoadState = 'loading' | 'ready' | 'failed';

export function AreaMap({ tiles, background, shapes, label, describedBy, onClick, fitOnChange = true, unavailable }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<AreaMapHandle | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const latest = useRef(shapes);
  latest.current = shapes;
  const [state, setState] = useState<LoadState>('loading');
  const drawing = onClick !== undefined;

  useEffect(() => {
    if (!tiles) return;
    let cancelled = false;
    setState('loading');
    import('./area-map').then(
      ({ createAreaMap }) => {
        if (cancelled || !container.current) return;
        handle.current = createAreaMap({
          container: container.current,
          tilesUrl: tiles.url,
          attribution: tiles.attribution,
          labels: { zoomIn: t('map.zoom_in'), zoomOut: t('map.zoom_out'), pin: t('map.pin') },
          background,
          ...(drawing ? { onClick: (p: Point) => click.current?.(p) } : {}),
        });
        handle.current.show(latest.current);
        setState('ready');
      },
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [tiles?.url, tiles?.attribution, background.length, drawing]);

  const key = JSON.stringify(shapes, (k, v: unknown) => (k === 'wards' ? (v as Area[]).map((w) => w.code) : v));
  const first = useRef(true);
  useEffect(() => {
    if (state !== 'ready') return;
    handle.current?.show(shapes, { fit: fitOnChange || first.current });
    first.current = false;
  }, [key, state]);

  return (
    <div class="map-block">
      <div ref={container} class="map" hidden={state === 'failed'} role="region" aria-label={label} aria-describedby={describedBy} />
      {state === 'loading' && (
        <p class="map-note" role="status">
          {t('map.loading')}
        </p>
      )}
      {state === 'failed' && <p class="map-note">{unavailable}</p>}
      {state === 'ready' && tiles && !tiles.url && <p class="map-note">{t('map.no_tiles')}</p>}
    </div>
  );
}

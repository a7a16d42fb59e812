// The city map with its controls, shared by the citizen app's map screen and the staff console's
// map of reports: layer toggles (public reports, wards, each layer of points of interest), report
// filters, the map region, and what the view holds written out (for screen readers, and for when
// the map cannot load). Leaflet and ./city-map.ts load on first use, a chunk of their own.
import { useEffect, useRef, useState } from 'preact/hooks';
import { listMapLayers, type MapFilter, type MapLayer, type MapPoint, type MapReports, type Poi, type PublicStatus } from './api';
import type { CityMapHandle } from './city-map';
import { mt } from './strings';
import './city-map-panel.css';
import { t } from '../i18n';

export interface CategoryName {
  code: string;
  name: string;
}

interface Props {
  tiles: { url: string; attribution: string } | null; // null: the configuration is not known yet
  categories: CategoryName[];
  reportLink: (p: MapPoint) => string;
  withDates?: boolean; // the staff console filters by dates too
}

const statuses: PublicStatus[] = ['received', 'assigned', 'in_progress', 'resolved', 'closed'];
type LoadState = 'loading' | 'ready' | 'failed';

export function CityMapPanel({ tiles, categories, reportLink, withDates = false }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<CityMapHandle | null>(null);
  const [state, setState] = useState<LoadState>('loading');
  const [layers, setLayers] = useState<MapLayer[]>([]);
  const [reportsOn, setReportsOn] = useState(true);
  const [wardsOn, setWardsOn] = useState(false);
  const [poiOn, setPoiOn] = useState<string[]>([]);
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [answer, setAnswer] = useState<MapReports | null>(null);
  const [failed, setFailed] = useState(false);
  const [pois, setPois] = useState<Poi[]>([]);
  const names = useRef(new Map<string, string>());
  names.current = new Map(categories.map((c) => [c.code, c.name]));
  const link = useRef(reportLink);
  link.current = reportLink;

  useEffect(() => {
    listMapLayers().then(
      (l) => setLayers(l.items),
      () => undefined, // no layers offline: reports and wards still show
    );
  }, []);

  useEffect(() => {
    if (!tiles) return;
    let cancelled = false;
    setState('loading');
    import('./city-map').then(
      ({ createCityMap }) => {
        if (cancelled || !container.current) return;
        handle.current = createCityMap({
          container: container.current,
          tilesUrl: tiles.url,
          attribution: tiles.attribution,
          labels: {
            zoomIn: t('map.zoom_in'),
            zoomOut: t('map.zoom_out'),
            pin: t('map.pin'),
            cluster: (n) => mt('cluster', { n }),
            point: (p) => pointName(p, names.current),
            approximate: mt('approximate'),
            open: mt('open'),
            poi: (p) => p.name,
          },
          reportLink: (p) => link.current(p),
          onReports: (a, error) => {
            setAnswer(a);
            setFailed(error !== null && error !== undefined);
          },
          onPois: setPois,
        });
        setState('ready');
      },
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [tiles?.url, tiles?.attribution]);

  useEffect(() => {
    const filter: MapFilter = {};
    if (category) filter.categories = [category];
    if (status) filter.statuses = [status as PublicStatus];
    if (since) filter.since = since;
    if (until) filter.until = until;
    handle.current?.setFilter(filter);
  }, [category, status, since, until, state]);
  useEffect(() => handle.current?.showReports(reportsOn), [reportsOn, state]);
  useEffect(() => handle.current?.showWards(wardsOn), [wardsOn, state]);
  useEffect(() => handle.current?.setPoiLayers(poiOn), [poiOn.join(','), state]);

  const togglePoi = (code: string, on: boolean) =>
    setPoiOn((current) => (on ? [...current.filter((c) => c !== code), code] : current.filter((c) => c !== code)));

  return (
    <div class="city-map">
      <fieldset class="map-layers">
        <legend>{mt('layers')}</legend>
        <label class="check">
          <input type="checkbox" checked={reportsOn} onChange={(e) => setReportsOn((e.currentTarget as HTMLInputElement).checked)} />{' '}
          {mt('layer.reports')}
        </label>
        <label class="check">
          <input type="checkbox" checked={wardsOn} onChange={(e) => setWardsOn((e.currentTarget as HTMLInputElement).checked)} />{' '}
          {mt('layer.wards')}
        </label>
        {layers.map((l) => (
          <label class="check" key={l.code}>
            <input
              type="checkbox"
              checked={poiOn.includes(l.code)}
              onChange={(e) => togglePoi(l.code, (e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {mt('layer.count', { name: l.name, n: l.count })}
          </label>
        ))}
      </fieldset>
      <fieldset class="map-filters">
        <legend>{mt('filters')}</legend>
        <div class="field">
          <label for="map-category">{mt('filter.category')}</label>
          <select id="map-category" value={category} onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{mt('filter.any')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="map-status">{mt('filter.status')}</label>
          <select id="map-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{mt('filter.any')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {mt(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {withDates && (
          <>
            <div class="field">
              <label for="map-since">{mt('filter.since')}</label>
              <input id="map-since" type="date" value={since} onChange={(e) => setSince((e.currentTarget as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="map-until">{mt('filter.until')}</label>
              <input id="map-until" type="date" value={until} onChange={(e) => setUntil((e.currentTarget as HTMLInputElement).value)} />
            </div>
          </>
        )}
      </fieldset>
      <div class="map-block">
        <div ref={container} class="map map-city" hidden={state === 'failed'} role="region" aria-label={mt('map_label')} aria-describedby="map-summary" />
        {state === 'loading' && (
          <p class="map-note" role="status">
            {t('map.loading')}
          </p>
        )}
        {state === 'failed' && <p class="map-note">{t('map.unavailable')}</p>}
      </div>
      <p id="map-summary" role="status" class="map-summary">
        {failed ? mt('error') : summary(answer, reportsOn)}
      </p>
      {pois.length > 0 && (
        <section aria-label={mt('pois_list')}>
          <p>{mt('pois_found', { n: pois.length })}</p>
          <ul class="poi-list">
            {pois.slice(0, 50).map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>
                {p.address ? ` · ${p.address}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="hint">{mt('privacy')}</p>
    </div>
  );
}

function pointName(p: MapPoint, names: Map<string, string>): string {
  return mt('point', { code: p.code, category: names.get(p.category) ?? p.category, status: mt(`status.${p.status}`) });
}

function summary(answer: MapReports | null, on: boolean): string {
  if (!on) return mt('summary_off');
  if (!answer) return '';
  if (answer.mode === 'clusters') return mt('summary_clusters', { total: answer.total, n: answer.clusters.length });
  return mt('summary_points', { total: answer.total }) + (answer.truncated ? ' ' + mt('summary_truncated') : '');
}

// The area of an alert draft: the whole city; or wards picked from a searchable list (accents
// optional); and/or a polygon drawn by clicking its corners on the map (undo, clear), or a circle
// (click the centre, type the radius). Every map action also has fields, so the keyboard can do
// it all: the corners are a text of "lat, lon" lines, the circle three numbers.
import { useMemo, useState } from 'preact/hooks';
import type { Area } from '../../shared/api';
import { aw } from '../../shared/alerts/words';
import { AreaMap } from '../../shared/map/AreaMap';
import { describedBy, FieldError } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { localName } from '../reference';
import { st } from './strings';

export type Shape = 'none' | 'polygon' | 'circle';

export interface AreaDraft {
  city: boolean;
  wards: string[];
  shape: Shape;
  points: string; // one "lat, lon" a line
  circleLat: string;
  circleLon: string;
  radius: string; // km
}

interface Props {
  value: AreaDraft;
  onChange: (next: AreaDraft) => void;
  wards: Area[];
  tiles: { url: string; attribution: string } | null;
  errors: { area?: string | undefined; wards?: string | undefined; polygon?: string | undefined; circle?: string | undefined; radius?: string | undefined };
}

// "Phường Bến Thành" and "ben thanh" alike: no accents, đ as d, lower case.
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

// The corners typed or clicked: [lat, lon] pairs, and the first line that is not one.
export function parsePoints(text: string): { points: [number, number][]; badLine: number | null } {
  const points: [number, number][] = [];
  let badLine: number | null = null;
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const parts = line.split(/[,;\s]+/).filter(Boolean).map(Number);
    const [lat, lon] = parts;
    if (parts.length !== 2 || lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      if (badLine === null) badLine = index + 1;
      return;
    }
    points.push([lat, lon]);
  });
  return { points, badLine };
}

const number = (text: string) => (text.trim() === '' ? NaN : Number(text.replace(',', '.')));

export function AreaPicker({ value, onChange, wards, tiles, errors }: Props) {
  const set = (change: Partial<AreaDraft>) => onChange({ ...value, ...change });
  const [search, setSearch] = useState('');
  const byCode = useMemo(() => new Map(wards.map((w) => [w.code, w])), [wards]);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator('vi');
    return [...wards].sort((a, b) => collator.compare(localName(a), localName(b)));
  }, [wards]);
  const wanted = fold(search.trim());
  const matches = wanted ? sorted.filter((w) => fold(localName(w)).includes(wanted) || w.code.startsWith(wanted)) : sorted;

  const { points, badLine } = parsePoints(value.points);
  const lat = number(value.circleLat);
  const lon = number(value.circleLon);
  const radius = number(value.radius);
  const circle = value.shape === 'circle' && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon, radius_km: Number.isFinite(radius) ? radius : 0 } : null;
  const chosen = value.wards.map((code) => byCode.get(code)).filter((w): w is Area => !!w);

  function toggle(code: string, on: boolean) {
    set({ wards: on ? [...value.wards.filter((c) => c !== code), code] : value.wards.filter((c) => c !== code) });
  }

  function clicked(point: { lat: number; lon: number }) {
    if (value.shape === 'polygon') {
      const text = value.points.replace(/\s+$/, '');
      set({ points: (text ? text + '\n' : '') + `${point.lat}, ${point.lon}` });
    } else if (value.shape === 'circle') {
      set({ circleLat: String(point.lat), circleLon: String(point.lon), radius: value.radius || '2' });
    }
  }

  function undo() {
    const lines = value.points.split('\n').filter((l) => l.trim());
    lines.pop();
    set({ points: lines.join('\n') });
  }

  return (
    <fieldset class="area-picker" aria-describedby={describedBy('area-hint', errors.area && 'area-error')}>
      <legend>{st('form.area')}</legend>
      <p class="hint" id="area-hint">
        {st('form.area_hint')}
      </p>
      <FieldError id="area-error" message={errors.area} />
      <div class="check-field">
        <input id="area-city" name="area.city" type="checkbox" checked={value.city} onChange={(e) => set({ city: (e.currentTarget as HTMLInputElement).checked })} />
        <label for="area-city">{st('form.city')}</label>
      </div>

      {!value.city && (
        <>
          <fieldset class="ward-picker">
            <legend>{st('form.wards')}</legend>
            <p class="hint" id="wards-chosen-title" aria-live="polite">
              {chosen.length > 0 ? st('form.wards_chosen', { n: chosen.length }) : st('form.wards_chosen_none')}
            </p>
            {chosen.length > 0 && (
              <ul class="chosen-wards" aria-labelledby="wards-chosen-title">
                {chosen.map((w) => (
                  <li key={w.code}>
                    <span>{localName(w)}</span>
                    <button type="button" class="button secondary small" aria-label={st('form.ward_remove', { name: localName(w) })} onClick={() => toggle(w.code, false)}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <FieldError id="wards-error" message={errors.wards} />
            <div class="field">
              <label for="ward-search">{st('form.ward_search')}</label>
              <p class="hint" id="ward-search-hint">
                {st('form.ward_search_hint')}
              </p>
              <input
                id="ward-search"
                type="search"
                name="area.wards"
                value={search}
                autoComplete="off"
                aria-describedby={describedBy('ward-search-hint', 'ward-matches', errors.wards && 'wards-error')}
                aria-invalid={errors.wards ? 'true' : undefined}
                onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <p class="hint" id="ward-matches" aria-live="polite">
              {matches.length > 0 ? st('form.ward_matches', { n: matches.length }) : st('form.ward_none_match')}
            </p>
            <ul class="ward-options" aria-label={st('form.wards')}>
              {matches.map((w) => (
                <li key={w.code} class="check-field">
                  <input id={`ward-${w.code}`} type="checkbox" checked={value.wards.includes(w.code)} onChange={(e) => toggle(w.code, (e.currentTarget as HTMLInputElement).checked)} />
                  <label for={`ward-${w.code}`}>{localName(w)}</label>
                </li>
              ))}
            </ul>
          </fieldset>

          <fieldset class="shape-choice">
            <legend>{st('form.shape')}</legend>
            <div class="radio-row">
              {(['none', 'polygon', 'circle'] as const).map((shape) => (
                <label class="radio" key={shape}>
                  <input type="radio" name="area.shape" value={shape} checked={value.shape === shape} onChange={() => set({ shape })} />
                  {st(`form.shape_${shape}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {value.shape !== 'none' && (
            <p class="hint" id="draw-hint">
              {value.shape === 'polygon' ? st('form.map_polygon_hint') : st('form.map_circle_hint')}
            </p>
          )}
          <AreaMap
            tiles={tiles}
            background={wards}
            shapes={{ city: false, wards: chosen, polygon: value.shape === 'polygon' ? points : null, circle }}
            label={st('form.map_label')}
            {...(value.shape !== 'none' ? { describedBy: 'draw-hint', onClick: clicked } : {})}
            fitOnChange={false}
            unavailable={t('error.network')}
          />
          {value.shape === 'polygon' && (
            <div class="polygon-fields">
              <div class="field">
                <label for="area-polygon">{st('form.points')}</label>
                <textarea
                  id="area-polygon"
                  name="area.polygon"
                  rows={4}
                  value={value.points}
                  aria-invalid={errors.polygon || badLine !== null ? 'true' : undefined}
                  aria-describedby={describedBy('polygon-count', (!!errors.polygon || badLine !== null) && 'polygon-error')}
                  onInput={(e) => set({ points: (e.currentTarget as HTMLTextAreaElement).value })}
                />
                <p class="hint" id="polygon-count" aria-live="polite">
                  {st('form.points_count', { n: points.length })}
                </p>
                <FieldError id="polygon-error" message={badLine !== null ? st('form.points_bad', { line: badLine }) : errors.polygon} />
              </div>
              <p class="actions-inline">
                <button type="button" class="button secondary" aria-disabled={points.length === 0 ? 'true' : undefined} onClick={() => points.length > 0 && undo()}>
                  {st('form.undo')}
                </button>
                <button type="button" class="button secondary" aria-disabled={!value.points.trim() ? 'true' : undefined} onClick={() => set({ points: '' })}>
                  {st('form.clear')}
                </button>
              </p>
            </div>
          )}
          {value.shape === 'circle' && (
            <div class="circle-fields row">
              <NumberField id="circle-lat" name="area.circle.lat" label={st('form.circle_lat')} value={value.circleLat} onInput={(v) => set({ circleLat: v })} error={errors.circle} />
              <NumberField id="circle-lon" name="area.circle.lon" label={st('form.circle_lon')} value={value.circleLon} onInput={(v) => set({ circleLon: v })} error={undefined} />
              <NumberField id="circle-radius" name="area.circle.radius_km" label={st('form.radius')} value={value.radius} onInput={(v) => set({ radius: v })} error={errors.radius} />
              <p class="actions-inline">
                <button type="button" class="button secondary" onClick={() => set({ circleLat: '', circleLon: '', radius: '' })}>
                  {st('form.clear')}
                </button>
              </p>
            </div>
          )}
          {(value.shape !== 'none' || chosen.length > 0) && <p class="hint">{aw('map.wards_hint')}</p>}
        </>
      )}
    </fieldset>
  );
}

function NumberField({ id, name, label, value, onInput, error }: { id: string; name: string; label: string; value: string; onInput: (v: string) => void; error: string | undefined }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="decimal"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

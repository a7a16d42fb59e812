// Where the problem is: the phone's location, a tap on the map (or a drag of its pin), typed
// coordinates, and an address. The ward of the chosen point is shown from the server
// (GET /api/v1/areas/locate), so that the person sees where the report will be filed.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, locateArea, type Kind } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { describedBy, FieldError } from '../../../shared/ui/ErrorSummary';
import { Icon } from '../../../shared/ui/Icon';
import { MapView } from '../../map/MapView';

export function parseCoordinate(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
}

// Both coordinates, when both are numbers.
export function pointOf(lat: string, lon: string): { lat: number; lon: number } | null {
  const a = parseCoordinate(lat);
  const b = parseCoordinate(lon);
  return typeof a === 'number' && typeof b === 'number' ? { lat: a, lon: b } : null;
}

type GeoState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; accuracy: number } | { kind: 'failed'; message: string };
type WardState = { kind: 'none' } | { kind: 'found'; name: string } | { kind: 'outside'; message: string } | { kind: 'offline' };

interface Props {
  kind: Kind;
  lat: string;
  lon: string;
  address: string;
  // From the phone's location, the map or the fields; `fields` names what changed.
  onChange: (change: { lat?: string; lon?: string; address?: string }) => void;
  errors: { lat?: string | undefined; lon?: string | undefined; location?: string | undefined; address?: string | undefined };
}

export function LocationPicker({ kind, lat, lon, address, onChange, errors }: Props) {
  const [geo, setGeo] = useState<GeoState>({ kind: 'idle' });
  const [ward, setWard] = useState<WardState>({ kind: 'none' });
  const point = pointOf(lat, lon);

  // The ward of the point, asked once the person stops moving it.
  useEffect(() => {
    if (!point) {
      setWard({ kind: 'none' });
      return undefined;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      locateArea(point.lat, point.lon, abort.signal).then(
        (area) => setWard({ kind: 'found', name: area.name }),
        (e: unknown) => {
          if (!(e instanceof ApiError)) return; // aborted
          if (e.status === 0) setWard({ kind: 'offline' });
          else setWard({ kind: 'outside', message: e.errors['lat'] ?? e.detail });
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [point?.lat, point?.lon]);

  function useMyLocation() {
    if (!('geolocation' in navigator)) {
      setGeo({ kind: 'failed', message: t('send.geo_unsupported') });
      return;
    }
    setGeo({ kind: 'busy' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        onChange({ lat: position.coords.latitude.toFixed(6), lon: position.coords.longitude.toFixed(6) });
        setGeo({ kind: 'done', accuracy: Math.round(position.coords.accuracy) });
      },
      (failure) => {
        const message =
          failure.code === failure.PERMISSION_DENIED
            ? t('send.geo_denied')
            : failure.code === failure.TIMEOUT
              ? t('send.geo_timeout')
              : t('send.geo_unavailable');
        setGeo({ kind: 'failed', message });
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  return (
    <fieldset class="location" aria-describedby={describedBy('location-hint', errors.location && 'location-error')}>
      <legend>{kind === 'idea' ? t('send.location_optional') : t('send.location')}</legend>
      <p class="hint" id="location-hint">
        {t('send.location_hint')}
      </p>
      <p>
        <button type="button" class="button secondary" onClick={useMyLocation} disabled={geo.kind === 'busy'}>
          <Icon name="pin" /> {t('send.use_my_location')}
        </button>
      </p>
      <p role="status" class="geo-status">
        {geo.kind === 'busy' && t('send.geo_busy')}
        {geo.kind === 'done' && t('send.geo_done', { accuracy: geo.accuracy })}
        {geo.kind === 'failed' && geo.message}
      </p>
      <MapView
        point={point}
        editable
        label={t('map.pick_label')}
        describedBy="map-hint"
        onPick={(p) => {
          setGeo({ kind: 'idle' });
          onChange({ lat: p.lat.toFixed(6), lon: p.lon.toFixed(6) });
        }}
      />
      <p class="hint" id="map-hint">
        {t('map.pick_hint')}
      </p>
      <p class="ward-line" role="status">
        {ward.kind === 'found' && (
          <>
            {t('send.ward')}: <strong>{ward.name}</strong>
          </>
        )}
        {ward.kind === 'outside' && <span class="field-error">{ward.message}</span>}
        {ward.kind === 'offline' && t('send.ward_offline')}
      </p>
      <div class="row">
        <div class="field">
          <label for="lat">{t('send.lat')}</label>
          <input
            id="lat"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={lat}
            aria-invalid={errors.lat ? 'true' : undefined}
            aria-describedby={describedBy(errors.lat && 'lat-error')}
            onInput={(e) => onChange({ lat: (e.currentTarget as HTMLInputElement).value })}
          />
          <FieldError id="lat-error" message={errors.lat} />
        </div>
        <div class="field">
          <label for="lon">{t('send.lon')}</label>
          <input
            id="lon"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={lon}
            aria-invalid={errors.lon ? 'true' : undefined}
            aria-describedby={describedBy(errors.lon && 'lon-error')}
            onInput={(e) => onChange({ lon: (e.currentTarget as HTMLInputElement).value })}
          />
          <FieldError id="lon-error" message={errors.lon} />
        </div>
      </div>
      <div class="field">
        <label for="address">{t('send.address')}</label>
        <input
          id="address"
          type="text"
          maxLength={300}
          autoComplete="street-address"
          value={address}
          aria-invalid={errors.address ? 'true' : undefined}
          aria-describedby={describedBy(errors.address && 'address-error')}
          onInput={(e) => onChange({ address: (e.currentTarget as HTMLInputElement).value })}
        />
        <FieldError id="address-error" message={errors.address} />
      </div>
      <FieldError id="location-error" message={errors.location} />
    </fieldset>
  );
}

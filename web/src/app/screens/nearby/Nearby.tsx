// Public reports near me: open ones within a chosen distance of the phone's location (or of a
// typed point), nearest first (GET /api/v1/reports?near=...). The location is used for this
// question only and is not kept.
import { useState } from 'preact/hooks';
import { listNearby, type ApiError, type Report } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { Icon } from '../../../shared/ui/Icon';
import { useTitle } from '../../title';
import { ReportCard } from '../reports/ReportCard';

const radii = [300, 1000, 2000];

type Where = { lat: number; lon: number; accuracy?: number };

export function Nearby() {
  useTitle(t('nearby.title'));
  const [radius, setRadius] = useState(1000);
  const [where, setWhere] = useState<Where | null>(null);
  const [items, setItems] = useState<Report[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function search(point: Where, within: number) {
    setStatus(t('common.loading'));
    setError(null);
    try {
      const page = await listNearby({ lat: point.lat, lon: point.lon, radiusM: within, limit: 50 });
      setItems(page.items);
      setStatus(page.items.length === 0 ? t('nearby.empty') : t('nearby.found', { count: page.items.length }));
    } catch (e) {
      setError(e as ApiError);
      setStatus('');
    }
  }

  function locate() {
    if (!('geolocation' in navigator)) {
      setStatus(t('send.geo_unsupported'));
      return;
    }
    setStatus(t('send.geo_busy'));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const point = { lat: position.coords.latitude, lon: position.coords.longitude, accuracy: Math.round(position.coords.accuracy) };
        setWhere(point);
        void search(point, radius);
      },
      (failure) =>
        setStatus(failure.code === failure.PERMISSION_DENIED ? t('nearby.geo_denied') : t('send.geo_unavailable')),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 120000 },
    );
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('nearby.title')}</h1>
      <p class="lead">{t('nearby.lead')}</p>
      <div class="field">
        <label for="radius">{t('nearby.radius')}</label>
        <select
          id="radius"
          value={String(radius)}
          onChange={(e) => {
            const next = Number((e.currentTarget as HTMLSelectElement).value);
            setRadius(next);
            if (where) void search(where, next);
          }}
        >
          {radii.map((r) => (
            <option key={r} value={String(r)}>
              {r < 1000 ? t('nearby.radius_m', { n: r }) : t('nearby.radius_km', { n: r / 1000 })}
            </option>
          ))}
        </select>
      </div>
      <p>
        <button type="button" class="button primary" onClick={locate}>
          <Icon name="pin" /> {where ? t('nearby.refresh') : t('nearby.use_my_location')}
        </button>
      </p>
      <p role="status" class="geo-status">
        {status}
      </p>
      <ErrorSummary error={error} />
      {items && items.length > 0 && (
        <ul class="report-list" aria-label={t('nearby.list')}>
          {items.map((report) => (
            <ReportCard key={report.id} report={report} />
          ))}
        </ul>
      )}
      <p class="hint">{t('nearby.privacy')}</p>
    </>
  );
}

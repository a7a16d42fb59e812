// Where a report is: a seam for the map. TODO(issue 4, maps): a Leaflet map with the pin and the
// ward's outline from the server's own shapes; the base-map tile URL is configuration, and the
// screen must stay usable without tiles, so the coordinates and the ward stay written out here.
import type { StaffReport } from '../../shared/api/staff';
import { t } from '../i18n';

export function ReportMap({ report }: { report: StaffReport }) {
  const location = report.location;
  const hasPoint = location && location.lat !== null && location.lon !== null;
  return (
    <div class="map-seam" role="group" aria-label={t('detail.map')}>
      {hasPoint ? (
        <p>
          {t('detail.coordinates')}: <span class="mono">{location.lat}, {location.lon}</span>
        </p>
      ) : (
        <p>{t('detail.no_point')}</p>
      )}
      <p class="hint">{t('detail.map_coming')}</p>
    </div>
  );
}

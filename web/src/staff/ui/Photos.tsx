// Thumbnails of a report's or a step's photos; each opens the full photo in a new tab.
import type { Photo } from '../../shared/api';
import { t } from '../i18n';

export function Photos({ photos, label }: { photos: Photo[]; label: string }) {
  return (
    <ul class="photo-grid" aria-label={label}>
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noopener">
            <img src={photo.thumbnail_url} alt={t('detail.photo_alt', { n: index + 1 })} loading="lazy" width="120" height="90" />
          </a>
        </li>
      ))}
    </ul>
  );
}

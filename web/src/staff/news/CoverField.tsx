// An item's cover image: a picture chosen here is made smaller on this computer (which also drops
// its metadata; the server strips it again), uploaded to POST /api/v1/media, and shown as the
// thumbnail the server made, with the way to remove it.
import { useState } from 'preact/hooks';
import { ApiError, type Photo } from '../../shared/api';
import { uploadResizedPicture } from '../../shared/photos/upload';
import { describedBy, FieldError } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';

interface Props {
  cover: Photo | null;
  onChange: (cover: Photo | null) => void;
  error?: string | undefined;
}

export function CoverField({ cover, onChange, error }: Props) {
  const [state, setState] = useState<'idle' | 'uploading' | 'done'>('idle');
  const [failure, setFailure] = useState('');
  const shownError = failure || error;

  async function chosen(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setFailure('');
    setState('uploading');
    try {
      onChange(await uploadResizedPicture(file, { fileName: 'cover.jpg', unreadable: t('nd.cover_unreadable') }));
      setState('done');
    } catch (e) {
      setFailure(e instanceof ApiError ? e.detail : t('error.unexpected'));
      setState('idle');
    } finally {
      input.value = '';
    }
  }

  return (
    <div class="field cover-field">
      <label for="nd-cover">{t('nd.cover')}</label>
      <p class="hint" id="nd-cover-hint">
        {t('nd.cover_hint')}
      </p>
      {cover && (
        <p class="cover-thumb">
          <img src={cover.thumbnail_url} alt={t('nd.cover_alt')} width="160" height="120" />
          <button
            type="button"
            class="link"
            onClick={() => {
              onChange(null);
              setState('idle');
            }}
          >
            {t('nd.cover_remove')}
          </button>
        </p>
      )}
      <input
        id="nd-cover"
        name="cover_media_id"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        aria-invalid={shownError ? 'true' : undefined}
        aria-describedby={describedBy('nd-cover-hint', shownError && 'nd-cover-error')}
        onChange={(e) => void chosen(e.currentTarget as HTMLInputElement)}
      />
      <p role="status" class="hint">
        {state === 'uploading' ? t('nd.cover_uploading') : state === 'done' ? t('nd.cover_done') : ''}
      </p>
      <FieldError id="nd-cover-error" message={shownError} />
    </div>
  );
}

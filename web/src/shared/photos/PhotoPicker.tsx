// Photos for a report: each chosen file is resized on the phone, then uploaded at once to
// POST /api/v1/media with a progress bar; the report later names the uploaded ids. Without a
// network a photo waits ("queued") and is uploaded when the network returns, or with the report
// from the outbox.
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, uploadPhoto, type Media } from '../api';
import { t } from '../i18n';
import { uuid } from '../uuid';
import { resizePhoto } from './resize';
import './photo-picker.css';

export const maxPhotos = 5;

export interface PhotoItem {
  key: string; // also the upload's Idempotency-Key
  name: string;
  preview: string; // object URL of the resized image
  state: 'resizing' | 'uploading' | 'done' | 'queued' | 'failed';
  progress: number; // 0..1
  media?: Media;
  error?: string;
  blob?: Blob;
}

interface Props {
  photos: PhotoItem[];
  onChange: (update: (photos: PhotoItem[]) => PhotoItem[]) => void;
  error?: string | undefined;
}

export function PhotoPicker({ photos, onChange, error }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const update = (key: string, patch: Partial<PhotoItem>) =>
    onChange((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  const latest = useRef(photos);
  latest.current = photos;

  // The network is back: upload what waited.
  useEffect(() => {
    const retry = () => {
      for (const photo of latest.current) if (photo.state === 'queued' && photo.blob) void send(photo, photo.blob);
    };
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, []);

  async function send(item: PhotoItem, blob: Blob) {
    update(item.key, { state: 'uploading', progress: 0, error: undefined });
    try {
      const media = await uploadPhoto(blob, 'photo.jpg', {
        idempotencyKey: item.key,
        onProgress: (fraction) => update(item.key, { progress: fraction }),
      });
      update(item.key, { state: 'done', progress: 1, media });
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) update(item.key, { state: 'queued', progress: 0 });
      else update(item.key, { state: 'failed', error: e instanceof ApiError ? e.detail : t('error.unexpected') });
    }
  }

  async function add(files: FileList | null) {
    if (!files) return;
    const room = maxPhotos - photos.length;
    for (const file of Array.from(files).slice(0, Math.max(0, room))) {
      const item: PhotoItem = { key: uuid(), name: file.name, preview: '', state: 'resizing', progress: 0 };
      onChange((list) => [...list, item]);
      try {
        const resized = await resizePhoto(file);
        const preview = URL.createObjectURL(resized.blob);
        update(item.key, { preview, blob: resized.blob });
        await send(item, resized.blob);
      } catch {
        update(item.key, { state: 'failed', error: t('send.photo_unreadable') });
      }
    }
    if (input.current) input.current.value = '';
  }

  function remove(item: PhotoItem) {
    if (item.preview) URL.revokeObjectURL(item.preview);
    onChange((list) => list.filter((p) => p.key !== item.key));
  }

  return (
    <fieldset class="photos" aria-describedby={error ? 'photos-error' : 'photos-hint'}>
      <legend>{t('send.photos')}</legend>
      <p class="hint" id="photos-hint">
        {t('send.photos_hint', { max: maxPhotos })}
      </p>
      {photos.length > 0 && (
        <ul class="photo-list">
          {photos.map((photo, index) => (
            <li key={photo.key}>
              {photo.preview ? (
                <img src={photo.preview} alt={t('send.photo_alt', { n: index + 1 })} width="96" height="72" />
              ) : (
                <span class="photo-placeholder" aria-hidden="true" />
              )}
              <div class="photo-state">
                {photo.state === 'resizing' && <span>{t('send.photo_resizing')}</span>}
                {photo.state === 'uploading' && (
                  <>
                    <label for={`progress-${photo.key}`}>{t('send.photo_uploading', { n: index + 1 })}</label>
                    <progress id={`progress-${photo.key}`} max={100} value={Math.round(photo.progress * 100)}>
                      {Math.round(photo.progress * 100)}%
                    </progress>
                  </>
                )}
                {photo.state === 'done' && <span class="ok">{t('send.photo_done', { n: index + 1 })}</span>}
                {photo.state === 'queued' && <span>{t('send.photo_queued', { n: index + 1 })}</span>}
                {photo.state === 'failed' && (
                  <>
                    <span class="field-error">{photo.error}</span>
                    {photo.blob && (
                      <button type="button" class="link" onClick={() => photo.blob && send(photo, photo.blob)}>
                        {t('common.retry')}
                      </button>
                    )}
                  </>
                )}
                <button type="button" class="link" onClick={() => remove(photo)}>
                  {t('send.photo_remove', { n: index + 1 })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {photos.length < maxPhotos && (
        <label class="button secondary file-button">
          {t('send.photo_add')}
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
            multiple
            class="visually-hidden"
            onChange={(e) => add((e.currentTarget as HTMLInputElement).files)}
          />
        </label>
      )}
      {error && (
        <p class="field-error" id="photos-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

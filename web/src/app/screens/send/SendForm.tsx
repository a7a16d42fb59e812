// Send a report (phản ánh) or an idea (góp ý): category, description, photos, location, address,
// anonymous and public. The Idempotency-Key is made when the form opens and reused on every retry,
// so a retry after a lost answer never creates a second report.
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  ApiError,
  listCategories,
  putConsent,
  type Category,
  type Kind,
  type NewReport,
} from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { describedBy, ErrorSummary, FieldError } from '../../../shared/ui/ErrorSummary';
import { Icon } from '../../../shared/ui/Icon';
import { uuid } from '../../../shared/uuid';
import { sendReport } from '../../offline/outbox';
import { navigate } from '../../router';
import { useTitle } from '../../title';
import { PhotoPicker, type PhotoItem } from './PhotoPicker';

// The fields that have a place on this screen; a server message for any other goes to the summary.
const fieldsShown = ['category', 'description', 'photos', 'lat', 'lon', 'location', 'address'] as const;

function parseCoordinate(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
}

type GeoState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; accuracy: number } | { kind: 'failed'; message: string };

export function SendForm({ kind }: { kind: Kind }) {
  const title = kind === 'idea' ? t('send.title_idea') : t('send.title_report');
  useTitle(title);
  const idempotencyKey = useMemo(() => uuid(), [kind]);

  const [categories, setCategories] = useState<Category[] | null>(null);
  const [categoriesError, setCategoriesError] = useState<ApiError | null>(null);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [address, setAddress] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [isPublic, setIsPublic] = useState(true);
  const [geo, setGeo] = useState<GeoState>({ kind: 'idle' });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Fields edited since the last answer: their old messages no longer apply.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const touch = (...fields: string[]) =>
    setEdited((before) => (fields.every((f) => before.has(f)) ? before : new Set([...before, ...fields])));

  useEffect(() => {
    listCategories()
      .then((answer) => setCategories(answer.items))
      .catch((e: ApiError) => setCategoriesError(e));
  }, []);

  const fieldError = (field: string): string | undefined =>
    edited.has(field) ? undefined : (localErrors[field] ?? error?.errors[field]);

  function useMyLocation() {
    if (!('geolocation' in navigator)) {
      setGeo({ kind: 'failed', message: t('send.geo_unsupported') });
      return;
    }
    setGeo({ kind: 'busy' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        touch('lat', 'lon', 'location');
        setLat(position.coords.latitude.toFixed(6));
        setLon(position.coords.longitude.toFixed(6));
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

  async function acceptTerms() {
    try {
      await putConsent('terms', true);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    const local: Record<string, string> = {};
    const latValue = parseCoordinate(lat);
    const lonValue = parseCoordinate(lon);
    if (latValue === 'invalid') local['lat'] = t('send.not_a_number');
    if (lonValue === 'invalid') local['lon'] = t('send.not_a_number');
    if (photos.some((p) => p.state === 'resizing' || p.state === 'uploading')) local['photos'] = t('send.photos_pending');
    else if (photos.some((p) => p.state === 'failed')) local['photos'] = t('send.photos_failed');
    setLocalErrors(local);
    setEdited(new Set());
    if (Object.keys(local).length > 0) {
      setError(null);
      focusFirstError();
      return;
    }
    const report: NewReport = {
      kind,
      category,
      description,
      anonymous,
      public: isPublic,
      photos: photos.flatMap((p) => (p.media ? [p.media.id] : [])),
      channel: 'app',
    };
    if (typeof latValue === 'number') report.lat = latValue;
    if (typeof lonValue === 'number') report.lon = lonValue;
    if (address.trim()) report.address = address.trim();
    setSubmitting(true);
    setError(null);
    try {
      const created = await sendReport(report, idempotencyKey);
      navigate(`/reports/${created.id}`, { state: { sent: created.code } });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null, t('error.unexpected')));
      setSubmitting(false);
      focusFirstError();
    }
  }

  function focusFirstError() {
    requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('[aria-invalid="true"], .notice.error');
      if (target) {
        if (!target.hasAttribute('tabindex') && !/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName)) target.tabIndex = -1;
        target.focus();
      }
    });
  }

  const categoryError = fieldError('category');
  const descriptionError = fieldError('description');
  const latError = fieldError('lat');
  const lonError = fieldError('lon');
  const locationError = fieldError('location');
  const addressError = fieldError('address');

  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <p class="lead">{kind === 'idea' ? t('send.lead_idea') : t('send.lead_report')}</p>
      <form class="send-form" noValidate onSubmit={submit} aria-labelledby="send-form-title">
        <h2 id="send-form-title" class="visually-hidden">
          {title}
        </h2>
        <ErrorSummary error={error} fieldsShown={fieldsShown} />
        {error?.code === 'consent_required' && (
          <p>
            <button type="button" class="button secondary" onClick={acceptTerms}>
              {t('send.accept_terms')}
            </button>
          </p>
        )}

        <fieldset
          class="categories"
          role="radiogroup"
          aria-invalid={categoryError ? 'true' : undefined}
          aria-describedby={describedBy(categoryError && 'category-error')}
        >
          <legend>{t('send.category')}</legend>
          {categoriesError && <p class="field-error">{categoriesError.detail}</p>}
          {!categories && !categoriesError && <p role="status">{t('common.loading')}</p>}
          {categories && (
            <div class="category-grid">
              {categories.map((c) => (
                <label key={c.code} class={'category' + (category === c.code ? ' selected' : '')}>
                  <input
                    type="radio"
                    name="category"
                    value={c.code}
                    checked={category === c.code}
                    onChange={() => {
                      touch('category');
                      setCategory(c.code);
                    }}
                  />
                  <Icon name={c.icon} size={28} />
                  <span>{c.name}</span>
                </label>
              ))}
            </div>
          )}
          <FieldError id="category-error" message={categoryError} />
        </fieldset>

        <div class="field">
          <label for="description">{kind === 'idea' ? t('send.description_idea') : t('send.description')}</label>
          <p class="hint" id="description-hint">
            {t('send.description_hint', { count: description.length, max: 4000 })}
          </p>
          <textarea
            id="description"
            rows={5}
            maxLength={4000}
            value={description}
            aria-invalid={descriptionError ? 'true' : undefined}
            aria-describedby={describedBy('description-hint', descriptionError && 'description-error')}
            onInput={(e) => {
              touch('description');
              setDescription((e.currentTarget as HTMLTextAreaElement).value);
            }}
          />
          <FieldError id="description-error" message={descriptionError} />
        </div>

        <PhotoPicker
          photos={photos}
          onChange={(update) => {
            touch('photos');
            setPhotos(update);
          }}
          error={fieldError('photos')}
        />

        <fieldset class="location" aria-describedby={describedBy('location-hint', locationError && 'location-error')}>
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
          <div class="row">
            <div class="field">
              <label for="lat">{t('send.lat')}</label>
              <input
                id="lat"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={lat}
                aria-invalid={latError ? 'true' : undefined}
                aria-describedby={describedBy(latError && 'lat-error')}
                onInput={(e) => {
                  touch('lat', 'location');
                  setLat((e.currentTarget as HTMLInputElement).value);
                }}
              />
              <FieldError id="lat-error" message={latError} />
            </div>
            <div class="field">
              <label for="lon">{t('send.lon')}</label>
              <input
                id="lon"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={lon}
                aria-invalid={lonError ? 'true' : undefined}
                aria-describedby={describedBy(lonError && 'lon-error')}
                onInput={(e) => {
                  touch('lon', 'location');
                  setLon((e.currentTarget as HTMLInputElement).value);
                }}
              />
              <FieldError id="lon-error" message={lonError} />
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
              aria-invalid={addressError ? 'true' : undefined}
              aria-describedby={describedBy(addressError && 'address-error')}
              onInput={(e) => {
                touch('address', 'location');
                setAddress((e.currentTarget as HTMLInputElement).value);
              }}
            />
            <FieldError id="address-error" message={addressError} />
          </div>
          <FieldError id="location-error" message={locationError} />
        </fieldset>

        <fieldset class="switches">
          <legend>{t('send.privacy')}</legend>
          <div class="switch-field">
            <input
              id="anonymous"
              type="checkbox"
              role="switch"
              checked={anonymous}
              aria-describedby="anonymous-hint"
              onChange={(e) => setAnonymous((e.currentTarget as HTMLInputElement).checked)}
            />
            <label for="anonymous">{t('send.anonymous')}</label>
            <p class="hint" id="anonymous-hint">
              {t('send.anonymous_hint')}
            </p>
          </div>
          <div class="switch-field">
            <input
              id="public"
              type="checkbox"
              role="switch"
              checked={isPublic}
              aria-describedby="public-hint"
              onChange={(e) => setIsPublic((e.currentTarget as HTMLInputElement).checked)}
            />
            <label for="public">{t('send.public')}</label>
            <p class="hint" id="public-hint">
              {t('send.public_hint')}
            </p>
          </div>
        </fieldset>

        <p>
          <button type="submit" class="button primary wide" aria-disabled={submitting ? 'true' : undefined}>
            {submitting ? t('send.sending') : kind === 'idea' ? t('send.submit_idea') : t('send.submit_report')}
          </button>
        </p>
      </form>
    </>
  );
}

// Send a report (phản ánh) or an idea (góp ý): category, description, photos, location (the
// phone's, a pin on the map, or typed), address, anonymous and public. Nearby open reports of the
// same category are suggested before sending, to follow instead.
//
// The Idempotency-Key is made when the form opens (or comes back with its draft) and reused on
// every retry, so a retry after a lost answer never creates a second report. The form is kept as
// a draft while it is written; without a network, "send" puts it in the outbox, which sends it
// when the network returns.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, putConsent, type Category, type Kind, type NewReport, type Report } from '../../../shared/api';
import { formatDateTime, t } from '../../../shared/i18n';
import { describedBy, ErrorSummary, FieldError } from '../../../shared/ui/ErrorSummary';
import { Icon } from '../../../shared/ui/Icon';
import { uuid } from '../../../shared/uuid';
import { queueReport, sendReport } from '../../offline/outbox';
import { loadCategories } from '../../reference';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { draftId, dropDraft, readDraft, saveDraft, type DraftFields } from './draft';
import { LocationPicker, parseCoordinate, pointOf } from './LocationPicker';
import { NearbySuggestions } from './NearbySuggestions';
import { PhotoPicker, type PhotoItem } from '../../../shared/photos/PhotoPicker';

// The fields that have a place on this screen; a server message for any other goes to the summary.
const fieldsShown = ['category', 'description', 'photos', 'lat', 'lon', 'location', 'address'] as const;

const emptyFields: DraftFields = { category: '', description: '', lat: '', lon: '', address: '', anonymous: false, isPublic: true };

export function SendForm({ kind }: { kind: Kind }) {
  const title = kind === 'idea' ? t('send.title_idea') : t('send.title_report');
  useTitle(title);
  const { me } = useSession();
  const userId = me?.id ?? 0;
  const draftKey = draftId(userId, kind);

  const [idempotencyKey, setIdempotencyKey] = useState(() => uuid());
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [categoriesError, setCategoriesError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<DraftFields>(emptyFields);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [restored, setRestored] = useState<number | null>(null); // when the restored draft was saved
  const [ready, setReady] = useState(false); // the draft was looked for: saving may start
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Fields edited since the last answer: their old messages no longer apply.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const touch = (...names: string[]) =>
    setEdited((before) => (names.every((f) => before.has(f)) ? before : new Set([...before, ...names])));
  const set = (patch: Partial<DraftFields>) => setFields((before) => ({ ...before, ...patch }));

  useEffect(() => {
    loadCategories().then(setCategories, (e: ApiError) => setCategoriesError(e));
  }, []);

  // A draft of this kind comes back with its key, its fields and its photos.
  useEffect(() => {
    let alive = true;
    setReady(false);
    readDraft(draftKey).then((found) => {
      if (!alive) return;
      if (found) {
        setIdempotencyKey(found.draft.idempotencyKey);
        setFields({ ...emptyFields, ...found.draft.fields });
        setPhotos(found.photos);
        setRestored(found.draft.savedAt);
      }
      setReady(true);
    });
    return () => {
      alive = false;
    };
  }, [draftKey]);

  // Kept a moment after each change; not while sending (the draft goes once sent).
  const leaving = useRef(false);
  useEffect(() => {
    if (!ready || leaving.current) return undefined;
    const timer = setTimeout(() => {
      if (!leaving.current) void saveDraft(draftKey, idempotencyKey, fields, photos);
    }, 500);
    return () => clearTimeout(timer);
  }, [ready, draftKey, idempotencyKey, fields, photos]);

  function discardDraft() {
    for (const p of photos) if (p.preview) URL.revokeObjectURL(p.preview);
    setFields(emptyFields);
    setPhotos([]);
    setRestored(null);
    setIdempotencyKey(uuid());
    setError(null);
    setLocalErrors({});
    void dropDraft(draftKey);
  }

  async function leave(to: string, state: unknown) {
    leaving.current = true;
    await dropDraft(draftKey);
    navigate(to, { state });
  }

  const fieldError = (field: string): string | undefined =>
    edited.has(field) ? undefined : (localErrors[field] ?? error?.errors[field]);

  async function acceptTerms() {
    try {
      await putConsent('terms', true);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  }

  // What the server would refuse anyway, checked here only for a report that waits for the
  // network (online, the server's own messages are shown).
  function checkForOutbox(): Record<string, string> {
    const local: Record<string, string> = {};
    if (!fields.category) local['category'] = t('send.required');
    if (!fields.description.trim()) local['description'] = t('send.required');
    if (kind === 'report' && !pointOf(fields.lat, fields.lon) && !fields.address.trim()) local['location'] = t('send.location_required');
    if (photos.some((p) => p.state === 'failed')) local['photos'] = t('send.photos_failed');
    return local;
  }

  async function putInOutbox(report: NewReport) {
    const local = checkForOutbox();
    if (Object.keys(local).length > 0) {
      setLocalErrors(local);
      setError(null);
      setSubmitting(false);
      focusFirstError();
      return;
    }
    const { photos: _ids, ...rest } = report;
    await queueReport({
      key: idempotencyKey,
      userId,
      report: rest,
      photos: photos.map((p) => ({ key: p.key, name: p.name, ...(p.media ? { mediaId: p.media.id } : p.blob ? { blob: p.blob } : {}) })),
    });
    await leave('/reports', { queued: idempotencyKey });
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    const local: Record<string, string> = {};
    const latValue = parseCoordinate(fields.lat);
    const lonValue = parseCoordinate(fields.lon);
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
      category: fields.category,
      description: fields.description,
      anonymous: fields.anonymous,
      public: fields.isPublic,
      photos: photos.flatMap((p) => (p.media ? [p.media.id] : [])),
      channel: 'app',
    };
    if (typeof latValue === 'number') report.lat = latValue;
    if (typeof lonValue === 'number') report.lon = lonValue;
    if (fields.address.trim()) report.address = fields.address.trim();
    setSubmitting(true);
    setError(null);
    // Without a network, or with photos still waiting for one: the outbox sends it all later.
    if (!navigator.onLine || photos.some((p) => p.state === 'queued')) {
      await putInOutbox(report);
      return;
    }
    try {
      const created = await sendReport(report, idempotencyKey);
      await leave(`/reports/${created.id}`, { sent: created.code });
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        await putInOutbox(report);
        return;
      }
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

  function followed(report: Report) {
    void leave(`/reports/${report.id}`, { followed: report.code });
  }

  const categoryError = fieldError('category');
  const descriptionError = fieldError('description');

  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <p class="lead">{kind === 'idea' ? t('send.lead_idea') : t('send.lead_report')}</p>
      {restored !== null && (
        <div class="notice" role="status">
          <p>{t('draft.restored', { at: formatDateTime(new Date(restored).toISOString()) })}</p>
          <p>
            <button type="button" class="link" onClick={discardDraft}>
              {t('draft.discard')}
            </button>
          </p>
        </div>
      )}
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
                <label key={c.code} class={'category' + (fields.category === c.code ? ' selected' : '')}>
                  <input
                    type="radio"
                    name="category"
                    value={c.code}
                    checked={fields.category === c.code}
                    onChange={() => {
                      touch('category');
                      set({ category: c.code });
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
            {t('send.description_hint', { count: fields.description.length, max: 4000 })}
          </p>
          <textarea
            id="description"
            rows={5}
            maxLength={4000}
            value={fields.description}
            aria-invalid={descriptionError ? 'true' : undefined}
            aria-describedby={describedBy('description-hint', descriptionError && 'description-error')}
            onInput={(e) => {
              touch('description');
              set({ description: (e.currentTarget as HTMLTextAreaElement).value });
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

        <LocationPicker
          kind={kind}
          lat={fields.lat}
          lon={fields.lon}
          address={fields.address}
          onChange={(change) => {
            if (change.lat !== undefined || change.lon !== undefined) touch('lat', 'lon', 'location');
            if (change.address !== undefined) touch('address', 'location');
            set(change);
          }}
          errors={{
            lat: fieldError('lat'),
            lon: fieldError('lon'),
            location: fieldError('location'),
            address: fieldError('address'),
          }}
        />

        {kind === 'report' && <NearbySuggestions category={fields.category} point={pointOf(fields.lat, fields.lon)} onFollowed={followed} />}

        <fieldset class="switches">
          <legend>{t('send.privacy')}</legend>
          <div class="switch-field">
            <input
              id="anonymous"
              type="checkbox"
              role="switch"
              checked={fields.anonymous}
              aria-describedby="anonymous-hint"
              onChange={(e) => set({ anonymous: (e.currentTarget as HTMLInputElement).checked })}
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
              checked={fields.isPublic}
              aria-describedby="public-hint"
              onChange={(e) => set({ isPublic: (e.currentTarget as HTMLInputElement).checked })}
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

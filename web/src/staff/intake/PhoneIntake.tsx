// Phone intake at the 1022 centre: the operator types a caller's report (or idea) on their behalf,
// with the caller's name and number (personal data, staff only; dropped when the caller asks to
// stay anonymous). POST /api/v1/staff/reports with an Idempotency-Key, so a retry after a lost
// answer never makes a second report; then the new report's detail.
import { useRef, useState } from 'preact/hooks';
import type { ApiError, Kind } from '../../shared/api';
import { submitPhoneReport, type PhoneIntake as Intake } from '../../shared/api/staff';
import { describedBy, ErrorSummary, FieldError } from '../../shared/ui/ErrorSummary';
import { uuid } from '../../shared/uuid';
import { t } from '../i18n';
import { localName, useReference } from '../reference';
import { navigate } from '../router';
import { asApiError } from '../ui/failure';
import { useTitle } from '../ui/useTitle';

interface Draft {
  caller_name: string;
  caller_phone: string;
  anonymous: boolean;
  kind: Kind;
  category: string;
  description: string;
  address: string;
  ward: string;
  lat: string;
  lon: string;
  public: boolean;
}

const empty: Draft = {
  caller_name: '',
  caller_phone: '',
  anonymous: false,
  kind: 'report',
  category: '',
  description: '',
  address: '',
  ward: '',
  lat: '',
  lon: '',
  public: false,
};

const fields = ['caller_name', 'caller_phone', 'category', 'description', 'address', 'ward', 'lat', 'lon', 'location'];

export function PhoneIntake() {
  useTitle(t('intake.title'));
  const { reference } = useReference();
  const [draft, setDraft] = useState<Draft>(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const key = useRef(uuid()); // one per report typed in: a retry reuses it
  const form = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const text = (e: Event) => (e.currentTarget as HTMLInputElement).value;

  function number(value: string): number | undefined | null {
    const v = value.trim().replace(',', '.');
    if (!v) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const lat = number(draft.lat);
    const lon = number(draft.lon);
    const problems: Record<string, string> = {};
    if (lat === null) problems['lat'] = t('send.not_a_number');
    if (lon === null) problems['lon'] = t('send.not_a_number');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return focusFirst(Object.keys(problems));
    const intake: Intake = {
      kind: draft.kind,
      category: draft.category,
      description: draft.description,
      anonymous: draft.anonymous,
      public: draft.public,
    };
    if (!draft.anonymous) {
      if (draft.caller_name.trim()) intake.caller_name = draft.caller_name;
      if (draft.caller_phone.trim()) intake.caller_phone = draft.caller_phone;
    }
    if (draft.address.trim()) intake.address = draft.address;
    if (draft.ward) intake.ward = draft.ward;
    if (lat !== undefined && lat !== null) intake.lat = lat;
    if (lon !== undefined && lon !== null) intake.lon = lon;
    setBusy(true);
    setError(null);
    try {
      const created = await submitPhoneReport(intake, key.current);
      key.current = uuid();
      navigate(`/reports/${created.id}`, { state: { created: created.code } });
    } catch (e) {
      const failure = asApiError(e);
      setError(failure);
      setBusy(false);
      focusFirst(Object.keys(failure.errors));
    }
  }

  function focusFirst(names: string[]) {
    requestAnimationFrame(() => {
      const name = names.find((n) => form.current?.querySelector(`[name="${n}"]`));
      const target = (name && form.current?.querySelector<HTMLElement>(`[name="${name}"]`)) || form.current?.querySelector<HTMLElement>('.notice.error');
      if (!target) return;
      if (!/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.tabIndex = -1;
      target.focus();
    });
  }

  const err = (name: string) => local[name] ?? error?.errors[name];
  const input = (name: keyof Draft, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <div class="field">
      <label for={`intake-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`intake-${name}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={`intake-${name}`}
        name={name}
        type="text"
        value={draft[name] as string}
        aria-invalid={err(name) ? 'true' : undefined}
        aria-describedby={describedBy(hint && `intake-${name}-hint`, err(name) && `intake-${name}-error`)}
        onInput={(e) => set({ [name]: text(e) } as Partial<Draft>)}
        {...props}
      />
      <FieldError id={`intake-${name}-error`} message={err(name)} />
    </div>
  );

  return (
    <section aria-labelledby="intake-title" class="intake">
      <h1 id="intake-title" tabIndex={-1}>
        {t('intake.title')}
      </h1>
      <p class="lead">{t('intake.lead')}</p>
      <form ref={form} noValidate onSubmit={submit} aria-labelledby="intake-title">
        <ErrorSummary error={error} fieldsShown={fields} />

        <fieldset>
          <legend>{t('intake.caller')}</legend>
          <div class="check-field">
            <input id="intake-anonymous" type="checkbox" checked={draft.anonymous} aria-describedby="intake-anonymous-hint" onChange={(e) => set({ anonymous: (e.currentTarget as HTMLInputElement).checked })} />
            <label for="intake-anonymous">{t('intake.anonymous')}</label>
            <p class="hint" id="intake-anonymous-hint">
              {t('intake.anonymous_hint')}
            </p>
          </div>
          {!draft.anonymous && (
            <div class="row">
              {input('caller_name', t('intake.caller_name'), { autoComplete: 'off' })}
              {input('caller_phone', t('intake.caller_phone'), { type: 'tel', inputMode: 'tel', autoComplete: 'off' }, t('intake.caller_phone_hint'))}
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('intake.what')}</legend>
          <div class="radio-row" role="radiogroup" aria-label={t('intake.kind')}>
            {(['report', 'idea'] as const).map((kind) => (
              <label key={kind} class="radio">
                <input type="radio" name="kind" value={kind} checked={draft.kind === kind} onChange={() => set({ kind })} />
                {t(kind === 'idea' ? 'report.kind_idea' : 'report.kind_report')}
              </label>
            ))}
          </div>
          <div class="field">
            <label for="intake-category">{t('queue.category')}</label>
            <select
              id="intake-category"
              name="category"
              value={draft.category}
              aria-invalid={err('category') ? 'true' : undefined}
              aria-describedby={describedBy(err('category') && 'intake-category-error')}
              onChange={(e) => set({ category: text(e) })}
            >
              <option value="">{t('act.choose_category')}</option>
              {reference?.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {localName(c)}
                </option>
              ))}
            </select>
            <FieldError id="intake-category-error" message={err('category')} />
          </div>
          <div class="field">
            <label for="intake-description">{t('intake.description')}</label>
            <textarea
              id="intake-description"
              name="description"
              rows={5}
              maxLength={4000}
              value={draft.description}
              aria-invalid={err('description') ? 'true' : undefined}
              aria-describedby={describedBy(err('description') && 'intake-description-error')}
              onInput={(e) => set({ description: text(e) })}
            />
            <FieldError id="intake-description-error" message={err('description')} />
          </div>
        </fieldset>

        <fieldset aria-describedby={describedBy('intake-location-hint', err('location') && 'intake-location-error')}>
          <legend>{t('send.location')}</legend>
          <p class="hint" id="intake-location-hint">
            {t('intake.location_hint')}
          </p>
          <FieldError id="intake-location-error" message={err('location')} />
          {input('address', t('report.address'), { maxLength: 300 })}
          <div class="field">
            <label for="intake-ward">{t('queue.ward')}</label>
            <select id="intake-ward" name="ward" value={draft.ward} aria-invalid={err('ward') ? 'true' : undefined} onChange={(e) => set({ ward: text(e) })}>
              <option value="">{t('intake.ward_auto')}</option>
              {reference?.areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {localName(a)}
                </option>
              ))}
            </select>
            <FieldError id="intake-ward-error" message={err('ward')} />
          </div>
          <div class="row">
            {input('lat', t('send.lat'), { inputMode: 'decimal' })}
            {input('lon', t('send.lon'), { inputMode: 'decimal' })}
          </div>
        </fieldset>

        <div class="check-field">
          <input id="intake-public" type="checkbox" checked={draft.public} aria-describedby="intake-public-hint" onChange={(e) => set({ public: (e.currentTarget as HTMLInputElement).checked })} />
          <label for="intake-public">{t('intake.public')}</label>
          <p class="hint" id="intake-public-hint">
            {t('intake.public_hint')}
          </p>
        </div>

        <p class="actions-inline">
          <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('act.sending') : t('intake.submit')}
          </button>
          <a class="button secondary" href="/staff/queue">
            {t('common.cancel')}
          </a>
        </p>
      </form>
    </section>
  );
}

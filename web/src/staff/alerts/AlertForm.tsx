// An alert draft: new, changed while still a draft, or an Update of a sent alert (prefilled from
// it, with `references`). Classification (status, category, urgency, severity, certainty), the
// texts in Vietnamese and English, onset and expiry in city time, and the area (./AreaPicker.tsx).
// Saved, the draft's detail opens, where another officer approves it. The server's messages show
// by their fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getClientConfig, type ApiError, type Area, type Me } from '../../shared/api';
import {
  categories,
  certainties,
  createAlert,
  getStaffAlert,
  infoFields,
  severities,
  statuses,
  updateDraft,
  urgencies,
  type Alert,
  type AlertBody,
  type AlertStatus,
  type Category,
  type Certainty,
  type InfoTexts,
  type Severity,
  type Urgency,
} from '../../shared/alerts/api';
import { aw, localInfo } from '../../shared/alerts/words';
import { describedBy, ErrorSummary, FieldError } from '../../shared/ui/ErrorSummary';
import { focusFirstError, localProblem } from '../admin/fields';
import { t } from '../i18n';
import { loadReference } from '../reference';
import { navigate } from '../router';
import { asApiError } from '../ui/failure';
import { useTitle } from '../ui/useTitle';
import { AreaPicker, parsePoints, type AreaDraft } from './AreaPicker';
import { st } from './strings';
import { cityInputIn, fromCityInput, toCityInput } from './time';

type Lang = 'vi' | 'en';

interface Draft {
  status: AlertStatus;
  category: Category | '';
  urgency: Urgency | '';
  severity: Severity | '';
  certainty: Certainty | '';
  info: Record<Lang, InfoTexts>;
  onset: string; // datetime-local, city time
  expires: string;
  area: AreaDraft;
}

const noTexts: InfoTexts = { event: '', headline: '', description: '', instruction: '', area_desc: '' };

function blank(): Draft {
  return {
    status: 'Actual',
    category: '',
    urgency: '',
    severity: '',
    certainty: '',
    info: { vi: { ...noTexts }, en: { ...noTexts } },
    onset: '',
    expires: cityInputIn(6),
    area: { city: false, wards: [], shape: 'none', points: '', circleLat: '', circleLon: '', radius: '' },
  };
}

function fromAlert(a: Alert, forUpdate: boolean): Draft {
  // The server closes polygons: the repeated first corner is not one to edit.
  const corners = [...(a.area.polygon ?? [])];
  const first = corners[0];
  const last = corners[corners.length - 1];
  if (corners.length > 3 && first && last && first[0] === last[0] && first[1] === last[1]) corners.pop();
  const expired = Date.parse(a.expires) <= Date.now();
  return {
    status: a.status,
    category: a.category,
    urgency: a.urgency,
    severity: a.severity,
    certainty: a.certainty,
    info: { vi: { ...noTexts, ...a.info.vi }, en: { ...noTexts, ...a.info.en } },
    onset: toCityInput(a.onset),
    expires: forUpdate && expired ? cityInputIn(6) : toCityInput(a.expires),
    area: {
      city: a.area.city,
      wards: [...a.area.wards],
      shape: a.area.circle ? 'circle' : corners.length > 0 ? 'polygon' : 'none',
      points: corners.map(([lat, lon]) => `${lat}, ${lon}`).join('\n'),
      circleLat: a.area.circle ? String(a.area.circle.lat) : '',
      circleLon: a.area.circle ? String(a.area.circle.lon) : '',
      radius: a.area.circle ? String(a.area.circle.radius_km) : '',
    },
  };
}

// The request's body, or the problems found before asking the server.
function toBody(d: Draft, references: number | null): { body: AlertBody | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const required = st('form.required');
  for (const name of ['category', 'urgency', 'severity', 'certainty'] as const) if (!d[name]) errors[name] = required;
  for (const lang of ['vi', 'en'] as const) {
    for (const field of ['event', 'headline'] as const) if (!d.info[lang][field].trim()) errors[`info.${lang}.${field}`] = required;
  }
  if (!d.expires) errors['expires'] = required;
  const area = d.area;
  const { points, badLine } = parsePoints(area.points);
  const polygon = !area.city && area.shape === 'polygon' && points.length > 0 ? points : null;
  if (!area.city && area.shape === 'polygon' && badLine !== null) errors['area.polygon'] = st('form.points_bad', { line: badLine });
  let circle: AlertBody['area']['circle'] = null;
  if (!area.city && area.shape === 'circle' && (area.circleLat || area.circleLon || area.radius)) {
    const lat = Number(area.circleLat.replace(',', '.'));
    const lon = Number(area.circleLon.replace(',', '.'));
    const radius = Number(area.radius.replace(',', '.'));
    if (!area.circleLat.trim() || !Number.isFinite(lat) || !area.circleLon.trim() || !Number.isFinite(lon)) errors['area.circle'] = st('form.not_a_number');
    else if (!area.radius.trim() || !Number.isFinite(radius)) errors['area.circle.radius_km'] = st('form.not_a_number');
    else circle = { lat, lon, radius_km: radius };
  }
  const wards = area.city ? [] : area.wards;
  if (!area.city && wards.length === 0 && !polygon && !circle && !errors['area.polygon'] && !errors['area.circle'] && !errors['area.circle.radius_km']) {
    errors['area'] = st('form.area_required');
  }
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: AlertBody = {
    status: d.status,
    category: d.category as Category,
    urgency: d.urgency as Urgency,
    severity: d.severity as Severity,
    certainty: d.certainty as Certainty,
    info: { vi: trimmed(d.info.vi), en: trimmed(d.info.en) },
    expires: fromCityInput(d.expires),
    area: { city: area.city, wards, polygon, circle },
  };
  if (d.onset) body.onset = fromCityInput(d.onset);
  if (references !== null) body.references = references;
  return { body, errors };
}

const trimmed = (texts: InfoTexts): InfoTexts => ({
  event: texts.event.trim(),
  headline: texts.headline.trim(),
  description: texts.description.trim(),
  instruction: texts.instruction.trim(),
  area_desc: texts.area_desc.trim(),
});

// The server's message for a field, under the names it may use ("info.vi.headline" or "vi.headline").
function errorFor(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const short = name.replace(/^info\./, '').replace(/^area\./, '');
  return errors[short] ?? errors[name.replace(/\./g, '/')];
}

const fieldOrder = [
  'status',
  'category',
  'urgency',
  'severity',
  'certainty',
  ...(['vi', 'en'] as const).flatMap((lang) => infoFields.map((f) => `info.${lang}.${f}`)),
  'onset',
  'expires',
  'area.city',
  'area.wards',
  'area.polygon',
  'area.circle.lat',
  'area.circle.radius_km',
];

interface Props {
  me: Me;
  editId: number | null; // a draft changed
  updateOf: number | null; // a sent alert updated
}

export function AlertForm({ editId, updateOf }: Props) {
  const title = editId !== null ? st('form.edit_title') : updateOf !== null ? st('form.update_title') : st('form.new_title');
  useTitle(title);
  const [draft, setDraft] = useState<Draft | null>(editId === null && updateOf === null ? blank() : null);
  const [source, setSource] = useState<Alert | null>(null);
  const [wards, setWards] = useState<Area[]>([]);
  const [tiles, setTiles] = useState<{ url: string; attribution: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let live = true;
    loadReference().then(
      (r) => live && setWards(r.areas),
      () => undefined, // no ward list: the area can still be drawn
    );
    getClientConfig().then(
      (c) => live && setTiles({ url: c.map_tiles_url, attribution: c.map_attribution }),
      () => live && setTiles({ url: '', attribution: '' }),
    );
    const from = editId ?? updateOf;
    if (from !== null) {
      getStaffAlert(from).then(
        (a) => {
          if (!live) return;
          setSource(a);
          setDraft(fromAlert(a, updateOf !== null));
        },
        (e: unknown) => live && setError(asApiError(e)),
      );
    }
    return () => {
      live = false;
    };
  }, [editId, updateOf]);

  async function submit(event: Event) {
    event.preventDefault();
    if (!draft || busy) return;
    const { body, errors } = toBody(draft, updateOf);
    if (!body) {
      setError(localProblem(errors));
      focusFirstError(form.current, fieldOrder.filter((n) => errors[n]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = editId !== null ? await updateDraft(editId, body) : await createAlert(body);
      navigate(`/alerts/${saved.id}`, { state: { notice: editId !== null ? 'saved' : 'created' } });
    } catch (e) {
      const problem = asApiError(e);
      setError(problem);
      focusFirstError(form.current, fieldOrder.filter((n) => errorFor(problem.errors, n)));
    } finally {
      setBusy(false);
    }
  }

  const errors = error?.errors ?? {};
  const err = (name: string) => errorFor(errors, name);
  const shown = Object.keys(errors).filter((k) => fieldOrder.some((n) => errorFor({ [k]: 'x' }, n)));
  const set = (change: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...change } : d));
  const setText = (lang: Lang, field: keyof InfoTexts, value: string) =>
    setDraft((d) => (d ? { ...d, info: { ...d.info, [lang]: { ...d.info[lang], [field]: value } } } : d));
  const back = editId !== null ? `/staff/alerts/${editId}` : updateOf !== null ? `/staff/alerts/${updateOf}` : '/staff/alerts';

  return (
    <section aria-labelledby="alert-form-title" class="alerts-staff alert-form">
      <h1 id="alert-form-title" tabIndex={-1}>
        {title}
      </h1>
      {updateOf !== null && source && <p class="lead">{st('form.update_of', { headline: localInfo(source.info).headline })}</p>}
      <ErrorSummary error={error} fieldsShown={shown} />
      {!draft && !error && <p role="status">{t('common.loading')}</p>}
      {draft && (
        <form ref={form} onSubmit={(e) => void submit(e)} noValidate>
          <fieldset>
            <legend>{st('form.kind')}</legend>
            <div class="row">
              <Choice id="alert-status" name="status" label={aw('label.status')} value={draft.status} options={statuses} word={(v) => aw(`status.${v}`)} onChange={(v) => set({ status: v as AlertStatus })} error={err('status')} required />
              <Choice id="alert-category" name="category" label={aw('label.category')} value={draft.category} options={categories} word={(v) => aw(`category.${v}`)} onChange={(v) => set({ category: v as Category })} error={err('category')} />
              <Choice id="alert-urgency" name="urgency" label={aw('label.urgency')} value={draft.urgency} options={urgencies} word={(v) => aw(`urgency.${v}`)} onChange={(v) => set({ urgency: v as Urgency })} error={err('urgency')} />
              <Choice id="alert-severity" name="severity" label={aw('label.severity')} value={draft.severity} options={severities} word={(v) => aw(`severity.${v}`)} onChange={(v) => set({ severity: v as Severity })} error={err('severity')} />
              <Choice id="alert-certainty" name="certainty" label={aw('label.certainty')} value={draft.certainty} options={certainties} word={(v) => aw(`certainty.${v}`)} onChange={(v) => set({ certainty: v as Certainty })} error={err('certainty')} />
            </div>
          </fieldset>

          <div class="alert-texts">
            {(['vi', 'en'] as const).map((lang) => (
              <fieldset key={lang} lang={lang}>
                <legend>{st(lang === 'vi' ? 'form.texts_vi' : 'form.texts_en')}</legend>
                {infoFields.map((field) => (
                  <Text
                    key={field}
                    id={`alert-${lang}-${field}`}
                    name={`info.${lang}.${field}`}
                    label={`${aw(`label.${field}`)} (${lang === 'vi' ? 'VI' : 'EN'})`}
                    value={draft.info[lang][field]}
                    multiline={field === 'description' || field === 'instruction'}
                    onInput={(v) => setText(lang, field, v)}
                    error={err(`info.${lang}.${field}`)}
                  />
                ))}
              </fieldset>
            ))}
          </div>

          <fieldset>
            <legend>{st('form.time')}</legend>
            <p class="hint">{st('form.time_hint')}</p>
            <div class="row">
              <DateTime id="alert-onset" name="onset" label={aw('label.onset')} hint={st('form.onset_hint')} value={draft.onset} onInput={(v) => set({ onset: v })} error={err('onset')} />
              <DateTime id="alert-expires" name="expires" label={aw('label.expires')} hint={st('form.expires_hint')} value={draft.expires} onInput={(v) => set({ expires: v })} error={err('expires')} />
            </div>
          </fieldset>

          <AreaPicker
            value={draft.area}
            onChange={(area) => set({ area })}
            wards={wards}
            tiles={tiles}
            errors={{ area: err('area'), wards: err('area.wards'), polygon: err('area.polygon'), circle: err('area.circle') ?? err('area.circle.lat'), radius: err('area.circle.radius_km') }}
          />

          <p class="actions-inline">
            <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
              {busy ? st('form.saving') : editId !== null ? st('form.save') : st('form.save_new')}
            </button>
            <a class="button secondary" href={back}>
              {st('form.cancel')}
            </a>
          </p>
        </form>
      )}
    </section>
  );
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  error: string | undefined;
}

function Choice<T extends string>(props: FieldProps & { value: T | ''; options: T[]; word: (v: T) => string; onChange: (v: string) => void; required?: boolean }) {
  const { id, name, label, value, options, word, onChange, error, required } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {!required && <option value="">{st('form.choose')}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {word(o)}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function Text(props: FieldProps & { value: string; multiline: boolean; onInput: (v: string) => void }) {
  const { id, name, label, value, multiline, onInput, error } = props;
  const common = {
    id,
    name,
    value,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={4} onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)} />
      ) : (
        <input {...common} type="text" onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function DateTime(props: FieldProps & { hint: string; value: string; onInput: (v: string) => void }) {
  const { id, name, label, hint, value, onInput, error } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        name={name}
        type="datetime-local"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

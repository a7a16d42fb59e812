// The form of one lifecycle step: its fields (a unit, a category, a survivor's code, a message
// or reason with canned replies, proof photos), sent as POST /api/v1/staff/reports/{id}/{action}.
// The server's validation messages appear next to their fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { actOnReport, type StaffReport } from '../../shared/api/staff';
import { describedBy, ErrorSummary, FieldError } from '../../shared/ui/ErrorSummary';
import { PhotoPicker, type PhotoItem } from '../../shared/photos/PhotoPicker';
import { t, type Key } from '../i18n';
import { localName, type Reference } from '../reference';
import { UnitOptions } from '../reports/FilterForm';
import { asApiError } from '../ui/failure';
import type { Step } from './steps';
import { TemplatePicker } from './TemplatePicker';

interface Props {
  report: StaffReport;
  step: Step;
  reference: Reference | null;
  onDone: (report: StaffReport) => void;
  onCancel: () => void;
}

// The text field each step sends, and whether it is required, public or internal.
interface TextField {
  name: 'text' | 'message' | 'reason' | 'result';
  label: Key;
  hint: Key;
  optional?: boolean;
}
const textField: Record<string, TextField | undefined> = {
  assign: { name: 'text', label: 'act.public_message_optional', hint: 'act.public_hint', optional: true },
  accept: { name: 'text', label: 'act.public_message_optional', hint: 'act.public_hint', optional: true },
  progress: { name: 'message', label: 'act.progress_message', hint: 'act.public_hint' },
  resolve: { name: 'result', label: 'act.result', hint: 'act.public_hint' },
  reject: { name: 'reason', label: 'act.reject_reason', hint: 'act.public_hint' },
  'hand-back': { name: 'reason', label: 'act.hand_back_reason', hint: 'act.internal_hint' },
  note: { name: 'text', label: 'act.note_text', hint: 'act.internal_hint' },
};

export function StepForm({ report, step, reference, onDone, onCancel }: Props) {
  const action = step.action;
  const id = `step-${action}`;
  const [unit, setUnit] = useState(action === 'assign' && !step.transfer && report.unit_proposed && report.unit ? report.unit.code : '');
  const [category, setCategory] = useState('');
  const [into, setInto] = useState('');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [photoProblem, setPhotoProblem] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const field = textField[action];
  const withPhotos = action === 'progress' || action === 'resolve';

  // The form opens with focus on its first field.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, []);

  function body(): Record<string, unknown> {
    const b: Record<string, unknown> = {};
    if (action === 'assign' && unit) b['unit'] = unit;
    if (action === 'reclassify') b['category'] = category;
    if (action === 'merge') b['into'] = into.trim();
    if (field && (text.trim() || !field.optional)) b[field.name] = text;
    if (withPhotos) {
      const ids = photos.flatMap((p) => (p.media ? [p.media.id] : []));
      if (ids.length > 0) b['photos'] = ids;
    }
    return b;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    // Every photo must be uploaded before the step names it (a "queued" one waits for the network).
    if (photos.some((p) => p.state === 'failed')) return setPhotoProblem(t('send.photos_failed'));
    if (photos.some((p) => p.state !== 'done')) return setPhotoProblem(t('send.photos_pending'));
    setPhotoProblem('');
    setBusy(true);
    setError(null);
    try {
      onDone(await actOnReport(report.id, action, body() as never));
    } catch (e) {
      const failure = asApiError(e);
      setError(failure);
      setBusy(false);
      requestAnimationFrame(() => {
        const first = Object.keys(failure.errors)[0];
        const target = (first && form.current?.querySelector<HTMLElement>(`[name="${first}"]`)) || form.current?.querySelector<HTMLElement>('.notice.error');
        if (target) {
          if (!/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.tabIndex = -1;
          target.focus();
        }
      });
    }
  }

  const err = (name: string) => error?.errors[name];
  const shown = ['unit', 'category', 'into', 'photos', field?.name ?? ''];
  return (
    <form ref={form} id={id} class="step-form card" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(step.open)}</h3>
      <ErrorSummary error={error} fieldsShown={shown} />

      {action === 'assign' && (
        <div class="field">
          <label for={`${id}-unit`}>{t('act.unit')}</label>
          {report.unit_proposed && report.unit && (
            <p class="hint" id={`${id}-unit-hint`}>
              {t('act.unit_proposed', { unit: report.unit.name ?? report.unit.code })}
            </p>
          )}
          <select
            id={`${id}-unit`}
            name="unit"
            value={unit}
            aria-invalid={err('unit') ? 'true' : undefined}
            aria-describedby={describedBy(report.unit_proposed && `${id}-unit-hint`, err('unit') && `${id}-unit-error`)}
            onChange={(e) => setUnit((e.currentTarget as HTMLSelectElement).value)}
          >
            {step.transfer && <option value="">{t('act.choose_unit')}</option>}
            {reference && <UnitOptions reference={reference} />}
          </select>
          <FieldError id={`${id}-unit-error`} message={err('unit')} />
        </div>
      )}

      {action === 'reclassify' && (
        <div class="field">
          <label for={`${id}-category`}>{t('act.new_category')}</label>
          <select
            id={`${id}-category`}
            name="category"
            value={category}
            aria-invalid={err('category') ? 'true' : undefined}
            aria-describedby={describedBy(err('category') && `${id}-category-error`)}
            onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('act.choose_category')}</option>
            {reference?.categories
              .filter((c) => c.code !== report.category.code)
              .map((c) => (
                <option key={c.code} value={c.code}>
                  {localName(c)}
                </option>
              ))}
          </select>
          <FieldError id={`${id}-category-error`} message={err('category')} />
        </div>
      )}

      {action === 'merge' && (
        <div class="field">
          <label for={`${id}-into`}>{t('act.merge_into')}</label>
          <p class="hint" id={`${id}-into-hint`}>
            {t('act.merge_hint')}
          </p>
          <input
            id={`${id}-into`}
            name="into"
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={into}
            aria-invalid={err('into') ? 'true' : undefined}
            aria-describedby={describedBy(`${id}-into-hint`, err('into') && `${id}-into-error`)}
            onInput={(e) => setInto((e.currentTarget as HTMLInputElement).value)}
          />
          <FieldError id={`${id}-into-error`} message={err('into')} />
        </div>
      )}

      {field && (
        <div class="field">
          <label for={`${id}-text`}>{t(field.label)}</label>
          <p class="hint" id={`${id}-text-hint`}>
            {t(field.hint)}
          </p>
          <textarea
            ref={area}
            id={`${id}-text`}
            name={field.name}
            rows={4}
            maxLength={4000}
            value={text}
            aria-invalid={err(field.name) ? 'true' : undefined}
            aria-describedby={describedBy(`${id}-text-hint`, err(field.name) && `${id}-text-error`)}
            onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <FieldError id={`${id}-text-error`} message={err(field.name)} />
          <TemplatePicker action={action} target={area} value={text} onInsert={setText} />
        </div>
      )}

      {withPhotos && <PhotoPicker photos={photos} onChange={setPhotos} error={photoProblem || err('photos')} />}

      <p class="actions-inline">
        <button type="submit" class={`button ${step.danger ? 'danger' : 'primary'}`} aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('act.sending') : t(step.submit)}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

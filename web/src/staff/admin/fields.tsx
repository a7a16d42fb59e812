// Labelled form fields for the administration's forms: a hint and the server's message under the
// field (named by aria-describedby, with aria-invalid), so that an error reads where it belongs.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../../shared/api';
import { describedBy, FieldError } from '../../shared/ui/ErrorSummary';

interface Common {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}

const aria = ({ id, hint, error }: Common) => ({
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': describedBy(hint && `${id}-hint`, error && `${id}-error`),
});

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function TextField(
  props: Common & { name: string; value: string; onInput: (value: string) => void; type?: 'text' | 'password' | 'number' | 'date' | 'datetime-local'; required?: boolean; autoComplete?: string; inputMode?: 'numeric' | 'text'; maxLength?: number; readOnly?: boolean },
) {
  const { id, label, hint, error, name, value, onInput, type = 'text', ...rest } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Hint id={id} hint={hint} />
      {/* Preact types <input> as a union by `type`; the types here take the same attributes. */}
      <input id={id} name={name} type={type as 'text'} value={value} {...rest} {...aria(props)} onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function TextAreaField(
  props: Common & { name: string; value: string; onInput: (value: string) => void; rows?: number; maxLength?: number; required?: boolean },
) {
  const { id, label, hint, error, name, value, onInput, rows = 4, ...rest } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <textarea id={id} name={name} rows={rows} value={value} {...rest} {...aria(props)} onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function SelectField(props: Common & { name: string; value: string; onChange: (value: string) => void; children: ComponentChildren; disabled?: boolean }) {
  const { id, label, hint, error, name, value, onChange, children, disabled } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <select id={id} name={name} value={value} disabled={disabled} {...aria(props)} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {children}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function CheckField(props: Common & { name: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const { id, label, hint, error, name, checked, onChange } = props;
  return (
    <div class="check-field">
      <input id={id} name={name} type="checkbox" checked={checked} {...aria(props)} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

// The messages to show by each field: the server's `errors`, plus a problem whose code belongs to
// one field (the accounts API answers `password_too_short`, `unit_required`, ... without
// `errors`), given its detail or the message in `messages`.
export function fieldErrors(error: ApiError | null, codeFields: Record<string, string> = {}, messages: Record<string, string> = {}): Record<string, string> {
  if (!error) return {};
  const byField = { ...error.errors };
  const field = codeFields[error.code];
  if (field && !byField[field]) byField[field] = messages[error.code] ?? error.detail;
  return byField;
}

// Moves focus to the first field with an error in `form`, or else to its error summary.
export function focusFirstError(form: HTMLFormElement | null, fields: string[]) {
  requestAnimationFrame(() => {
    if (!form) return;
    const name = fields.find((n) => form.querySelector(`[name="${n}"]`));
    const target = (name && form.querySelector<HTMLElement>(`[name="${name}"]`)) || form.querySelector<HTMLElement>('.notice.error');
    if (!target) return;
    if (!/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.tabIndex = -1;
    target.focus();
  });
}

// A polite live region that is always in the page, so that the message put in it is announced;
// it shows as a success notice while it has one.
export function Announce({ message }: { message: string }) {
  return <div role="status">{message && <p class="notice success">{message}</p>}</div>;
}

// Back to the section's heading, when the form that had focus closes.
export function focusSection() {
  requestAnimationFrame(() => document.getElementById('adm-section-title')?.focus());
}

// Problems found before asking the server (nothing chosen, no code), shaped like the server's.
export function localProblem(errors: Record<string, string>): ApiError {
  const detail = Object.values(errors).join(' ');
  return new ApiError(422, { type: '', title: detail, status: 422, detail, code: 'invalid', errors }, detail);
}

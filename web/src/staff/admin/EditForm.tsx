// The frame every administration form shares: a titled card whose heading takes focus when it
// opens, the error summary, the fields (handed each field's message), and Save and Cancel. On
// submit it runs the checks that need no server (`check`), then `save`; what either refuses is
// shown and focus moves to the first field in error. The form owns only the draft it edits.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { asApiError } from '../ui/failure';
import { fieldErrors, focusFirstError, localProblem } from './fields';

interface Props {
  id: string; // the heading's id, which names the form
  title: string;
  fields: readonly string[]; // the fields on screen: their errors show by them, not in the summary
  // Problems found before asking the server, by field (none: an empty object).
  check?: () => Record<string, string>;
  // Saves the draft; resolves once saved (the caller then closes the form), rejects with the
  // server's problem.
  save: () => Promise<void>;
  onCancel: () => void;
  // A problem code that belongs to one field (fieldErrors' codeFields and messages).
  codeFields?: Record<string, string>;
  messages?: Record<string, string>;
  children: (errors: Record<string, string>, busy: boolean) => ComponentChildren;
}

export function EditForm({ id, title, fields, check, save, onCancel, codeFields, messages, children }: Props) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const missing = check?.() ?? {};
    if (Object.keys(missing).length > 0) {
      setError(localProblem(missing));
      focusFirstError(form.current, [...fields.filter((f) => f in missing), ...Object.keys(missing)]);
      return;
    }
    setBusy(true);
    try {
      await save();
    } catch (e) {
      const failure = asApiError(e);
      setError(failure);
      // The first field in error in the order of the screen, not of the server's answer.
      const wrong = Object.keys(fieldErrors(failure, codeFields, messages));
      focusFirstError(form.current, [...fields.filter((f) => wrong.includes(f)), ...wrong]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} class="card admin-form" noValidate onSubmit={submit} aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <ErrorSummary error={error} fieldsShown={fields} />
      {children(fieldErrors(error, codeFields, messages), busy)}
      <p class="actions-inline">
        <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('adm.saving') : t('adm.save')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

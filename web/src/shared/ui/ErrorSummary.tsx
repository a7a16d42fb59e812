// The server's problem, as a person reads it: its detail and, for validation, each field's message.
// Field messages also appear next to their fields (FieldError); the summary lists the ones that
// have no field on the screen.
import type { ApiError } from '../api';
import { t } from '../i18n';

interface Props {
  error: ApiError | null;
  fieldsShown?: readonly string[];
}

export function ErrorSummary({ error, fieldsShown = [] }: Props) {
  if (!error) return null;
  const others = Object.entries(error.errors).filter(([field]) => !fieldsShown.includes(field));
  return (
    <div class="notice error" role="alert">
      <p>{error.detail}</p>
      {others.length > 0 && (
        <ul>
          {others.map(([field, message]) => (
            <li key={field}>
              <strong>{field}</strong>: {message}
            </li>
          ))}
        </ul>
      )}
      {Object.keys(error.errors).length > others.length && <p>{t('error.see_fields')}</p>}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id}>
      {message}
    </p>
  );
}

// The ids a field's aria-describedby should name: its hint and, when present, its error.
export function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

// Adding a staff account: username, display name, role, unit (unit staff only, from
// /api/v1/units) and an initial password. The person enrols their authenticator app at their
// first sign-in. The server's messages show by their fields.
import { useRef, useState } from 'preact/hooks';
import type { ApiError, Role } from '../../shared/api';
import type { Unit } from '../../shared/api/staff';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { unitKindOrder } from '../reference';
import { asApiError } from '../ui/failure';
import { accountCodeFields, accountMessages, roleLabel, staffRoles } from './accounts';
import { createAccount, type Account, type NewAccount } from './api';
import { fieldErrors, focusFirstError, SelectField, TextField } from './fields';
import { UnitChoices } from './UnitChoices';

const fields = ['username', 'display_name', 'role', 'unit', 'password'];

interface Props {
  units: Unit[];
  onCreated: (account: Account) => void;
  onCancel: () => void;
}

export function NewUserForm({ units, onCreated, onCancel }: Props) {
  const [draft, setDraft] = useState({ username: '', display_name: '', role: 'operator' as Role, unit: '', password: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const errors = fieldErrors(error, accountCodeFields, accountMessages());

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const account: NewAccount = { username: draft.username.trim(), role: draft.role, password: draft.password };
    if (draft.display_name.trim()) account.display_name = draft.display_name.trim();
    if (draft.role === 'unit_staff' && draft.unit) account.unit = draft.unit;
    setBusy(true);
    try {
      const made = await createAccount(account);
      setError(null);
      onCreated(made);
    } catch (e) {
      const failure = asApiError(e);
      setError(failure);
      focusFirstError(form.current, Object.keys(fieldErrors(failure, accountCodeFields)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} class="card admin-form" noValidate onSubmit={submit} aria-labelledby="adm-new-user-title">
      <h3 id="adm-new-user-title">{t('adm.new_user')}</h3>
      <ErrorSummary error={error} fieldsShown={fields} />
      <div class="row">
        <TextField id="adm-nu-username" name="username" label={t('adm.username')} hint={t('adm.username_hint')} value={draft.username} error={errors['username']} autoComplete="off" maxLength={64} onInput={(v) => set({ username: v })} />
        <TextField id="adm-nu-name" name="display_name" label={t('adm.display_name')} value={draft.display_name} error={errors['display_name']} autoComplete="off" onInput={(v) => set({ display_name: v })} />
        <SelectField id="adm-nu-role" name="role" label={t('adm.role')} value={draft.role} error={errors['role']} onChange={(v) => set({ role: v as Role })}>
          {staffRoles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="adm-nu-unit"
          name="unit"
          label={t('adm.unit')}
          hint={t('adm.unit_hint')}
          value={draft.role === 'unit_staff' ? draft.unit : ''}
          disabled={draft.role !== 'unit_staff'}
          error={errors['unit']}
          onChange={(v) => set({ unit: v })}
        >
          <option value="">{draft.role === 'unit_staff' ? t('adm.choose_unit') : t('adm.no_unit')}</option>
          <UnitChoices units={units} order={unitKindOrder} />
        </SelectField>
      </div>
      <TextField
        id="adm-nu-password"
        name="password"
        type="password"
        label={t('adm.initial_password')}
        hint={t('adm.password_hint')}
        value={draft.password}
        error={errors['password']}
        autoComplete="new-password"
        onInput={(v) => set({ password: v })}
      />
      <p class="notice">{t('adm.totp_first')}</p>
      <p class="actions-inline">
        <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('adm.saving') : t('adm.create_user')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

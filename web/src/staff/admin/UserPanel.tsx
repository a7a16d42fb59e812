// One account, opened from the list: its role, unit and display name (PATCH; a new role or unit
// ends its sessions), disabling or enabling it, a new password, and forcing a new enrolment of
// its authenticator app (the secret and recovery codes go; the person enrols again at their next
// sign-in). Disabling and the re-enrolment ask to be confirmed first. Citizens sign in with VNeID:
// their accounts have neither a password nor an authenticator to manage here.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, Role } from '../../shared/api';
import type { Unit } from '../../shared/api/staff';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { formatDateTime, t } from '../i18n';
import { unitKindOrder } from '../reference';
import { asApiError } from '../ui/failure';
import { accountCodeFields, accountMessages, allRoles, roleLabel } from './accounts';
import { changeAccount, resetTotp, setPassword, type Account } from './api';
import { Announce, fieldErrors, focusFirstError, SelectField, TextField } from './fields';
import { UnitChoices } from './UnitChoices';

interface Props {
  account: Account;
  units: Unit[];
  unitName: (code: string | null) => string;
  onChanged: (account: Account) => void;
  onClose: () => void;
}

type Busy = '' | 'change' | 'access' | 'password' | 'totp';
type Failure = { part: Busy; error: ApiError } | null;

export function UserPanel({ account, units, unitName, onChanged, onClose }: Props) {
  const [draft, setDraft] = useState({ role: account.role, unit: account.unit ?? '', display_name: account.display_name });
  const [password, setPasswordDraft] = useState('');
  const [confirming, setConfirming] = useState<'' | 'disable' | 'totp'>('');
  const [busy, setBusy] = useState<Busy>('');
  const [failure, setFailure] = useState<Failure>(null);
  const [notice, setNotice] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const changeForm = useRef<HTMLFormElement>(null);
  const passwordForm = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const name = account.username;

  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: 'start' });
    heading.current?.focus();
  }, []);

  // The confirming button takes the place of the one chosen: focus goes to it.
  useEffect(() => {
    if (confirming) document.getElementById(`adm-confirm-${confirming}`)?.focus();
  }, [confirming]);

  async function run(part: Busy, action: () => Promise<string>, form?: HTMLFormElement | null) {
    if (busy) return;
    setBusy(part);
    setNotice('');
    try {
      const message = await action();
      setFailure(null);
      setNotice(message);
    } catch (e) {
      const error = asApiError(e);
      setFailure({ part, error });
      if (form) focusFirstError(form, Object.keys(fieldErrors(error, accountCodeFields)));
    } finally {
      setBusy('');
      setConfirming('');
      // A step's button may be gone (disable becomes enable): keep focus in the panel.
      requestAnimationFrame(() => {
        if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
      });
    }
  }

  const saveChange = (event: Event) => {
    event.preventDefault();
    void run(
      'change',
      async () => {
        const unit = draft.role === 'unit_staff' ? draft.unit : '';
        onChanged(await changeAccount(account.id, { role: draft.role, unit, display_name: draft.display_name.trim() }));
        return t('adm.user_saved', { username: name });
      },
      changeForm.current,
    );
  };

  const setAccess = (disabled: boolean) =>
    run('access', async () => {
      onChanged(await changeAccount(account.id, { disabled }));
      return t(disabled ? 'adm.disabled_done' : 'adm.enabled_done', { username: name });
    });

  const savePassword = (event: Event) => {
    event.preventDefault();
    void run(
      'password',
      async () => {
        await setPassword(account.id, password);
        setPasswordDraft('');
        return t('adm.password_done', { username: name });
      },
      passwordForm.current,
    );
  };

  const forceEnrolment = () =>
    run('totp', async () => {
      await resetTotp(account.id);
      onChanged({ ...account, totp_enrolled: false });
      return t('adm.totp_reset_done', { username: name });
    });

  const errorOf = (part: Busy) => (failure?.part === part ? failure.error : null);
  const changeErrors = fieldErrors(errorOf('change'), accountCodeFields, accountMessages());
  const passwordErrors = fieldErrors(errorOf('password'), accountCodeFields);

  function close() {
    onClose();
    requestAnimationFrame(() => document.getElementById(`adm-manage-${account.id}`)?.focus());
  }

  return (
    <section class="card user-panel" aria-labelledby="adm-user-title">
      <div class="panel-head">
        <h3 id="adm-user-title" ref={heading} tabIndex={-1}>
          {t('adm.account_title', { username: name })}
        </h3>
        <button type="button" class="button secondary small" onClick={close}>
          {t('adm.close')}
        </button>
      </div>
      <p class="hint">
        {roleLabel(account.role)}
        {account.unit && ` · ${unitName(account.unit)}`} · {t(account.disabled ? 'adm.disabled' : 'adm.active')} · {t('adm.account_meta', { created: formatDateTime(account.created_at) })}
      </p>
      <Announce message={notice} />

      <form ref={changeForm} noValidate onSubmit={saveChange} aria-labelledby="adm-change-title">
        <h4 id="adm-change-title">{t('adm.change_title')}</h4>
        <ErrorSummary error={errorOf('change')} fieldsShown={['role', 'unit', 'display_name']} />
        <div class="row">
          <SelectField id="adm-u-role" name="role" label={t('adm.role')} value={draft.role} error={changeErrors['role']} onChange={(v) => set({ role: v as Role })}>
            {allRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="adm-u-unit"
            name="unit"
            label={t('adm.unit')}
            hint={t('adm.unit_hint')}
            value={draft.role === 'unit_staff' ? draft.unit : ''}
            disabled={draft.role !== 'unit_staff'}
            error={changeErrors['unit']}
            onChange={(v) => set({ unit: v })}
          >
            <option value="">{draft.role === 'unit_staff' ? t('adm.choose_unit') : t('adm.no_unit')}</option>
            <UnitChoices units={units} order={unitKindOrder} />
          </SelectField>
        </div>
        <TextField id="adm-u-name" name="display_name" label={t('adm.display_name')} value={draft.display_name} error={changeErrors['display_name']} onInput={(v) => set({ display_name: v })} />
        <p class="hint">{t('adm.change_note')}</p>
        <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
          {busy === 'change' ? t('adm.saving') : t('adm.save')}
        </button>
      </form>

      <section aria-labelledby="adm-access-title">
        <h4 id="adm-access-title">{t('adm.access_title')}</h4>
        <ErrorSummary error={errorOf('access')} />
        {account.disabled ? (
          <button type="button" class="button secondary" onClick={() => setAccess(false)}>
            {t('adm.enable')}
          </button>
        ) : (
          <>
            <p class="hint" id="adm-disable-note">
              {t('adm.disable_note')}
            </p>
            {confirming === 'disable' ? (
              <p class="actions-inline">
                <button type="button" id="adm-confirm-disable" class="button danger" onClick={() => setAccess(true)}>
                  {t('adm.confirm_disable', { username: name })}
                </button>
                <button type="button" class="button secondary" onClick={() => setConfirming('')}>
                  {t('common.cancel')}
                </button>
              </p>
            ) : (
              <button type="button" class="button secondary" aria-describedby="adm-disable-note" onClick={() => setConfirming('disable')}>
                {t('adm.disable')}
              </button>
            )}
          </>
        )}
      </section>

      {account.role !== 'citizen' && (
        <form ref={passwordForm} noValidate onSubmit={savePassword} aria-labelledby="adm-password-title">
          <h4 id="adm-password-title">{t('adm.password_title')}</h4>
          <ErrorSummary error={errorOf('password')} fieldsShown={['password']} />
          <TextField
            id="adm-u-password"
            name="password"
            type="password"
            label={t('adm.new_password')}
            hint={t('adm.password_note')}
            value={password}
            error={passwordErrors['password']}
            autoComplete="new-password"
            onInput={setPasswordDraft}
          />
          <button type="submit" class="button secondary" aria-disabled={busy ? 'true' : undefined}>
            {busy === 'password' ? t('adm.saving') : t('adm.set_password')}
          </button>
        </form>
      )}

      {account.role !== 'citizen' && (
        <section aria-labelledby="adm-totp-title">
          <h4 id="adm-totp-title">{t('adm.totp_title')}</h4>
          <p>{t(account.totp_enrolled ? 'adm.totp_state_on' : 'adm.totp_state_off')}</p>
          <p class="hint" id="adm-totp-note">
            {t('adm.totp_reset_note')}
          </p>
          <ErrorSummary error={errorOf('totp')} />
          {confirming === 'totp' ? (
            <p class="actions-inline">
              <button type="button" id="adm-confirm-totp" class="button danger" onClick={forceEnrolment}>
                {t('adm.confirm_totp', { username: name })}
              </button>
              <button type="button" class="button secondary" onClick={() => setConfirming('')}>
                {t('common.cancel')}
              </button>
            </p>
          ) : (
            <button type="button" class="button secondary" aria-describedby="adm-totp-note" onClick={() => setConfirming('totp')}>
              {t('adm.totp_reset')}
            </button>
          )}
        </section>
      )}
    </section>
  );
}

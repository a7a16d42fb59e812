// Accounts and roles: the accounts by id, 100 a page, filtered by role (kept in the address);
// adding a staff account; and, for one account, its role, unit and name, disabling, a new
// password and a forced re-enrolment of the authenticator (UserPanel).
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { listUnits, type Unit } from '../../shared/api/staff';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { localName } from '../reference';
import { navigate } from '../router';
import { asApiError } from '../ui/failure';
import { allRoles, roleLabel } from './accounts';
import { listAccounts, type Account } from './api';
import { Announce } from './fields';
import { NewUserForm } from './NewUserForm';
import { UserPanel } from './UserPanel';

export function Users({ query }: { query: URLSearchParams }) {
  const role = query.get('role') ?? '';
  const [roleDraft, setRoleDraft] = useState(role);
  const [items, setItems] = useState<Account[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    listUnits().then(
      (answer) => setUnits(answer.items),
      () => setUnits([]),
    );
  }, []);

  async function load(after: string | null) {
    setLoading(true);
    try {
      const page = await listAccounts(role, after);
      setItems((old) => (after ? [...old, ...page.items] : page.items));
      setNext(page.next);
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setRoleDraft(role);
    setSelected(null);
    void load(null);
  }, [role]);

  const unitName = (code: string | null) => {
    const unit = code ? units.find((u) => u.code === code) : undefined;
    return unit ? localName(unit) : code ?? '';
  };

  function changed(account: Account) {
    setItems((old) => old.map((a) => (a.id === account.id ? account : a)));
  }

  function created(account: Account) {
    setCreating(false);
    setNotice(t('adm.user_created', { username: account.username }));
    if (!next && (!role || role === account.role)) setItems((old) => [...old, account]);
    setSelected(account.id);
  }

  function filter(event: Event) {
    event.preventDefault();
    navigate(`/admin?section=users${roleDraft ? `&role=${encodeURIComponent(roleDraft)}` : ''}`);
  }

  const account = items.find((a) => a.id === selected) ?? null;
  return (
    <>
      <p class="lead">{t('adm.users_lead')}</p>
      <Announce message={notice} />
      <p>
        <button type="button" class="button primary" aria-expanded={creating ? 'true' : 'false'} aria-controls="adm-new-user" onClick={() => setCreating(!creating)}>
          {t('adm.new_user')}
        </button>
      </p>
      <div id="adm-new-user">{creating && <NewUserForm units={units} onCreated={created} onCancel={() => setCreating(false)} />}</div>
      {account && <UserPanel key={account.id} account={account} units={units} unitName={unitName} onChanged={changed} onClose={() => setSelected(null)} />}

      <form class="inline-filter" onSubmit={filter} aria-label={t('adm.role_filter')}>
        <div class="field">
          <label for="adm-role-filter">{t('adm.role_filter')}</label>
          <select id="adm-role-filter" value={roleDraft} onChange={(e) => setRoleDraft((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('adm.all_roles')}</option>
            {allRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          {t('adm.filter')}
        </button>
      </form>
      <ErrorSummary error={error} />
      <p role="status" class="result-count">
        {loading ? t('common.loading') : items.length === 0 ? t('adm.users_empty') : t(next ? 'adm.users_count_more' : 'adm.users_count', { n: items.length })}
      </p>
      {items.length > 0 && (
        <div class="table-scroll" role="region" aria-label={t('adm.table_region', { name: t('adm.users') })} tabIndex={0}>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('adm.col_username')}</th>
                <th scope="col">{t('adm.col_name')}</th>
                <th scope="col">{t('adm.col_role')}</th>
                <th scope="col">{t('adm.col_unit')}</th>
                <th scope="col">{t('adm.col_state')}</th>
                <th scope="col">{t('adm.col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} class={a.disabled ? 'is-disabled' : undefined}>
                  <th scope="row" class="mono">
                    {a.username}
                  </th>
                  <td>{a.display_name}</td>
                  <td>{roleLabel(a.role)}</td>
                  <td>{unitName(a.unit)}</td>
                  <td>
                    <span class={`badge ${a.disabled ? 'off' : 'on'}`}>{t(a.disabled ? 'adm.disabled' : 'adm.active')}</span>
                    {a.role !== 'citizen' && <span class="cell-note">{t(a.totp_enrolled ? 'adm.totp_on' : 'adm.totp_off')}</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button secondary small"
                      id={`adm-manage-${a.id}`}
                      aria-expanded={selected === a.id ? 'true' : 'false'}
                      onClick={() => setSelected(selected === a.id ? null : a.id)}
                    >
                      {t('adm.manage')}
                      <span class="visually-hidden"> {a.username}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p>
          <button type="button" class="button secondary" aria-disabled={loading ? 'true' : undefined} onClick={() => !loading && load(next)}>
            {t('adm.more')}
          </button>
        </p>
      )}
    </>
  );
}

// The directory of public apps (/staff/admin?section=apps): every app in the residents' order,
// the inactive ones too, with the way to add one, change it (AppForm), hide or show it, move it
// up or down (PUT /api/v1/admin/apps/order) and remove it after a confirmation.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import type { AdminApp } from '../../shared/apps/api';
import { AppIcon } from '../../shared/apps/Monogram';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { asApiError } from '../ui/failure';
import { deleteApp, listAdminApps, orderApps, updateApp } from './api';
import { AppForm, appCategoryLabel, bodyOf } from './AppForm';
import { Announce, focusSection } from './fields';

export function PublicApps() {
  const [apps, setApps] = useState<AdminApp[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<AdminApp | 'new' | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  const load = () =>
    listAdminApps().then(
      (answer) => {
        setApps(answer.items);
        setError(null);
      },
      (e: unknown) => setError(asApiError(e)),
    );
  useEffect(() => {
    void load();
  }, []);

  // One change at a time; the list is read again after it (or taken from the answer).
  async function act(change: () => Promise<void>, message: string) {
    if (busy) return;
    setBusy(true);
    try {
      await change();
      setNotice(message);
      setError(null);
    } catch (e) {
      setError(asApiError(e));
      void load();
    } finally {
      setBusy(false);
    }
  }

  function move(app: AdminApp, by: -1 | 1, buttonId: string) {
    if (!apps) return;
    const ids = apps.map((a) => a.id);
    const from = ids.indexOf(app.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    void act(async () => {
      setApps((await orderApps(ids)).items);
      // Focus follows the app to its new row (or to the other button when it reached an end).
      requestAnimationFrame(() => {
        const other = buttonId.replace(by < 0 ? '-up' : '-down', by < 0 ? '-down' : '-up');
        const target = document.getElementById(buttonId) as HTMLButtonElement | null;
        (target && !target.disabled ? target : document.getElementById(other))?.focus();
      });
    }, t('adm.app_moved', { name: app.name, n: to + 1 }));
  }

  function toggle(app: AdminApp) {
    void act(async () => {
      await updateApp(app.id, { ...bodyOf(app), active: !app.active });
      await load();
    }, t(app.active ? 'adm.app_hidden' : 'adm.app_shown', { name: app.name }));
  }

  function remove(app: AdminApp) {
    void act(async () => {
      await deleteApp(app.id);
      setConfirming(null);
      focusSection();
      await load();
    }, t('adm.app_removed', { name: app.name }));
  }

  function saved(name: string, created: boolean) {
    setEditing(null);
    focusSection();
    setNotice(t(created ? 'adm.app_created' : 'adm.app_saved', { name }));
    void load();
  }

  return (
    <>
      <p class="lead">{t('adm.apps_lead')}</p>
      <Announce message={notice} />
      {editing === null && (
        <p>
          <button type="button" class="button primary" onClick={() => setEditing('new')}>
            {t('adm.new_app')}
          </button>
        </p>
      )}
      {editing !== null && (
        <AppForm
          key={editing === 'new' ? 'new' : editing.id}
          app={editing === 'new' ? null : editing}
          onSaved={saved}
          onCancel={() => {
            setEditing(null);
            focusSection();
          }}
        />
      )}
      <ErrorSummary error={error} />
      {!apps && !error && <p class="loading">{t('common.loading')}</p>}
      {apps && (
        <>
          <p role="status" class="result-count">
            {t('adm.apps_count', { n: apps.length })}
          </p>
          <div class="table-scroll" role="region" aria-label={t('adm.table_region', { name: t('adm.apps') })} tabIndex={0}>
            <table class="admin-table apps-table">
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('adm.col_order')}
                  </th>
                  <th scope="col">{t('adm.col_app')}</th>
                  <th scope="col">{t('adm.col_category')}</th>
                  <th scope="col">{t('adm.app_vneid_short')}</th>
                  <th scope="col">{t('adm.col_state')}</th>
                  <th scope="col">{t('adm.col_actions')}</th>
                </tr>
              </thead>
              <tbody>
                {apps.map((app, index) => (
                  <tr key={app.id} class={app.active ? undefined : 'is-disabled'}>
                    <td class="num">{index + 1}</td>
                    <th scope="row">
                      <span class="app-cell">
                        <AppIcon app={app} size={32} />
                        {app.name}
                      </span>
                    </th>
                    <td>{appCategoryLabel(app.category)}</td>
                    <td>{app.vneid_sign_in ? t('adm.yes') : t('adm.no')}</td>
                    <td>{app.active ? t('adm.app_active') : t('adm.app_inactive')}</td>
                    <td>
                      {confirming === app.id ? (
                        <span class="actions-inline" role="group" aria-label={t('adm.app_confirm_remove', { name: app.name })}>
                          <span>{t('adm.app_confirm_remove', { name: app.name })}</span>
                          <button type="button" class="button danger small" aria-disabled={busy ? 'true' : undefined} onClick={() => remove(app)}>
                            {t('adm.remove')}
                          </button>
                          <button type="button" class="button secondary small" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <span class="actions-inline">
                          <button type="button" class="button secondary small" onClick={() => setEditing(app)}>
                            {t('adm.edit')}
                            <span class="visually-hidden"> {app.name}</span>
                          </button>
                          <button id={`app-${app.id}-up`} type="button" class="button secondary small" disabled={index === 0} aria-disabled={busy ? 'true' : undefined} onClick={() => move(app, -1, `app-${app.id}-up`)}>
                            {t('adm.move_up')}
                            <span class="visually-hidden"> {app.name}</span>
                          </button>
                          <button id={`app-${app.id}-down`} type="button" class="button secondary small" disabled={index === apps.length - 1} aria-disabled={busy ? 'true' : undefined} onClick={() => move(app, 1, `app-${app.id}-down`)}>
                            {t('adm.move_down')}
                            <span class="visually-hidden"> {app.name}</span>
                          </button>
                          <button type="button" class="button secondary small" aria-disabled={busy ? 'true' : undefined} onClick={() => toggle(app)}>
                            {app.active ? t('adm.app_hide') : t('adm.app_show')}
                            <span class="visually-hidden"> {app.name}</span>
                          </button>
                          <button type="button" class="button secondary small" onClick={() => setConfirming(app.id)}>
                            {t('adm.remove')}
                            <span class="visually-hidden"> {app.name}</span>
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

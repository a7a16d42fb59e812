// Profile and privacy (Law 91/2025/QH15): my consents per purpose, my data as a download, my
// sessions, deleting my account, and signing out.
import { useEffect, useState } from 'preact/hooks';
import {
  ApiError,
  deleteAccount,
  endSession,
  exportUrl,
  getConsents,
  listSessions,
  logout,
  putConsent,
  type ConsentItem,
  type DeletionResult,
  type SessionInfo,
} from '../../../shared/api';
import { formatDateTime, t, type MessageKey } from '../../../shared/i18n';
import { stopLive } from '../../../shared/live';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { lazy } from '../../../shared/ui/lazy';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { describeDevice } from './device';
import { HomeWard } from './HomeWard';

export async function signOut(): Promise<void> {
  stopLive(); // the stream of the session that ends; the next page opens its own
  let answer: { end_session_url?: string } | undefined;
  try {
    answer = await logout();
  } catch {
    // Already signed out (401) or offline: the app forgets the session either way.
  }
  // A citizen signed in with VNeID is signed out there too; the provider brings the browser back.
  window.location.assign(answer?.end_session_url ?? '/app/');
}

// Push on this device, the devices and what to be told about: a chunk of its own.
const NotificationSettings = lazy(() => import('./NotificationSettings').then((m) => m.NotificationSettings));

export function Profile() {
  useTitle(t('profile.title'));
  const { me, setMe } = useSession();
  const [consentsSeen, setConsentsSeen] = useState(0); // turning push on records a consent: shown again
  if (!me) return null;
  return (
    <>
      <h1 tabIndex={-1}>{t('profile.title')}</h1>
      <p>{t('profile.signed_in_as', { name: me.display_name || me.username })}</p>
      <p>
        <button type="button" class="button secondary" onClick={() => void signOut()}>
          {t('profile.sign_out')}
        </button>
      </p>
      {me.role === 'citizen' && <HomeWard />}
      {me.role === 'citizen' && <Consents key={consentsSeen} />}
      <NotificationSettings citizen={me.role === 'citizen'} unitStaff={me.role === 'unit_staff'} onConsent={() => setConsentsSeen((n) => n + 1)} />
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('profile.export')}</h2>
        <p>{t('profile.export_explain')}</p>
        <p>
          <a class="button secondary" href={exportUrl} download="congdanso-du-lieu-cua-toi.json">
            {t('profile.export_link')}
          </a>
        </p>
      </section>
      <Sessions onEndedCurrent={() => window.location.assign('/app/')} />
      {me.role === 'citizen' && (
        <DeleteAccount
          onDeleted={(result) => {
            setMe(null);
            navigate('/account-deleted', { replace: true, state: result });
          }}
        />
      )}
    </>
  );
}

function Consents() {
  const [items, setItems] = useState<ConsentItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    getConsents().then((a) => setItems(a.items), setError);
  }, []);

  async function change(item: ConsentItem, granted: boolean) {
    setError(null);
    setSaved('');
    try {
      const answer = await putConsent(item.purpose, granted);
      setItems(answer.items);
      setSaved(granted ? t('profile.consent_given', { title: item.title }) : t('profile.consent_withdrawn', { title: item.title }));
    } catch (e) {
      setError(e as ApiError);
    }
  }

  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">{t('profile.consents')}</h2>
      <p>{t('profile.consents_explain')}</p>
      <ErrorSummary error={error} />
      {!items && !error && <p role="status">{t('common.loading')}</p>}
      {items && (
        <ul class="consents">
          {items.map((item) => (
            <li key={item.purpose} class="switch-field">
              <input
                id={`consent-${item.purpose}`}
                type="checkbox"
                role="switch"
                checked={item.granted}
                aria-describedby={`consent-${item.purpose}-summary`}
                onChange={(e) => void change(item, (e.currentTarget as HTMLInputElement).checked)}
              />
              <label for={`consent-${item.purpose}`}>{item.title}</label>
              <p class="hint" id={`consent-${item.purpose}-summary`}>
                {item.summary}{' '}
                {item.answer &&
                  t('profile.consent_answer', {
                    at: formatDateTime(item.answer.at),
                    version: item.answer.policy_version,
                  })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="saved">
        {saved}
      </p>
    </section>
  );
}

function Sessions({ onEndedCurrent }: { onEndedCurrent: () => void }) {
  const [items, setItems] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = () => listSessions().then((a) => setItems(a.items), setError);
  useEffect(() => {
    void load();
  }, []);

  async function end(session: SessionInfo) {
    setError(null);
    try {
      await endSession(session.id);
      if (session.current) onEndedCurrent();
      else await load();
    } catch (e) {
      setError(e as ApiError);
    }
  }

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('profile.sessions')}</h2>
      <ErrorSummary error={error} />
      {!items && !error && <p role="status">{t('common.loading')}</p>}
      {items && (
        <ul class="sessions">
          {items.map((session, index) => (
            <li key={session.id} class="card">
              <p>
                <strong title={session.user_agent}>{describeDevice(session.user_agent) || t('profile.session_unknown_device')}</strong>
                {session.current && <span class="badge"> {t('profile.session_current')}</span>}
              </p>
              <p class="hint">
                {t('profile.session_times', {
                  created: formatDateTime(session.created_at),
                  seen: formatDateTime(session.last_seen_at),
                })}
              </p>
              <button type="button" class="button secondary" onClick={() => void end(session)}>
                {session.current ? t('profile.session_end_current') : t('profile.session_end', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DeleteAccount({ onDeleted }: { onDeleted: (result: DeletionResult) => void }) {
  const [open, setOpen] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function confirm() {
    if (!understood || busy) return;
    setBusy(true);
    setError(null);
    try {
      onDeleted(await deleteAccount());
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="delete-title" class="danger-zone">
      <h2 id="delete-title">{t('profile.delete')}</h2>
      <p>{t('profile.delete_explain')}</p>
      {!open ? (
        <button type="button" class="button danger" onClick={() => setOpen(true)}>
          {t('profile.delete_start')}
        </button>
      ) : (
        <div class="card" role="group" aria-labelledby="delete-confirm-title">
          <h3 id="delete-confirm-title">{t('profile.delete_confirm_title')}</h3>
          <ErrorSummary error={error} />
          <div class="check-field">
            <input id="delete-understood" type="checkbox" checked={understood} onChange={(e) => setUnderstood((e.currentTarget as HTMLInputElement).checked)} />
            <label for="delete-understood">{t('profile.delete_understood')}</label>
          </div>
          <p class="actions-inline">
            <button type="button" class="button danger" aria-disabled={!understood || busy ? 'true' : undefined} onClick={() => void confirm()}>
              {t('profile.delete_confirm')}
            </button>
            <button type="button" class="button secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

const knownRemains = new Set(['reports_and_ideas']);

// After DELETE /api/v1/me: what was erased and what the city keeps, and why (from the answer).
export function Deleted({ result }: { result: DeletionResult | null }) {
  useTitle(t('profile.deleted_title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('profile.deleted_title')}</h1>
      <p>{t('profile.deleted_text')}</p>
      {result && result.remains.length > 0 && (
        <section aria-labelledby="remains-title">
          <h2 id="remains-title">{t('profile.remains')}</h2>
          <ul>
            {result.remains.map((r) => (
              <li key={r.what}>
                <strong>{knownRemains.has(r.what) ? t(`remains.${r.what}` as MessageKey) : r.what}</strong>
                {r.count !== undefined && ` (${r.count})`}: {r.why}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a class="button secondary" href="/app/" onClick={(e) => { e.preventDefault(); window.location.assign('/app/'); }}>
          {t('nav.home')}
        </a>
      </p>
    </>
  );
}

// The staff console's frame: sign-in with password and TOTP, then the navigation for the member's
// role and the screen for the address (/staff/queue, /staff/unit, /staff/reports/6, ...). Focus
// moves to the new screen's heading after each navigation, as in the citizen app.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getMe, logout, onUnauthorized, type ApiError, type Me } from '../shared/api';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { useLang } from '../shared/ui/useLang';
import { Admin } from './admin/Admin';
import { Dashboard } from './dashboard/Dashboard';
import { t, type Key } from './i18n';
import { PhoneIntake } from './intake/PhoneIntake';
import { StaffNav } from './layout/StaffNav';
import { Queue } from './queue/Queue';
import { ReportDetail } from './report/ReportDetail';
import { NewsDesk } from './news/NewsDesk';
import { homeFor, readsReports, screensFor, type Screen } from './roles';
import { match, navigate, useLocation } from './router';
import { SignIn } from './SignIn';
import { UnitWorkspace } from './unit/UnitWorkspace';
import { useTitle } from './ui/useTitle';
import { startLive, stopLive } from '../shared/live';
import { startUnread, stopUnread } from '../shared/unread';
import { lazy } from '../shared/ui/lazy';

export function StaffApp() {
  useLang();
  const location = useLocation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    onUnauthorized(() => setMe(null));
    getMe()
      .then((who) => setMe(who.role === 'citizen' ? null : who))
      .catch((e: ApiError) => {
        if (e.status !== 401) setError(e);
        setMe(null);
      });
  }, []);

  // Signed in: the live stream (queue changes, the unit's notifications) for this session; signed
  // out: none. The bell's count for those who get notifications (a unit's staff).
  const who = me ? `${me.id}:${me.role}` : '';
  useEffect(() => {
    if (!me) {
      stopLive();
      stopUnread();
      return;
    }
    startLive();
    if (me.role === 'unit_staff') startUnread();
    else stopUnread();
  }, [who]);

  // After a navigation to another screen and after signing in, focus goes to the new screen's
  // heading; not on the first load (nor its move from /staff/ to the role's screen), and not when
  // only a list's filters change (its result count is announced instead).
  const quiet = useRef(true);
  const bySignIn = useRef(false);
  const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  useEffect(() => {
    if (quiet.current) {
      quiet.current = false;
      return;
    }
    window.scrollTo(0, 0);
    focusHeading();
  }, [location.path]);

  // Signed in at /staff/: go to the role's own screen.
  useEffect(() => {
    if (me && location.path === '/') {
      const home = homeFor(me.role);
      if (home === '/') return;
      quiet.current = !bySignIn.current;
      navigate(home, { replace: true });
    }
  }, [me, location.path]);

  function signedIn(who: Me) {
    bySignIn.current = true;
    setMe(who);
    focusHeading();
  }

  async function signOut() {
    try {
      await logout();
    } catch {
      // Already signed out: nothing to end.
    }
    setMe(null);
    navigate('/', { replace: true });
  }

  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header>
        <div class="banner">
          <a class="brand" href="/staff/">
            <img src="/app/icons/icon.svg" alt="" width="28" height="28" />
            <span>{t('staff.console')}</span>
          </a>
          <LanguageSwitch />
        </div>
        {me && <StaffNav me={me} path={location.path} onSignOut={signOut} />}
      </header>
      <main id="main" tabIndex={-1}>
        {error && (
          <div class="notice error" role="alert">
            <p>{error.detail}</p>
          </div>
        )}
        {me === undefined && <p role="status">{t('common.loading')}</p>}
        {me === null && <SignInScreen onSignedIn={signedIn} />}
        {me && <StaffScreen me={me} path={location.path} query={location.query} state={location.state} />}
      </main>
    </>
  );
}

const InboxList = lazy(() => import('../shared/notify/InboxList').then((m) => m.InboxList));
// Hot alerts (alert officers, admins): their list, draft form and detail, a chunk of their own.
const Alerts = lazy(() => import('./alerts/Alerts').then((m) => m.Alerts));
// The map of reports (operators, leaders, admins), a chunk of its own.
const StaffMap = lazy(() => import('./map/StaffMap').then((m) => m.StaffMap));

// The member's notifications (a unit's staff: new work for the unit), the list loaded on first visit.
function Inbox() {
  useTitle(t('inbox.title'));
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title" tabIndex={-1}>
        {t('inbox.title')}
      </h1>
      <InboxList />
    </section>
  );
}

function SignInScreen({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  useTitle(t('staff.sign_in'));
  return <SignIn onSignedIn={onSignedIn} />;
}

interface ScreenProps {
  me: Me;
  path: string;
  query: URLSearchParams;
  state: unknown;
}

function StaffScreen({ me, path, query, state }: ScreenProps) {
  const screens = screensFor(me.role);
  const allowed = (screen: Screen) => screens.includes(screen);
  if (path === '/') return <NoScreens me={me} />;
  if (path === '/inbox') return <Inbox />;
  if (path === '/alerts' || path.startsWith('/alerts/')) {
    if (!allowed('alerts')) return <NotForRole me={me} />;
    return <Alerts me={me} path={path} query={query} state={state} />;
  }
  if (path === '/map') return allowed('map') ? <StaffMap /> : <NotForRole me={me} />;
  const screen = (['queue', 'unit', 'intake', 'dashboard', 'admin', 'news'] as const).find((s) => path === '/' + s);
  if (screen) {
    if (!allowed(screen)) return <NotForRole me={me} />;
    if (screen === 'queue') return <Queue me={me} query={query} />;
    if (screen === 'unit') return <UnitWorkspace me={me} query={query} />;
    if (screen === 'intake') return <PhoneIntake />;
    if (screen === 'dashboard') return <Dashboard />;
    if (screen === 'news') return <NewsDesk />;
    return <Admin />;
  }
  // A news item's editor (/news/new, /news/6): the same NewsDesk as the list, so that a new item
  // keeps its editor when it gets its address.
  const newsItem = match('/news/:id', path);
  if (newsItem) {
    if (!allowed('news')) return <NotForRole me={me} />;
    return <NewsDesk id={newsItem['id'] ?? 'new'} />;
  }
  const detail = match('/reports/:id', path);
  if (detail) {
    if (!readsReports(me.role)) return <NotForRole me={me} />;
    return <ReportDetail me={me} id={detail['id'] ?? ''} created={(state as { created?: string } | null)?.created} />;
  }
  return <NotFound me={me} />;
}

// A role without screens of its own (none today; kept for roles a later slice adds).
function NoScreens({ me }: { me: Me }) {
  useTitle(t('staff.home_title'));
  const home = homeFor(me.role);
  if (home !== '/') return <p role="status">{t('common.loading')}</p>;
  return (
    <section aria-labelledby="staff-hello">
      <h1 id="staff-hello" tabIndex={-1}>
        {t('staff.hello', { name: me.display_name || me.username })}
      </h1>
      <p>{t('layout.no_screens', { role: t(`role.${me.role}` as Key) })}</p>
    </section>
  );
}

function NotForRole({ me }: { me: Me }) {
  useTitle(t('layout.not_for_role_title'));
  return (
    <section aria-labelledby="not-for-role">
      <h1 id="not-for-role" tabIndex={-1}>
        {t('layout.not_for_role_title')}
      </h1>
      <p>{t('layout.not_for_role', { role: t(`role.${me.role}` as Key) })}</p>
      <p>
        <a href={'/staff' + homeFor(me.role)}>{t('layout.to_my_work')}</a>
      </p>
    </section>
  );
}

function NotFound({ me }: { me: Me }) {
  useTitle(t('not_found.title'));
  return (
    <section aria-labelledby="not-found">
      <h1 id="not-found" tabIndex={-1}>
        {t('not_found.title')}
      </h1>
      <p>{t('layout.no_such_screen')}</p>
      <p>
        <a href={'/staff' + homeFor(me.role)}>{t('layout.to_my_work')}</a>
      </p>
    </section>
  );
}

// The citizen app's frame: the banner with the bell (the inbox) and the language switch, the
// screen for the address, and the navigation once signed in; the live stream for the session.
// Moves focus to the new screen's heading after each navigation.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getMe, onUnauthorized, type ApiError, type Me } from '../shared/api';
import { t } from '../shared/i18n';
import { Icon } from '../shared/ui/Icon';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { useLang } from '../shared/ui/useLang';
import { match, useLocation } from './router';
import { SessionContext } from './session';
import { Home } from './screens/home/Home';
import { Welcome } from './screens/home/Welcome';
import { NotFound } from './screens/home/NotFound';
import { SendForm } from './screens/send/SendForm';
import { MyReports } from './screens/reports/MyReports';
import { ReportDetail } from './screens/report/ReportDetail';
import { Deleted, Profile } from './screens/profile/Profile';
import { Following } from './screens/following/Following';
import { Nearby } from './screens/nearby/Nearby';
import { startOutbox, stopOutbox } from './offline/outbox';
import { warmUp } from './reference';
import type { DeletionResult } from '../shared/api';
import { localText, type AppNotification } from '../shared/api/notify';
import { setLiveWard, startLive, useLive } from '../shared/live';
import { lazy } from '../shared/ui/lazy';
import { myWard, useStoredWard } from './ward';
import { startUnread, stopUnread, useUnread } from '../shared/unread';
import { Inbox } from './screens/inbox/Inbox';
import { News } from './screens/news/News';
import { NewsArticle } from './screens/news/NewsArticle';
import { Apps } from './screens/apps/Apps';
import { st } from './screens/services/strings';
import { DossierPage, Dossiers } from './screens/dossiers/Dossiers';

export function App() {
  useLang();
  const location = useLocation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  // A signed-in citizen's outbox is sent from here, and what the send form needs is fetched ahead.
  useEffect(() => {
    if (me && me.role === 'citizen') {
      startOutbox(me.id);
      warmUp();
    } else if (me === null) {
      stopOutbox();
    }
  }, [me?.id, me?.role]);

  // The live stream brings the hot alerts of my ward (reopened when it changes); set before the
  // stream first opens, just below.
  const ward = myWard(me, useStoredWard());
  useEffect(() => {
    if (ward !== undefined) setLiveWard(ward);
  }, [ward]);

  // The live stream opens once the app knows who is here (anonymous visitors get broadcasts) and
  // again whenever that changes; the bell's count follows a signed-in person.
  const who = me === undefined ? '' : me ? String(me.id) : 'anonymous';
  useEffect(() => {
    if (!who) return;
    startLive();
    if (who !== 'anonymous') startUnread();
    else stopUnread();
  }, [who]);

  // A new notification is announced to screen readers, wherever one is in the app.
  const [announced, setAnnounced] = useState('');
  useLive<AppNotification>('notification', (n) => setAnnounced(t('live.new', { title: localText(n.title) })));

  useEffect(() => {
    onUnauthorized(() => setMe(null));
    getMe()
      .then(setMe)
      .catch((error: ApiError) => {
        if (error.status !== 401) setLoadError(error);
        setMe(null);
      });
  }, []);

  // After a navigation (not the first load), focus goes to the new screen's heading.
  const firstRender = useRef(true);
  const where = location.path + '?' + location.query.toString();
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  }, [where]);

  return (
    <SessionContext.Provider value={{ me, setMe }}>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="banner">
        <a class="brand" href="/app/">
          <img src="/app/icons/icon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </a>
        <span class="banner-tools">
          {me && <Bell current={location.path === '/inbox'} />}
          <LanguageSwitch />
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {loadError && loadError.status !== 0 && (
          <div class="notice error" role="alert">
            <p>{loadError.detail}</p>
          </div>
        )}
        {loadError && loadError.status === 0 && me === null ? (
          <Offline />
        ) : (
          <Screen me={me} path={location.path} query={location.query} state={location.state} />
        )}
        <p role="status" class="visually-hidden">
          {announced}
        </p>
      </main>
      {me && <BottomNav path={location.path} />}
    </SessionContext.Provider>
  );
}

// A hot alert's page, public like the alert itself: a chunk of its own (with the map's code).
const AlertPage = lazy(() => import('./screens/alerts/AlertPage').then((m) => m.AlertPage));
// The city map, public: a chunk of its own (Leaflet comes later, with the map itself).
const CityMap = lazy(() => import('./screens/map/CityMap').then((m) => m.CityMap));

// Public services: the search and a procedure's page, chunks of their own.
const Services = lazy(() => import('./screens/services/Services').then((m) => m.Services));
const ProcedurePage = lazy(() => import('./screens/services/ProcedurePage').then((m) => m.ProcedurePage));

interface ScreenProps {
  me: Me | null | undefined;
  path: string;
  query: URLSearchParams;
  state: unknown;
}

function Screen({ me, path, query, state }: ScreenProps) {
  if (me === undefined) {
    return (
      <p role="status" class="loading">
        {t('common.loading')}
      </p>
    );
  }
  if (path === '/') return me ? <Home me={me} /> : <Welcome returnTo="/app/" />;
  if (path === '/account-deleted') return <Deleted result={state as DeletionResult | null} />;
  const alert = match('/alerts/:id', path);
  if (alert) return <AlertPage id={alert['id'] ?? ''} />;
  if (path === '/map') return <CityMap />;
  // News is public: no sign-in needed.
  if (path === '/news') return <News query={query} />;
  const article = match('/news/:id', path);
  if (article) return <NewsArticle id={article['id'] ?? ''} />;
  // The directory of public apps is public too.
  if (path === '/apps') return <Apps />;
  // Public services are public too.
  if (path === '/services') return <Services query={query} />;
  const procedure = match('/services/:code', path);
  if (procedure) return <ProcedurePage code={procedure['code'] ?? ''} />;
  // Dossier lookup is public; a signed-in citizen also sees their own dossiers there.
  if (path === '/dossiers') return <Dossiers me={me} />;
  const dossier = match('/dossiers/:code', path);
  if (dossier) return <DossierPage me={me} code={dossier['code'] ?? ''} />;
  const known =
    path === '/send' ||
    path === '/reports' ||
    path === '/profile' ||
    path === '/following' ||
    path === '/nearby' ||
    path === '/inbox' ||
    match('/reports/:id', path);
  if (!known) return <NotFound />;
  if (!me) return <Welcome returnTo={'/app' + path + (query.toString() ? '?' + query : '')} needed />;
  if (path === '/send') return <SendForm kind={query.get('kind') === 'idea' ? 'idea' : 'report'} />;
  if (path === '/reports') return <MyReports state={state} />;
  if (path === '/following') return <Following />;
  if (path === '/nearby') return <Nearby />;
  if (path === '/profile') return <Profile />;
  if (path === '/inbox') return <Inbox />;
  const detail = match('/reports/:id', path);
  if (detail) return <ReportDetail id={detail['id'] ?? ''} state={state} />;
  return <NotFound />;
}

// Started without a network (the service worker gave the shell) and so without knowing who is
// signed in: say so and offer to try again. Reports waiting in the outbox still go out, sent by
// the service worker on Background Sync or by the app once it starts with a network.
function Offline() {
  return (
    <section aria-labelledby="offline-title">
      <h1 id="offline-title" tabIndex={-1}>
        {t('offline.title')}
      </h1>
      <p role="alert">{t('error.network')}</p>
      <p>
        <button type="button" class="button primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </button>
      </p>
    </section>
  );
}

// The way to the inbox, in the banner, with the number of unread notifications.
function Bell({ current }: { current: boolean }) {
  const unread = useUnread();
  return (
    <a class="bell" href="/app/inbox" aria-current={current ? 'page' : undefined}>
      <Icon name="bell" />
      <span class="visually-hidden">{unread > 0 ? t('inbox.bell_unread', { n: unread }) : t('inbox.title')}</span>
      {unread > 0 && (
        <span class="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </a>
  );
}

function BottomNav({ path }: { path: string }) {
  const items = [
    { href: '/app/', label: t('nav.home'), icon: 'home', active: path === '/' },
    { href: '/app/reports', label: t('nav.my_reports'), icon: 'list', active: path.startsWith('/reports') },
    { href: '/app/news', label: t('nav.news'), icon: 'news', active: path === '/news' || path.startsWith('/news/') },
    { href: '/app/services', label: st('nav.services'), icon: 'services', active: path === '/services' || path.startsWith('/services/') },
    { href: '/app/profile', label: t('nav.profile'), icon: 'user', active: path === '/profile' },
  ];
  return (
    <nav class="bottom-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={item.active ? 'page' : undefined}>
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

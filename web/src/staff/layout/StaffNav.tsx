// The console's navigation, by role: the 1022 queue and phone intake for operators, the unit's
// workspace for unit staff, the queue (read-only) and the dashboard for leaders, the news desk for
// editors, and for admins also the administration and the news desk. The current screen is marked
// with aria-current.
import type { Me } from '../../shared/api';
import { t, type Key } from '../i18n';
import { pathOf, screensFor, type Screen } from '../roles';
import { useUnread } from '../../shared/unread';

const labels: Record<Screen, Key> = {
  queue: 'nav.queue',
  unit: 'nav.unit',
  intake: 'nav.intake',
  dashboard: 'nav.dashboard',
  admin: 'nav.admin',
  alerts: 'nav.alerts',
  news: 'nav.news',
  map: 'nav.map',
};

export function StaffNav({ me, path, onSignOut }: { me: Me; path: string; onSignOut: () => void }) {
  const screens = screensFor(me.role);
  const detail = path.startsWith('/reports/');
  return (
    <div class="staff-bar">
      {screens.length > 0 && (
        <nav aria-label={t('nav.staff')}>
          <ul>
            {screens.map((screen) => {
              const href = pathOf[screen];
              const current = path === href;
              // A report's detail belongs to the list one came from: the queue or the unit's work.
              // An alert's detail or form belongs to the alerts; an item's editor to the news desk.
              const section = !current && ((detail && (screen === 'queue' || screen === 'unit')) || (screen === 'alerts' && path.startsWith('/alerts/')));
              const inNews = !current && screen === 'news' && path.startsWith('/news/');
              return (
                <li key={screen}>
                  <a href={'/staff' + href} aria-current={current ? 'page' : section || inNews ? 'true' : undefined}>
                    {t(labels[screen])}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      <div class="who">
        {me.role === 'unit_staff' && <InboxLink current={path === '/inbox'} />}
        <span>
          <span class="who-name">{me.display_name || me.username}</span> · <span>{t(`role.${me.role}` as Key)}</span>
        </span>
        <button type="button" class="button secondary small" onClick={onSignOut}>
          {t('staff.sign_out')}
        </button>
      </div>
    </div>
  );
}

// The unit's notifications, with how many are unread (beside the member's name, not among the
// work screens).
function InboxLink({ current }: { current: boolean }) {
  const unread = useUnread();
  return (
    <a class="inbox-link" href="/staff/inbox" aria-current={current ? 'page' : undefined}>
      {t('inbox.title')}
      {unread > 0 && (
        <>
          <span class="nav-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
          <span class="visually-hidden"> ({t('inbox.unread_n', { n: unread })})</span>
        </>
      )}
    </a>
  );
}

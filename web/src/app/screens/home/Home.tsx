// Signed in: a greeting, the alerts for my ward, the quick actions (public services among them)
// and the latest news; nothing here is invented data.
import type { Me } from '../../../shared/api';
import { t, type MessageKey } from '../../../shared/i18n';
import { Icon } from '../../../shared/ui/Icon';
import { useTitle } from '../../title';
import { AlertBanners } from './AlertBanners';
import { Broadcasts } from './Broadcasts';
import { LatestNews } from '../news/LatestNews';
import { st, type ServiceTextKey } from '../services/strings';

const quickActions: { href: string; icon: string; label: MessageKey; hint: MessageKey }[] = [
  { href: '/app/send?kind=report', icon: 'report', label: 'home.send_report', hint: 'home.send_report_hint' },
  { href: '/app/send?kind=idea', icon: 'idea', label: 'home.send_idea', hint: 'home.send_idea_hint' },
  { href: '/app/reports', icon: 'list', label: 'home.my_reports', hint: 'home.my_reports_hint' },
  { href: '/app/following', icon: 'bell', label: 'home.following', hint: 'home.following_hint' },
  { href: '/app/nearby', icon: 'pin', label: 'home.nearby', hint: 'home.nearby_hint' },
  { href: '/app/apps', icon: 'apps', label: 'home.apps', hint: 'home.apps_hint' },
  { href: '/app/dossiers', icon: 'list', label: 'home.dossiers', hint: 'home.dossiers_hint' },
  { href: '/app/map', icon: 'map', label: 'home.map', hint: 'home.map_hint' },
];

// Tiles whose words are their feature's own catalogue.
const featureTiles: { href: string; icon: string; label: ServiceTextKey; hint: ServiceTextKey }[] = [
  { href: '/app/services', icon: 'services', label: 'home.tile', hint: 'home.tile_hint' },
];

export function Home({ me }: { me: Me }) {
  useTitle(t('nav.home'));
  const name = me.display_name || me.username;
  return (
    <>
      <h1 tabIndex={-1}>{t('home.greeting', { name })}</h1>
      <Broadcasts />
      <AlertBanners />
      {me.role !== 'citizen' && (
        <div class="notice" role="note">
          <p>
            {t('home.staff_note')} <a href="/staff/">{t('home.staff_link')}</a>
          </p>
        </div>
      )}
      <section aria-labelledby="quick-actions">
        <h2 id="quick-actions">{t('home.quick_actions')}</h2>
        <ul class="tiles">
          {quickActions.map((action, index) => (
            <li key={action.href}>
              <a class="tile" href={action.href} aria-describedby={`qa-hint-${index}`}>
                <Icon name={action.icon} size={32} />
                <span class="tile-label">{t(action.label)}</span>
              </a>
              <p class="tile-hint" id={`qa-hint-${index}`}>
                {t(action.hint)}
              </p>
            </li>
          ))}
          {featureTiles.map((tile, index) => (
            <li key={tile.href}>
              <a class="tile" href={tile.href} aria-describedby={`ft-hint-${index}`}>
                <Icon name={tile.icon} size={32} />
                <span class="tile-label">{st(tile.label)}</span>
              </a>
              <p class="tile-hint" id={`ft-hint-${index}`}>
                {st(tile.hint)}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <LatestNews />
    </>
  );
}

// Signed out: what the app is, and the one way in (VNeID) with the terms it implies.
import { vneidStartUrl } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { useClientConfig } from '../../reference';
import { useTitle } from '../../title';
import { AlertBanners, WardChoice } from './AlertBanners';
import { Broadcasts } from './Broadcasts';
import { LatestNews } from '../news/LatestNews';

export function Welcome({ returnTo, needed = false }: { returnTo: string; needed?: boolean }) {
  useTitle(needed ? t('welcome.needed_title') : '');
  const config = useClientConfig();
  return (
    <section class="welcome" aria-labelledby="welcome-title">
      <img class="welcome-logo" src="/app/icons/icon.svg" alt="" width="72" height="72" />
      <h1 id="welcome-title" tabIndex={-1}>
        {needed ? t('welcome.needed_title') : t('app.name')}
      </h1>
      {!needed && <Broadcasts />}
      {!needed && <AlertBanners />}
      <p class="lead">{needed ? t('welcome.needed') : t('welcome.tagline')}</p>
      {config.vneid_sign_in ? (
        <p>
          <a class="button primary wide" href={vneidStartUrl(returnTo)}>
            {t('welcome.sign_in')}
          </a>
        </p>
      ) : (
        <p class="notice">{t('welcome.sign_in_off')}</p>
      )}
      <p class="terms">{t('welcome.terms', { version: config.policy_version })}</p>
      {!needed && (
        <p>
          <a href="/app/dossiers">{t('welcome.dossiers')}</a>
        </p>
      )}
      {!needed && <WardChoice />}
      {!needed && <LatestNews />}
      {!needed && (
        <p>
          <a href="/app/apps">{t('apps.welcome_link')}</a>
        </p>
      )}
    </section>
  );
}

// One public app: its picture, name and description in the reader's language, its category, the
// VNeID badge, and its links. Web and store links open in a new tab without giving the other
// site a handle on this one (rel="noopener noreferrer"); a deep link opens the installed app.
import type { AppCategory, PublicApp } from '../../../shared/apps/api';
import { AppIcon } from '../../../shared/apps/Monogram';
import { lang, t, type MessageKey } from '../../../shared/i18n';
import { Icon } from '../../../shared/ui/Icon';

export const categoryLabel = (category: AppCategory) => t(`apps.category.${category}` as MessageKey);

function External({ href, label, name }: { href: string; label: string; name: string }) {
  return (
    <a class="button" href={href} target="_blank" rel="noopener noreferrer">
      {label}
      <span class="visually-hidden"> {t('apps.link_of', { name })}</span>
      <Icon name="external" size={16} />
    </a>
  );
}

export function AppCard({ app }: { app: PublicApp }) {
  const english = lang() === 'en';
  const name = english ? app.name_en : app.name;
  const description = english ? app.description_en : app.description;
  return (
    <li class="app-card">
      <AppIcon app={app} />
      <div class="app-card-text">
        <h2 class="app-name">{name}</h2>
        <p class="app-meta">
          <span class="badge">{categoryLabel(app.category)}</span>
          {app.vneid_sign_in && <span class="badge app-vneid">{t('apps.vneid_badge')}</span>}
        </p>
        <p class="app-description">{description}</p>
        <p class="app-links">
          {app.web_url && <External href={app.web_url} label={t('apps.open_web')} name={name} />}
          {app.deep_link && (
            <a class="button" href={app.deep_link} rel="noopener noreferrer">
              {t('apps.open_app')}
              <span class="visually-hidden"> {t('apps.link_of', { name })}</span>
            </a>
          )}
          {app.android_url && <External href={app.android_url} label={t('apps.android')} name={name} />}
          {app.ios_url && <External href={app.ios_url} label={t('apps.ios')} name={name} />}
        </p>
      </div>
    </li>
  );
}

import { t } from '../../../shared/i18n';
import { useTitle } from '../../title';

export function NotFound() {
  useTitle(t('not_found.title'));
  return (
    <section>
      <h1 tabIndex={-1}>{t('not_found.title')}</h1>
      <p>{t('not_found.text')}</p>
      <p>
        <a href="/app/">{t('nav.home')}</a>
      </p>
    </section>
  );
}

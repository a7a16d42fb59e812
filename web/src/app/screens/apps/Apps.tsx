// The directory of public apps (/app/apps, open to everyone): the heading at once, the list
// (AppsList) as a chunk loaded on the first visit.
import { t } from '../../../shared/i18n';
import { lazy } from '../../../shared/ui/lazy';
import { useTitle } from '../../title';

const AppsList = lazy(() => import('./AppsList').then((m) => m.AppsList));

export function Apps() {
  useTitle(t('apps.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('apps.title')}</h1>
      <p class="lead">{t('apps.lead')}</p>
      <AppsList />
    </>
  );
}

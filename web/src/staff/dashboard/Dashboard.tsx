// The leaders' dashboard (leaders and admins; see ../roles.ts): the heading at once, the rest
// (DashboardBody: the figures, tables, ranking and their code) as a chunk loaded when the screen
// first opens, and uPlot in a further chunk when figures arrive, so that the console's first load
// carries neither.
import { lazy } from '../../shared/ui/lazy';
import { t } from '../i18n';
import { useTitle } from '../ui/useTitle';

const DashboardBody = lazy(() => import('./DashboardBody').then((module) => module.DashboardBody));

export function Dashboard() {
  useTitle(t('db.title'));

  return (
    <section aria-labelledby="db-title" class="dashboard">
      <h1 id="db-title" tabIndex={-1}>
        {t('db.title')}
      </h1>
      <p class="lead">{t('db.lead')}</p>
      <DashboardBody />
    </section>
  );
}

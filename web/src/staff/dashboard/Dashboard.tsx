// The leaders' dashboard (leaders and admins; see ../roles.ts): the heading at once, the rest
// (DashboardBody: the figures, tables, ranking and their code) as a chunk loaded when the screen
// first opens, and uPlot in a further chunk when figures arrive, so that the console's first load
// carries neither.
import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { t } from '../i18n';
import { useTitle } from '../ui/useTitle';

let loaded: FunctionComponent | null = null;

export function Dashboard() {
  useTitle(t('db.title'));
  const [Body, setBody] = useState<FunctionComponent | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (Body) return;
    let live = true;
    setFailed(false);
    import('./DashboardBody').then(
      (module) => {
        loaded = module.DashboardBody;
        if (live) setBody(() => module.DashboardBody);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <section aria-labelledby="db-title" class="dashboard">
      <h1 id="db-title" tabIndex={-1}>
        {t('db.title')}
      </h1>
      <p class="lead">{t('db.lead')}</p>
      {Body ? (
        <Body />
      ) : failed ? (
        <div class="notice error" role="alert">
          <p>{t('error.network')}</p>
          <button type="button" class="button secondary" onClick={() => setAttempt(attempt + 1)}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
    </section>
  );
}

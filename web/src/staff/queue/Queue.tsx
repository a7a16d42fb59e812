// The 1022 queue: every report from every channel, newest first, with filters. Operators and
// admins act on them from the detail and take calls here (phone intake); leaders read only.
import type { Me } from '../../shared/api';
import { t } from '../i18n';
import { ReportList } from '../reports/ReportList';
import { routes } from '../roles';
import { useTitle } from '../ui/useTitle';

export function Queue({ me, query }: { me: Me; query: URLSearchParams }) {
  useTitle(t('queue.title'));
  return (
    <section aria-labelledby="queue-title">
      <div class="screen-head">
        <h1 id="queue-title" tabIndex={-1}>
          {t('queue.title')}
        </h1>
        {routes(me.role) ? (
          <a class="button primary" href="/staff/intake">
            {t('queue.new_call')}
          </a>
        ) : (
          <p class="hint">{t('queue.read_only')}</p>
        )}
      </div>
      <ReportList mode="queue" path="/queue" query={query} />
    </section>
  );
}

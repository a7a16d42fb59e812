// The news screen (/app/news, open to everyone): the heading at once, the list with its search
// and kind filter (NewsList) as a chunk loaded on the first visit.
import { t } from '../../../shared/i18n';
import { lazy } from '../../../shared/ui/lazy';
import { useTitle } from '../../title';

const NewsList = lazy(() => import('./NewsList').then((m) => m.NewsList));

export function News({ query }: { query: URLSearchParams }) {
  useTitle(t('news.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('news.title')}</h1>
      <p class="lead">{t('news.lead')}</p>
      <NewsList initialQuery={query.get('q') ?? ''} initialKind={query.get('kind') ?? ''} />
    </>
  );
}

// The news desk (editors and admins; see ../roles.ts): /staff/news lists every item, /staff/news/new
// and /staff/news/{id} open the editor. The heading comes at once; the list and the editor are
// chunks of their own, loaded when first opened, so that the console's first load carries neither.
import { lazy } from '../../shared/ui/lazy';
import { t } from '../i18n';
import { useTitle } from '../ui/useTitle';

const NewsTable = lazy(() => import('./NewsTable').then((m) => m.NewsTable));
const NewsEditor = lazy(() => import('./NewsEditor').then((m) => m.NewsEditor));

// `id`: absent for the list, "new" for a new item, else the item's id.
export function NewsDesk({ id }: { id?: string }) {
  const title = id === undefined ? t('nd.title') : id === 'new' ? t('nd.new') : t('nd.edit');
  useTitle(title);
  return (
    <section aria-labelledby="nd-title" class="news-desk">
      <h1 id="nd-title" tabIndex={-1}>
        {title}
      </h1>
      {id === undefined ? <NewsTable /> : <NewsEditor id={id} />}
    </section>
  );
}

// A published article (/app/news/{id}, open to everyone): fetched here, with its title as the
// heading (the same element while loading, so that focus stays on it); what it says (cover,
// date, the body's HTML and its styles) comes as a chunk of its own (ArticleBody).
import { useEffect, useRef, useState } from 'preact/hooks';
import { getNews, type ApiError, type NewsItem } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { lazy } from '../../../shared/ui/lazy';
import { useTitle } from '../../title';

const ArticleBody = lazy(() => import('./ArticleBody').then((m) => m.ArticleBody));

export function NewsArticle({ id }: { id: string }) {
  const [item, setItem] = useState<NewsItem | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const asked = useRef(0);
  useTitle(item ? item.title : t('news.title'));

  useEffect(() => {
    const n = ++asked.current;
    setItem(null);
    setError(null);
    getNews(id).then(
      (answer) => n === asked.current && setItem(answer),
      (e: ApiError) => n === asked.current && setError(e),
    );
  }, [id]);

  return (
    <article class="news-article" aria-labelledby="news-article-title">
      <h1 id="news-article-title" tabIndex={-1}>
        {item ? item.title : t('news.title')}
      </h1>
      {!item && !error && <p role="status">{t('common.loading')}</p>}
      <ErrorSummary error={error} />
      {item && <ArticleBody item={item} />}
      <p class="news-back">
        <a href="/app/news">{t('news.back')}</a>
      </p>
    </article>
  );
}

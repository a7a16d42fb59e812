// The home screen's latest news (signed in or not): the first three items of the public list
// (pinned first, then newest) and the way to all news. Quiet when the list cannot be fetched.
import { useEffect, useState } from 'preact/hooks';
import { listNews, type NewsItem } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { NewsCard } from './NewsCard';

export function LatestNews() {
  const [items, setItems] = useState<NewsItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    listNews({ perPage: 3 }).then(
      (page) => setItems(page.items.slice(0, 3)),
      () => setFailed(true),
    );
  }, []);
  return (
    <section class="latest-news" aria-labelledby="latest-news-title">
      <h2 id="latest-news-title">{t('news.latest')}</h2>
      {items === null && !failed && <p class="loading">{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('news.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="news-list" aria-labelledby="latest-news-title">
          {items.map((item) => (
            <NewsCard key={item.id} item={item} level={3} summary={false} />
          ))}
        </ul>
      )}
      <p>
        <a href="/app/news">{t('news.all')}</a>
      </p>
    </section>
  );
}

// What an article says: its kind and date, the cover, the summary, and the body. The body is the
// server's HTML (Markdown rendered with md4c, then cut down to an allow-list of elements and
// attributes: no script, no event handler, no javascript: address), so it is set as it comes.
import type { NewsItem } from '../../../shared/api';
import { formatDateTime, t } from '../../../shared/i18n';
import '../../../shared/news/prose.css';
import { kindLabel } from './labels';

export function ArticleBody({ item }: { item: NewsItem }) {
  const when = item.published_at ?? item.publish_at;
  return (
    <>
      <p class="news-meta">
        {item.pinned && <span class="badge news-pinned">{t('news.pinned')}</span>}
        {item.important && <span class="badge news-important">{t('news.important')}</span>}
        <span class="badge">{kindLabel(item.kind)}</span>
        {when && (
          <span>
            {t('news.published_at')}: <time dateTime={when}>{formatDateTime(when)}</time>
          </span>
        )}
      </p>
      {item.cover && <img class="news-cover" src={item.cover.url} alt="" />}
      {item.summary && <p class="news-lead">{item.summary}</p>}
      <div class="prose" dangerouslySetInnerHTML={{ __html: item.body_html ?? '' }} />
    </>
  );
}

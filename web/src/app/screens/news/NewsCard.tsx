// One published news item in a list (the news screen, the home screen's latest news): its kind,
// whether it is pinned, its title (the link to the article, as a heading of the given level), its
// summary and publish date, and the cover's thumbnail.
import type { NewsItem } from '../../../shared/api';
import { formatDate, t } from '../../../shared/i18n';
import { kindLabel } from './labels';

interface Props {
  item: NewsItem;
  level: 2 | 3;
  summary?: boolean;
}

export function NewsCard({ item, level, summary = true }: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const when = item.published_at ?? item.publish_at;
  return (
    <li class={item.pinned ? 'news-card pinned' : 'news-card'}>
      {item.cover && <img class="news-thumb" src={item.cover.thumbnail_url} alt="" width="80" height="60" loading="lazy" />}
      <div class="news-card-text">
        <Heading class="news-card-title">
          <a href={`/app/news/${item.id}`}>{item.title}</a>
        </Heading>
        {summary && item.summary && <p class="news-summary">{item.summary}</p>}
        <p class="news-meta">
          {item.pinned && <span class="badge news-pinned">{t('news.pinned')}</span>}
          {item.important && <span class="badge news-important">{t('news.important')}</span>}
          <span class="badge">{kindLabel(item.kind)}</span>
          {when && <time dateTime={when}>{formatDate(when)}</time>}
        </p>
      </div>
    </li>
  );
}

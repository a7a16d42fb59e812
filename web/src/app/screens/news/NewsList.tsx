// The published news, a page at a time: a search box (the server matches with or without
// accents) that searches as one types and on Enter, the kind as chips, pinned items first.
// The search and the kind are kept in the address (replaced, not added to the history), so that
// coming back from an article shows the same list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { listNews, type ApiError, type NewsItem, type NewsKind } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { ChoiceChips, MoreButton, ResultCount, SearchBox } from '../../../shared/ui/search';
import { base } from '../../router';
import { kindLabel, newsKinds } from './labels';
import { NewsCard } from './NewsCard';

const perPage = 10;
const typingPauseMs = 350;

interface Props {
  initialQuery: string;
  initialKind: string;
}

interface Shown {
  items: NewsItem[];
  total: number;
  page: number;
}

export function NewsList({ initialQuery, initialKind }: Props) {
  const [query, setQuery] = useState(initialQuery.trim());
  const [kind, setKind] = useState<NewsKind | ''>(newsKinds.find((k) => k === initialKind) ?? '');
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const asked = useRef(0);

  // Page 1 for the search and kind, or the next page added below; the newest question wins.
  async function load(page: number) {
    const n = ++asked.current;
    setLoading(true);
    setError(null);
    try {
      const answer = await listNews({ q: query, kind, page, perPage });
      if (n !== asked.current) return;
      setShown((before) => ({
        items: page > 1 && before ? [...before.items, ...answer.items.filter((i) => !before.items.some((b) => b.id === i.id))] : answer.items,
        total: answer.total,
        page,
      }));
    } catch (e) {
      if (n === asked.current) setError(e as ApiError);
    } finally {
      if (n === asked.current) setLoading(false);
    }
  }

  useEffect(() => {
    void load(1);
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (kind) params.set('kind', kind);
    const address = `${base}/news${params.toString() ? '?' + params : ''}`;
    if (window.location.pathname + window.location.search !== address) history.replaceState(history.state, '', address);
  }, [query, kind]);

  const filtered = query !== '' || kind !== '';
  let count = '';
  if (shown && !loading) {
    if (shown.total === 0) count = filtered ? t('news.no_match') : t('news.empty');
    else count = shown.total === 1 ? t('news.count_one') : t('news.count', { n: shown.total });
  }
  const more = shown !== null && shown.items.length < shown.total;
  return (
    <>
      <SearchBox id="news-q" label={t('news.search')} hint={t('news.search_hint')} submitLabel={t('news.search_submit')} query={query} pauseMs={typingPauseMs} onQuery={setQuery} onRepeat={() => void load(1)} />
      <ChoiceChips legend={t('news.kinds')} name="kind" choices={(['', ...newsKinds] as const).map((k) => ({ value: k, label: k ? kindLabel(k) : t('news.kind_all') }))} chosen={kind} onChoose={setKind} />
      <ResultCount text={loading ? t('common.loading') : count} />
      <ErrorSummary error={error} />
      {shown && shown.items.length > 0 && (
        <ul class="news-list" aria-label={t('news.title')}>
          {shown.items.map((item) => (
            <NewsCard key={item.id} item={item} level={2} />
          ))}
        </ul>
      )}
      {more && <MoreButton label={t('news.more')} busy={loading} onMore={() => shown && void load(shown.page + 1)} />}
    </>
  );
}

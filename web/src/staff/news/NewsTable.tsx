// Every news item, drafts included, last edited first: title (the way to its editor), kind,
// state, publish time and last edit; the way to write a new one.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError, NewsItem } from '../../shared/api';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { formatDateTime, t } from '../i18n';
import { asApiError } from '../ui/failure';
import '../admin/admin.css';
import { listDesk } from './api';
import { StateBadge } from './StateBadge';
import './news.css';

export function NewsTable() {
  const [items, setItems] = useState<NewsItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    listDesk().then(
      (answer) => setItems(answer.items),
      (e: unknown) => setError(asApiError(e)),
    );
  }, []);

  return (
    <>
      <p class="lead">{t('nd.lead')}</p>
      <p>
        <a class="button primary" href="/staff/news/new">
          {t('nd.new')}
        </a>
      </p>
      <ErrorSummary error={error} />
      {!items && !error && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {items && items.length === 0 && <p>{t('nd.empty')}</p>}
      {items && items.length > 0 && (
        <>
          <p class="result-count">{t('nd.count', { n: items.length })}</p>
          <div class="table-scroll" role="region" aria-label={t('adm.table_region', { name: t('nd.table') })} tabIndex={0}>
            <table class="admin-table news-table">
              <caption class="visually-hidden">{t('nd.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('nd.col_title')}</th>
                  <th scope="col">{t('nd.col_kind')}</th>
                  <th scope="col">{t('nd.col_state')}</th>
                  <th scope="col">{t('nd.col_when')}</th>
                  <th scope="col">{t('nd.col_updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const when = item.published_at ?? item.publish_at;
                  return (
                    <tr key={item.id}>
                      <th scope="row">
                        <a href={`/staff/news/${item.id}`}>{item.title}</a>
                        {item.pinned && (
                          <>
                            {' '}
                            <span class="badge news-pin">{t('nd.pinned')}</span>
                          </>
                        )}
                      </th>
                      <td>{t(`news.kind_${item.kind}`)}</td>
                      <td>
                        <StateBadge state={item.state} />
                      </td>
                      <td>{when ? <time dateTime={when}>{formatDateTime(when)}</time> : '—'}</td>
                      <td>
                        <time dateTime={item.updated_at}>{formatDateTime(item.updated_at)}</time>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

// My reports and ideas, newest first, a page at a time (cursor paging with `after`/`next`).
import { useEffect, useState } from 'preact/hooks';
import { listMyReports, type ApiError, type Report } from '../../../shared/api';
import { formatDateTime, t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { useTitle } from '../../title';
import { StatusBadge } from '../report/StatusBadge';

export function MyReports() {
  useTitle(t('reports.title'));
  const [items, setItems] = useState<Report[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  async function load(after: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await listMyReports(after);
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setNext(page.next);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <>
      <h1 tabIndex={-1}>{t('reports.title')}</h1>
      <p class="actions-inline">
        <a class="button secondary" href="/app/send?kind=report">
          {t('home.send_report')}
        </a>
        <a class="button secondary" href="/app/send?kind=idea">
          {t('home.send_idea')}
        </a>
      </p>
      <ErrorSummary error={error} />
      {!loading && !error && items.length === 0 && <p>{t('reports.empty')}</p>}
      {items.length > 0 && (
        <ul class="report-list" aria-label={t('reports.title')}>
          {items.map((report) => (
            <li key={report.id} class="report-card">
              <a href={`/app/reports/${report.id}`} class="report-link">
                <span class="report-code">{report.code}</span>
                <span class="visually-hidden">, </span>
                <span class="report-category">{report.category.name ?? report.category.code}</span>
              </a>
              <p class="report-description">{report.description}</p>
              <p class="report-meta">
                <StatusBadge status={report.status} overdue={report.overdue} />{' '}
                <span>
                  {report.kind === 'idea' ? t('report.kind_idea') : t('report.kind_report')} ·{' '}
                  <time dateTime={report.created_at}>{formatDateTime(report.created_at)}</time>
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="loading">
        {loading ? t('common.loading') : ''}
      </p>
      {next && !loading && (
        <p>
          <button type="button" class="button secondary wide" onClick={() => load(next)}>
            {t('reports.more')}
          </button>
        </p>
      )}
    </>
  );
}

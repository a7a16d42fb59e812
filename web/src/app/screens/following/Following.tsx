// The reports I follow (GET /api/v1/reports?following=true), newest first, a page at a time.
import { useEffect, useState } from 'preact/hooks';
import { listFollowing, type ApiError, type Report } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { useTitle } from '../../title';
import { ReportCard } from '../reports/ReportCard';
import { useLiveReports } from '../reports/useLiveReports';

export function Following() {
  useTitle(t('following.title'));
  const [items, setItems] = useState<Report[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  async function load(after: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await listFollowing(after);
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
  useLiveReports(items, setItems, () => void load(null));

  return (
    <>
      <h1 tabIndex={-1}>{t('following.title')}</h1>
      <p class="lead">{t('following.lead')}</p>
      <p class="actions-inline">
        <a class="button secondary" href="/app/nearby">
          {t('nearby.title')}
        </a>
      </p>
      <ErrorSummary error={error} />
      {!loading && !error && items.length === 0 && <p>{t('following.empty')}</p>}
      {items.length > 0 && (
        <ul class="report-list" aria-label={t('following.title')}>
          {items.map((report) => (
            <ReportCard key={report.id} report={report} />
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

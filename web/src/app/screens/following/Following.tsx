// The reports I follow (GET /api/v1/reports?following=true), newest first, a page at a time.
import { listFollowing } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { useTitle } from '../../title';
import { ReportCard } from '../reports/ReportCard';
import { useReportPages } from '../reports/useLiveReports';

export function Following() {
  useTitle(t('following.title'));
  const { items, next, loading, error, load } = useReportPages(listFollowing);

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

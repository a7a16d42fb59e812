// Before a report is sent: open public reports of the same category a few steps away
// (GET /api/v1/reports?near=...&category=...). If one is the same problem, following it is
// better than a second report: the person is told of its progress, and the unit handles one case.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, followReport, listNearby, type Report } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ReportCard } from '../reports/ReportCard';

// How far a "same problem" may be: the API's default radius, a few streets.
export const suggestionRadiusM = 300;

interface Props {
  category: string;
  point: { lat: number; lon: number } | null;
  onFollowed: (report: Report) => void;
}

export function NearbySuggestions({ category, point, onFollowed }: Props) {
  const [items, setItems] = useState<Report[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setItems([]);
    if (!category || !point) return undefined;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      listNearby({ lat: point.lat, lon: point.lon, radiusM: suggestionRadiusM, category, kind: 'report', limit: 5 }, abort.signal).then(
        (page) => setItems(page.items),
        () => setItems([]), // offline or refused: no suggestion, the form still sends
      );
    }, 400);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [category, point?.lat, point?.lon]);

  async function follow(report: Report) {
    setBusy(report.id);
    setError(null);
    try {
      await followReport(report.id);
      onFollowed(report);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : t('error.unexpected'));
      setBusy(null);
    }
  }

  return (
    <>
      <p class="visually-hidden" role="status">
        {items.length > 0 ? t('suggest.found', { count: items.length }) : ''}
      </p>
      {items.length > 0 && (
        <section class="card suggestions" aria-labelledby="suggest-title">
          <h2 id="suggest-title">{t('suggest.title')}</h2>
          <p>{t('suggest.explain')}</p>
          {error && (
            <p class="field-error" role="alert">
              {error}
            </p>
          )}
          <ul class="report-list" aria-labelledby="suggest-title">
            {items.map((report) => (
              <ReportCard key={report.id} report={report} headingId={`suggest-${report.id}`}>
                {report.mine ? (
                  <p class="hint">{t('suggest.yours')}</p>
                ) : report.following ? (
                  <p class="hint">{t('suggest.already_following')}</p>
                ) : (
                  <p>
                    <button
                      type="button"
                      class="button secondary"
                      aria-describedby={`suggest-${report.id}`}
                      aria-disabled={busy !== null ? 'true' : undefined}
                      onClick={() => busy === null && void follow(report)}
                    >
                      {t('suggest.follow')}
                    </button>
                  </p>
                )}
              </ReportCard>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

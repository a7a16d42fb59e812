// The monthly unit ranking over the city's 25th-to-25th reporting period: a month picker (the
// current period and the twelve before it), the ranked table and its CSV download.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { lang, t } from '../i18n';
import { asApiError } from '../ui/failure';
import { getRanking, rankingCsvUrl, type Ranking as RankingAnswer } from './api';
import { NoValue } from './NoValue';
import { formatCount, formatDecimal, formatFullDay, formatMonth, formatRate } from './format';
import { addDays, addMonths, cityToday, periodMonthOf, periodOf } from './period';

interface Props {
  month: string; // YYYY-MM; '' for the period that contains today
  onMonth: (month: string) => void;
}

export function Ranking({ month, onMonth }: Props) {
  const current = periodMonthOf(cityToday());
  const chosen = month || current;
  const [ranking, setRanking] = useState<RankingAnswer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const language = lang();

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    getRanking(chosen, abort.signal).then(
      (answer) => {
        setRanking(answer);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [chosen, language]);

  const months = Array.from({ length: 13 }, (_, i) => addMonths(current, -i));
  if (!months.includes(chosen)) months.push(chosen);
  const option = (m: string) => {
    const { from, to } = periodOf(m);
    return t('db.month_option', { month: formatMonth(m), from: formatFullDay(from), to: formatFullDay(to) });
  };
  const from = ranking ? ranking.period.start.slice(0, 10) : '';
  const to = ranking ? addDays(ranking.period.end.slice(0, 10), -1) : '';

  return (
    <section aria-labelledby="db-ranking" class="ranking">
      <h2 id="db-ranking">{t('db.ranking')}</h2>
      <p class="hint">{t('db.ranking_lead')}</p>
      <div class="ranking-controls">
        <div class="field">
          <label for="db-month">{t('db.month')}</label>
          <select id="db-month" value={chosen} onChange={(e) => onMonth((e.currentTarget as HTMLSelectElement).value)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {option(m)}
              </option>
            ))}
          </select>
        </div>
        <a class="button secondary" href={rankingCsvUrl(chosen)} download>
          {t('db.ranking_csv')}
        </a>
      </div>
      <ErrorSummary error={error} />
      <div aria-busy={loading ? 'true' : 'false'}>
        {loading && !ranking && <p class="loading">{t('common.loading')}</p>}
        {ranking && ranking.items.length === 0 && <p class="notice">{t('db.ranking_empty')}</p>}
        {ranking && ranking.items.length > 0 && (
          <div class="table-scroll" role="region" aria-labelledby="db-ranking-caption" tabIndex={0}>
            <table class="figures-table ranking-table">
              <caption id="db-ranking-caption">
                {t('db.ranking_caption', { month: formatMonth(ranking.period.month), from: formatFullDay(from), to: formatFullDay(to) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('db.col_rank')}
                  </th>
                  <th scope="col">{t('db.col_unit')}</th>
                  <th scope="col" class="num">
                    {t('db.col_assigned')}
                  </th>
                  <th scope="col" class="num">
                    {t('db.col_resolved')}
                  </th>
                  <th scope="col" class="num">
                    {t('db.col_on_time')}
                  </th>
                  <th scope="col" class="num">
                    {t('db.col_rate')}
                  </th>
                  <th scope="col" class="num">
                    {t('db.col_overdue_end')}
                  </th>
                  <th scope="col" class="num">
                    {t('db.col_satisfaction')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ranking.items.map((r) => (
                  <tr key={r.code}>
                    <td class="num rank">{formatCount(r.rank)}</td>
                    <th scope="row">{r.name}</th>
                    <td class="num">{formatCount(r.assigned)}</td>
                    <td class="num">{formatCount(r.resolved)}</td>
                    <td class="num">{formatCount(r.on_time)}</td>
                    <td class="num">{r.on_time_rate === null ? <NoValue /> : formatRate(r.on_time_rate)}</td>
                    <td class="num">{formatCount(r.overdue_open_at_end)}</td>
                    <td class="num">
                      {r.satisfaction.average === null ? (
                        <NoValue />
                      ) : (
                        t('db.satisfaction_value', { average: formatDecimal(r.satisfaction.average) })
                      )}
                      <span class="cell-note">{t('db.ratings', { n: formatCount(r.satisfaction.count) })}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

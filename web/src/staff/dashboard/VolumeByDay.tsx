// Reports by day: a uPlot chart (loaded when the dashboard first shows figures, so the console's
// first load stays small) and the same numbers as a table, which is what a screen reader, a
// keyboard or a failed chart relies on. The chart is one picture (role img) named in words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t } from '../i18n';
import type { StatsDay } from './api';
import { formatCount, formatDay, formatFullDay } from './format';
import type { VolumeChart } from './volume-chart';

type ChartState = 'loading' | 'ready' | 'failed';

export function VolumeByDay({ days }: { days: StatsDay[] }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ChartState>('loading');
  const first = days[0]?.date ?? '';
  const last = days[days.length - 1]?.date ?? '';
  const language = lang();

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    let chart: VolumeChart | null = null;
    let observer: ResizeObserver | null = null;
    let live = true;
    setState('loading');
    import('./volume-chart').then(
      ({ drawVolumeChart }) => {
        if (!live) return;
        element.replaceChildren();
        chart = drawVolumeChart(
          element,
          {
            received: days.map((d) => d.received),
            resolved: days.map((d) => d.resolved),
            dayLabel: (i) => formatDay(days[i]?.date ?? ''),
            countLabel: formatCount,
          },
          Math.max(240, element.clientWidth),
        );
        observer = new ResizeObserver(() => chart?.resize(Math.max(240, element.clientWidth)));
        observer.observe(element);
        setState('ready');
      },
      () => live && setState('failed'),
    );
    return () => {
      live = false;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [days, language]);

  return (
    <section class="volume" aria-labelledby="db-by-day">
      <h2 id="db-by-day">{t('db.by_day')}</h2>
      <figure class="chart">
        <ul class="chart-legend" aria-label={t('db.legend')}>
          <li>
            <span class="swatch bar" aria-hidden="true" />
            {t('db.col_received')}
          </li>
          <li>
            <span class="swatch line" aria-hidden="true" />
            {t('db.col_resolved')}
          </li>
        </ul>
        <div ref={host} class="chart-host" role="img" aria-label={t('db.chart', { from: formatFullDay(first), to: formatFullDay(last) })} />
        {state === 'loading' && <p class="hint">{t('db.chart_loading')}</p>}
        {state === 'failed' && (
          <p class="notice" role="alert">
            {t('db.chart_failed')}
          </p>
        )}
      </figure>
      <details class="day-table">
        <summary>{t('db.day_table')}</summary>
        <div class="table-scroll" role="region" aria-labelledby="db-day-caption" tabIndex={0}>
          <table class="figures-table">
            <caption id="db-day-caption">{t('db.day_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('db.col_date')}</th>
                <th scope="col" class="num">
                  {t('db.col_received')}
                </th>
                <th scope="col" class="num">
                  {t('db.col_resolved')}
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">
                    <time dateTime={d.date}>{formatFullDay(d.date)}</time>
                  </th>
                  <td class="num">{formatCount(d.received)}</td>
                  <td class="num">{formatCount(d.resolved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

// The reports overdue right now, most overdue first (the server sends at most 100), each linking
// to its detail in the console.
import { formatDateTime, t } from '../i18n';
import type { OverdueReport } from './api';
import { formatCount } from './format';

export function OverdueList({ items }: { items: OverdueReport[] }) {
  return (
    <section aria-labelledby="db-overdue">
      <h2 id="db-overdue">{t('db.overdue')}</h2>
      {items.length === 0 ? (
        <p class="notice success">{t('db.overdue_none')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="db-overdue-caption" tabIndex={0}>
          <table class="figures-table overdue-table">
            <caption id="db-overdue-caption">{t('db.overdue_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('db.col_code')}</th>
                <th scope="col">{t('db.col_category')}</th>
                <th scope="col">{t('db.col_unit')}</th>
                <th scope="col">{t('db.col_ward')}</th>
                <th scope="col">{t('db.col_due')}</th>
                <th scope="col" class="num">
                  {t('db.col_days_overdue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`/staff/reports/${r.id}`} class="code">
                      {r.code}
                    </a>
                  </th>
                  <td>{r.category.name ?? r.category.code}</td>
                  <td>{r.unit ? r.unit.name ?? r.unit.code : <span class="none">{t('db.not_assigned')}</span>}</td>
                  <td>{r.ward ? r.ward.name ?? r.ward.code : <span class="none">{t('db.no_ward')}</span>}</td>
                  <td>
                    <time dateTime={r.due_at}>{formatDateTime(r.due_at)}</time>
                  </td>
                  <td class="num bad">{t('db.days', { n: formatCount(r.days_overdue) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href="/staff/queue?overdue=true">{t('db.overdue_queue')}</a>
      </p>
    </section>
  );
}

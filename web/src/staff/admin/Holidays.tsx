// Public holidays of the working calendar, which deadlines skip: the year's list, adding a day
// (or renaming it: PUT /api/v1/admin/holidays/{date}) and removing one.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { lang, t } from '../i18n';
import { asApiError } from '../ui/failure';
import { deleteHoliday, listHolidays, putHoliday, type Holiday } from './api';
import { Announce, fieldErrors, focusFirstError, localProblem, TextField } from './fields';

const cityYear = () => new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

// "Thứ Sáu, 1/5/2026" or "Friday 1 May 2026".
function formatHoliday(date: string): string {
  const vi = lang() === 'vi';
  return new Intl.DateTimeFormat(vi ? 'vi-VN' : 'en-GB', { weekday: 'long', day: 'numeric', month: vi ? 'numeric' : 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(date + 'T00:00:00Z'));
}

export function Holidays() {
  const [items, setItems] = useState<Holiday[] | null>(null);
  const [year, setYear] = useState(cityYear());
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [removeError, setRemoveError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState({ date: '', name: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);

  const load = () =>
    listHolidays().then(
      (answer) => {
        setItems(answer.items);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(asApiError(e)),
    );
  useEffect(() => void load(), []);

  async function add(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!draft.date) {
      const message = t('adm.holiday_date_required');
      setError(localProblem({ date: message }));
      focusFirstError(form.current, ['date']);
      return;
    }
    setBusy(true);
    setNotice('');
    try {
      const holiday = await putHoliday(draft.date, draft.name);
      setError(null);
      setDraft({ date: '', name: '' });
      setYear(Number(holiday.date.slice(0, 4)));
      setNotice(t('adm.holiday_added', { date: formatHoliday(holiday.date) }));
      await load();
    } catch (e) {
      const failure = asApiError(e);
      setError(failure);
      focusFirstError(form.current, Object.keys(failure.errors));
    } finally {
      setBusy(false);
    }
  }

  async function remove(date: string) {
    setNotice('');
    try {
      await deleteHoliday(date);
      setRemoveError(null);
      setNotice(t('adm.holiday_removed', { date: formatHoliday(date) }));
      await load();
      requestAnimationFrame(() => document.getElementById('adm-holidays-caption')?.closest<HTMLElement>('.table-scroll')?.focus());
    } catch (e) {
      setRemoveError(asApiError(e));
    }
  }

  const years = [...new Set([cityYear(), cityYear() + 1, year, ...(items ?? []).map((h) => Number(h.date.slice(0, 4)))])].sort();
  const shown = (items ?? []).filter((h) => h.date.startsWith(`${year}-`));
  return (
    <>
      <p class="lead">{t('adm.holidays_lead')}</p>
      <Announce message={notice} />
      <form ref={form} class="card admin-form" noValidate onSubmit={add} aria-labelledby="adm-new-holiday-title">
        <h3 id="adm-new-holiday-title">{t('adm.new_holiday')}</h3>
        <ErrorSummary error={error} fieldsShown={['date', 'name']} />
        <div class="row">
          <TextField id="adm-holiday-date" name="date" type="date" label={t('adm.holiday_date')} value={draft.date} error={errors['date']} onInput={(v) => setDraft((d) => ({ ...d, date: v }))} />
          <TextField id="adm-holiday-name" name="name" label={t('adm.holiday_name')} value={draft.name} error={errors['name']} maxLength={200} onInput={(v) => setDraft((d) => ({ ...d, name: v }))} />
        </div>
        <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('adm.saving') : t('adm.holiday_add')}
        </button>
      </form>
      <div class="inline-filter">
        <div class="field">
          <label for="adm-year">{t('adm.year')}</label>
          <select id="adm-year" value={String(year)} onChange={(e) => setYear(Number((e.currentTarget as HTMLSelectElement).value))}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorSummary error={loadError ?? removeError} />
      {!items && !loadError && <p class="loading">{t('common.loading')}</p>}
      {items && shown.length === 0 && <p>{t('adm.holidays_none', { year })}</p>}
      {shown.length > 0 && (
        <div class="table-scroll" role="region" aria-labelledby="adm-holidays-caption" tabIndex={0}>
          <table class="admin-table">
            <caption id="adm-holidays-caption">{t('adm.holidays_caption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adm.col_date')}</th>
                <th scope="col">{t('adm.col_holiday')}</th>
                <th scope="col">{t('adm.col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((h) => (
                <tr key={h.date}>
                  <th scope="row">
                    <time dateTime={h.date}>{formatHoliday(h.date)}</time>
                  </th>
                  <td>{h.name}</td>
                  <td>
                    <button type="button" class="button secondary small" aria-label={t('adm.remove_holiday', { date: formatHoliday(h.date) })} onClick={() => remove(h.date)}>
                      {t('adm.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// A signed-in citizen's dossiers (matched by the ID number on their e-ID), newest first, each a
// link to its page; the list follows the live stream.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../../shared/api';
import { formatDate } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { listMyDossiers, type Dossier } from './api';
import { dt, statusLabel } from './strings';
import { useDossierLive } from './useDossierLive';

export function MyDossierList() {
  const [items, setItems] = useState<Dossier[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState('');
  const load = () =>
    listMyDossiers().then((a) => {
      setItems(a.items);
      setError(null);
    }, setError);
  useEffect(() => {
    void load();
  }, []);
  useDossierLive(null, (n) => {
    void load();
    if (n) setSaid(dt('mine.updated'));
  });

  return (
    <section aria-labelledby="mine-title" class="my-dossiers">
      <h2 id="mine-title">{dt('mine.title')}</h2>
      <p class="hint">{dt('mine.hint')}</p>
      <ErrorSummary error={error} />
      <p role="status" class="visually-hidden">
        {said}
      </p>
      {items && items.length === 0 && <p>{dt('mine.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="cards">
          {items.map((d) => (
            <li key={d.code} class="card">
              <p>
                <a href={`/app/dossiers/${encodeURIComponent(d.code)}`}>
                  <strong>{d.code}</strong>
                </a>
              </p>
              <p>{d.procedure.name}</p>
              <p class="meta">
                <span class={`badge dossier-${d.status}`}>{statusLabel(d.status)}</span>
                {d.appointment_at && <span> · {dt('mine.appointment', { date: formatDate(d.appointment_at) })}</span>}
                {d.overdue && <span class="overdue"> · {dt('view.overdue')}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

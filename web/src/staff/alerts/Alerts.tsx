// Hot alerts in the staff console (alert officers and admins; see ../roles.ts), a chunk of its
// own: /staff/alerts (the list), /staff/alerts/new (a draft; ?update=ID drafts an Update of a sent
// alert), /staff/alerts/{id} (the detail, with approve, update, cancel and the delivery figures)
// and /staff/alerts/{id}/edit (a draft changed).
import type { Me } from '../../shared/api';
import '../../shared/alerts/alerts.css';
import { match } from '../router';
import { AlertDetail } from './AlertDetail';
import { AlertForm } from './AlertForm';
import { AlertList } from './AlertList';
import './alerts-staff.css';
import { st } from './strings';

interface Props {
  me: Me;
  path: string;
  query: URLSearchParams;
  state?: unknown;
}

// What a screen tells the next one after a step (history state): "created", "approved", ...
export interface AlertNotice {
  notice?: 'created' | 'saved' | 'approved' | 'discarded' | 'cancel_created';
}

export function Alerts({ me, path, query, state }: Props) {
  if (path === '/alerts') return <AlertList me={me} />;
  if (path === '/alerts/new') {
    const update = query.get('update');
    return <AlertForm key={`new-${update ?? ''}`} me={me} updateOf={update && /^\d+$/.test(update) ? Number(update) : null} editId={null} />;
  }
  const edit = match('/alerts/:id/edit', path);
  if (edit && /^\d+$/.test(edit['id'] ?? '')) return <AlertForm key={`edit-${edit['id']}`} me={me} updateOf={null} editId={Number(edit['id'])} />;
  const detail = match('/alerts/:id', path);
  if (detail && /^\d+$/.test(detail['id'] ?? '')) {
    return <AlertDetail key={detail['id']} me={me} id={Number(detail['id'])} notice={(state as AlertNotice | null)?.notice} />;
  }
  return (
    <section aria-labelledby="alerts-missing">
      <h1 id="alerts-missing" tabIndex={-1}>
        {st('list.title')}
      </h1>
      <p>
        <a href="/staff/alerts">{st('detail.back')}</a>
      </p>
    </section>
  );
}

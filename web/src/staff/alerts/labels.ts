// How the alert screens name an alert's state, in words.
import type { Alert } from '../../shared/alerts/api';
import { st } from './strings';

// Draft, discarded; once sent: in effect, expired, cancelled or updated (an Update or a Cancel
// message itself is just "sent").
export function stateWord(alert: Alert, now = Date.now()): string {
  if (alert.state === 'draft') return st('state.draft');
  if (alert.state === 'discarded') return st('state.discarded');
  if (alert.msg_type === 'Cancel') return st('state.sent');
  if (alert.cancelled) return st('state.cancelled');
  if (alert.superseded_by) return st('state.superseded');
  if (alert.active && Date.parse(alert.expires) > now) return st('state.active');
  return st('state.expired');
}

export function isInEffect(alert: Alert, now = Date.now()): boolean {
  return alert.state === 'sent' && alert.msg_type !== 'Cancel' && alert.active && Date.parse(alert.expires) > now;
}

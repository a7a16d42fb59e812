// Every step of a report as staff see it: who (the unit or centre, and the account), when, the
// status it left, the message, proof photos, and whether it is an internal note.
import type { StaffTimelineEntry } from '../../shared/api/staff';
import { formatDateTime, t } from '../i18n';
import { actionLabel, statusLabel } from '../ui/labels';
import { Photos } from '../ui/Photos';

export function Timeline({ steps }: { steps: StaffTimelineEntry[] }) {
  return (
    <ol class="timeline">
      {steps.map((step) => (
        <li key={step.id} class={step.internal ? 'internal' : undefined}>
          <p class="step-head">
            <strong>{actionLabel(step.action)}</strong>
            {step.status && step.status !== 'reopened' && <span class="step-status"> · {statusLabel(step.status)}</span>}
            {step.internal && <span class="badge internal-tag">{t('detail.internal')}</span>}
          </p>
          <p class="step-meta">
            <time dateTime={step.at}>{formatDateTime(step.at)}</time> · <span>{step.actor.name}</span>
            {step.actor.username && <span class="mono"> ({step.actor.username})</span>}
          </p>
          {step.message && <p class="step-message">{step.message}</p>}
          {step.photos && step.photos.length > 0 && (
            <Photos photos={step.photos} label={t('detail.step_photos', { step: actionLabel(step.action) })} />
          )}
        </li>
      ))}
    </ol>
  );
}

// One dossier as its applicant or a holder of the receipt sees it: the status, the procedure and
// the dates, the applicant (masked in a lookup), and the timeline, newest step last.
import { formatDate, formatDateTime } from '../../../shared/i18n';
import type { Dossier } from './api';
import { dt, statusLabel } from './strings';

interface Props {
  dossier: Dossier;
  level: 2 | 3; // the heading level of the view's sections
}

export function DossierView({ dossier, level }: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const id = `dossier-${dossier.code.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <div class="dossier">
      <p class="dossier-status">
        <span class="visually-hidden">{dt('view.status')}: </span>
        <span class={`badge dossier-${dossier.status}`}>{statusLabel(dossier.status)}</span>
        {dossier.overdue && <span class="overdue"> · {dt('view.overdue')}</span>}
      </p>
      <dl class="dossier-facts">
        <dt>{dt('view.procedure')}</dt>
        <dd>
          {dossier.procedure.name} <span class="muted">({dossier.procedure.code})</span>
        </dd>
        {dossier.agency && (
          <>
            <dt>{dt('view.agency')}</dt>
            <dd>{dossier.agency}</dd>
          </>
        )}
        <dt>{dt('view.applicant')}</dt>
        <dd>{dossier.applicant.name}</dd>
        {dossier.applicant.id_number && (
          <>
            <dt>{dt('view.id_number')}</dt>
            <dd>{dossier.applicant.id_number}</dd>
          </>
        )}
        <dt>{dt('view.submitted')}</dt>
        <dd>
          <time dateTime={dossier.submitted_at}>{formatDateTime(dossier.submitted_at)}</time>
        </dd>
        {dossier.appointment_at && (
          <>
            <dt>{dt('view.appointment')}</dt>
            <dd>
              <time dateTime={dossier.appointment_at}>{formatDate(dossier.appointment_at)}</time>
            </dd>
          </>
        )}
        {dossier.completed_at && (
          <>
            <dt>{dt('view.completed')}</dt>
            <dd>
              <time dateTime={dossier.completed_at}>{formatDateTime(dossier.completed_at)}</time>
            </dd>
          </>
        )}
      </dl>
      {dossier.applicant.masked && <p class="hint">{dt('view.masked')}</p>}
      <section aria-labelledby={`${id}-timeline`}>
        <Heading id={`${id}-timeline`}>{dt('view.timeline')}</Heading>
        <ol class="timeline">
          {dossier.timeline.map((step, index) => (
            <li key={`${step.at}-${index}`}>
              <p class="step-head">
                <strong>{statusLabel(step.status)}</strong>
              </p>
              <p class="step-meta">
                <time dateTime={step.at}>{formatDateTime(step.at)}</time>
              </p>
              {step.note && <p class="step-message">{step.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

// What the signed-in member may do with the report now: one button per step (a disclosure that
// shows the step's form), one form open at a time, and a notice after each step taken.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../../shared/api';
import type { StaffReport } from '../../shared/api/staff';
import { t } from '../i18n';
import type { Reference } from '../reference';
import { stepsFor, type Step } from './steps';
import { StepForm } from './StepForm';

interface Props {
  me: Me;
  report: StaffReport;
  reference: Reference | null;
  onChange: (report: StaffReport, done: Step) => void;
}

export function ActionPanel({ me, report, reference, onChange }: Props) {
  const steps = stepsFor(me.role, report);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const keyOf = (step: Step) => step.action + (step.transfer ? '-transfer' : '');

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (steps.length === 0) return null;
  const openStep = steps.find((s) => keyOf(s) === open);
  return (
    <section aria-labelledby="actions-title" class="actions">
      <h2 id="actions-title">{t('act.title')}</h2>
      {notice && (
        <div class="notice success" role="status" tabIndex={-1} ref={noticeRef}>
          <p>{notice}</p>
        </div>
      )}
      <ul class="step-buttons">
        {steps.map((step) => {
          const key = keyOf(step);
          return (
            <li key={key}>
              <button
                type="button"
                class={`button ${open === key ? 'primary' : 'secondary'}`}
                aria-expanded={open === key ? 'true' : 'false'}
                aria-controls={open === key ? `step-${step.action}` : undefined}
                onClick={() => {
                  setNotice('');
                  setOpen(open === key ? null : key);
                }}
              >
                {t(step.open)}
              </button>
            </li>
          );
        })}
      </ul>
      {openStep && (
        <StepForm
          key={open}
          report={report}
          step={openStep}
          reference={reference}
          onCancel={() => setOpen(null)}
          onDone={(updated) => {
            setOpen(null);
            setNotice(t(openStep.done, { code: updated.code }));
            onChange(updated, openStep);
          }}
        />
      )}
    </section>
  );
}

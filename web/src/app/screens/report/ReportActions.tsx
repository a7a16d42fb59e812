// What the author may do with a report in its current state, as the API allows it:
// withdraw (received), rate (resolved → closed), reopen (resolved or closed, with a reason).
import { useState } from 'preact/hooks';
import { ApiError, rateReport, reopenReport, withdrawReport, type Report } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { describedBy, ErrorSummary, FieldError } from '../../../shared/ui/ErrorSummary';

interface Props {
  report: Report;
  onChange: (report: Report) => void;
}

export function ReportActions({ report, onChange }: Props) {
  const canWithdraw = report.status === 'received';
  const canRate = report.status === 'resolved';
  const canReopen = report.status === 'resolved' || report.status === 'closed';
  if (!canWithdraw && !canRate && !canReopen) return null;
  return (
    <section aria-labelledby="actions-title" class="report-actions">
      <h2 id="actions-title">{t('actions.title')}</h2>
      {canRate && <RateForm report={report} onChange={onChange} />}
      {canReopen && <ReopenForm report={report} onChange={onChange} />}
      {canWithdraw && <WithdrawForm report={report} onChange={onChange} />}
    </section>
  );
}

function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run(action: () => Promise<Report>, onDone: (r: Report) => void) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await action());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function RateForm({ report, onChange }: Props) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const { busy, error, run } = useAction();
  const scoreError = error?.errors['score'];
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="rate-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => rateReport(report.id, score, comment.trim() || undefined), onChange);
      }}
    >
      <h3 id="rate-title">{t('actions.rate')}</h3>
      <ErrorSummary error={error} fieldsShown={['score', 'comment']} />
      <fieldset class="stars" role="radiogroup" aria-invalid={scoreError ? 'true' : undefined} aria-describedby={describedBy(scoreError && 'score-error')}>
        <legend>{t('actions.score')}</legend>
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} class={value <= score ? 'on' : ''}>
            <input type="radio" name="score" value={value} checked={score === value} onChange={() => setScore(value)} />
            <span aria-hidden="true">★</span>
            <span class="visually-hidden">{t('actions.score_value', { score: value })}</span>
          </label>
        ))}
        <FieldError id="score-error" message={scoreError} />
      </fieldset>
      <div class="field">
        <label for="rate-comment">{t('actions.comment')}</label>
        <textarea id="rate-comment" rows={3} maxLength={4000} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
        {t('actions.rate_submit')}
      </button>
    </form>
  );
}

function ReopenForm({ report, onChange }: Props) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const reasonError = error?.errors['reason'];
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="reopen-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => reopenReport(report.id, reason), onChange);
      }}
    >
      <h3 id="reopen-title">{t('actions.reopen')}</h3>
      <ErrorSummary error={error} fieldsShown={['reason']} />
      <div class="field">
        <label for="reopen-reason">{t('actions.reopen_reason')}</label>
        <textarea
          id="reopen-reason"
          rows={3}
          maxLength={4000}
          value={reason}
          aria-invalid={reasonError ? 'true' : undefined}
          aria-describedby={describedBy(reasonError && 'reopen-reason-error')}
          onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <FieldError id="reopen-reason-error" message={reasonError} />
      </div>
      <button type="submit" class="button secondary" aria-disabled={busy ? 'true' : undefined}>
        {t('actions.reopen_submit')}
      </button>
    </form>
  );
}

function WithdrawForm({ report, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  if (!open) {
    return (
      <p>
        <button type="button" class="button secondary" onClick={() => setOpen(true)}>
          {t('actions.withdraw')}
        </button>
      </p>
    );
  }
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="withdraw-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => withdrawReport(report.id, reason.trim() || undefined), onChange);
      }}
    >
      <h3 id="withdraw-title">{t('actions.withdraw')}</h3>
      <p>{t('actions.withdraw_explain')}</p>
      <ErrorSummary error={error} />
      <div class="field">
        <label for="withdraw-reason">{t('actions.withdraw_reason')}</label>
        <textarea id="withdraw-reason" rows={2} maxLength={4000} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      <p class="actions-inline">
        <button type="submit" class="button danger" aria-disabled={busy ? 'true' : undefined}>
          {t('actions.withdraw_confirm')}
        </button>
        <button type="button" class="button secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

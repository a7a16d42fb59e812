// Staff sign-in: username and password, then the authenticator's code. The first time, the server
// answers `totp_enrolment_required` with a secret to add to an authenticator app; the app's first
// code confirms it, and the ten recovery codes are shown once.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  confirmTotp,
  rememberCsrfToken,
  staffLogin,
  type Me,
  type SignedIn,
  type StaffCredentials,
  type TotpEnrolment,
} from '../shared/api';
import { t } from '../shared/i18n';
import { describedBy, ErrorSummary, FieldError } from '../shared/ui/ErrorSummary';

type Step =
  | { kind: 'credentials' }
  | { kind: 'enrol'; enrolment: TotpEnrolment }
  | { kind: 'recovery'; signedIn: SignedIn };

function focusHeading() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else focusHeading();
  }, [step.kind]);

  function signedIn(answer: SignedIn) {
    rememberCsrfToken(answer.csrf_token);
    if (answer.recovery_codes && answer.recovery_codes.length > 0) setStep({ kind: 'recovery', signedIn: answer });
    else onSignedIn(answer.user);
  }

  if (step.kind === 'enrol') return <Enrol enrolment={step.enrolment} onDone={signedIn} onRestart={() => setStep({ kind: 'credentials' })} />;
  if (step.kind === 'recovery') return <RecoveryCodes codes={step.signedIn.recovery_codes ?? []} onDone={() => onSignedIn(step.signedIn.user)} />;
  return (
    <Credentials
      onAnswer={(answer) => {
        if ('status' in answer) setStep({ kind: 'enrol', enrolment: answer });
        else signedIn(answer);
      }}
    />
  );
}

function Credentials({ onAnswer }: { onAnswer: (answer: SignedIn | TotpEnrolment) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const credentials: StaffCredentials = { username: username.trim(), password };
    const second = code.replace(/\s+/g, '');
    if (second) {
      if (useRecovery) credentials.recovery_code = second;
      else credentials.code = second;
    }
    try {
      onAnswer(await staffLogin(credentials));
    } catch (e) {
      const failure = e instanceof ApiError ? e : new ApiError(0, null, t('error.unexpected'));
      setError(failure);
      setBusy(false);
      requestAnimationFrame(() => {
        const target = failure.code === 'totp_code_required' ? document.getElementById('code') : document.querySelector<HTMLElement>('.notice.error');
        if (target) {
          if (target.tagName !== 'INPUT') target.tabIndex = -1;
          target.focus();
        }
      });
    }
  }

  const codeError = error?.code === 'totp_code_required' ? error.detail : error?.errors['code'] ?? error?.errors['recovery_code'];
  return (
    <section aria-labelledby="sign-in-title" class="narrow">
      <h1 id="sign-in-title" tabIndex={-1}>
        {t('staff.sign_in')}
      </h1>
      <form noValidate onSubmit={submit} aria-labelledby="sign-in-title">
        {error && error.code !== 'totp_code_required' && <ErrorSummary error={error} fieldsShown={['code', 'recovery_code', 'username', 'password']} />}
        <div class="field">
          <label for="username">{t('staff.username')}</label>
          <input
            id="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            value={username}
            aria-invalid={error?.errors['username'] ? 'true' : undefined}
            onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)}
          />
          <FieldError id="username-error" message={error?.errors['username']} />
        </div>
        <div class="field">
          <label for="password">{t('staff.password')}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={error?.errors['password'] ? 'true' : undefined}
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
          />
          <FieldError id="password-error" message={error?.errors['password']} />
        </div>
        <div class="field">
          <label for="code">{useRecovery ? t('staff.recovery_code') : t('staff.code')}</label>
          <p class="hint" id="code-hint">
            {useRecovery ? t('staff.recovery_code_hint') : t('staff.code_hint')}
          </p>
          <input
            id="code"
            type="text"
            inputMode={useRecovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            value={code}
            aria-invalid={codeError ? 'true' : undefined}
            aria-describedby={describedBy('code-hint', codeError && 'code-error')}
            onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
          />
          <FieldError id="code-error" message={codeError} />
          <button type="button" class="link" onClick={() => setUseRecovery(!useRecovery)}>
            {useRecovery ? t('staff.use_code') : t('staff.use_recovery')}
          </button>
        </div>
        <button type="submit" class="button primary wide" aria-disabled={busy ? 'true' : undefined}>
          {t('staff.sign_in_submit')}
        </button>
      </form>
    </section>
  );
}

function Enrol({ enrolment, onDone, onRestart }: { enrolment: TotpEnrolment; onDone: (a: SignedIn) => void; onRestart: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await confirmTotp(enrolment.ticket, code.replace(/\s+/g, '')));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null, t('error.unexpected')));
      setBusy(false);
    }
  }

  const codeError = error?.errors['code'];
  return (
    <section aria-labelledby="enrol-title" class="narrow">
      <h1 id="enrol-title" tabIndex={-1}>
        {t('staff.enrol_title')}
      </h1>
      <p>{t('staff.enrol_explain')}</p>
      <div class="field">
        <label for="totp-secret">{t('staff.secret')}</label>
        <input id="totp-secret" type="text" readOnly value={enrolment.secret} class="mono" />
      </div>
      <div class="field">
        <label for="totp-uri">{t('staff.otpauth_uri')}</label>
        <textarea id="totp-uri" readOnly rows={3} value={enrolment.otpauth_uri} class="mono" />
      </div>
      <p>
        <a href={enrolment.otpauth_uri}>{t('staff.open_in_app')}</a>
      </p>
      <form noValidate onSubmit={submit} aria-labelledby="enrol-title">
        <ErrorSummary error={error} fieldsShown={['code']} />
        <div class="field">
          <label for="enrol-code">{t('staff.enrol_code')}</label>
          <input
            id="enrol-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            aria-invalid={codeError ? 'true' : undefined}
            aria-describedby={describedBy(codeError && 'enrol-code-error')}
            onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
          />
          <FieldError id="enrol-code-error" message={codeError} />
        </div>
        <p class="actions-inline">
          <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
            {t('staff.enrol_confirm')}
          </button>
          {error?.code === 'enrolment_ticket_invalid' && (
            <button type="button" class="button secondary" onClick={onRestart}>
              {t('staff.start_again')}
            </button>
          )}
        </p>
      </form>
    </section>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section aria-labelledby="recovery-title" class="narrow">
      <h1 id="recovery-title" tabIndex={-1}>
        {t('staff.recovery_title')}
      </h1>
      <p>{t('staff.recovery_explain')}</p>
      <ol class="recovery-codes mono" aria-label={t('staff.recovery_title')}>
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <p>
        <button type="button" class="button primary wide" onClick={onDone}>
          {t('staff.recovery_saved')}
        </button>
      </p>
    </section>
  );
}

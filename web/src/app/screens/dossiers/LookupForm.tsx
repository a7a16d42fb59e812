// The public lookup: the dossier code and the secret from the receipt, then the dossier (the
// applicant masked). A wrong pair and an unknown code get the same answer from the server, said
// here in its words. The result follows the live stream while the page is open (a signed-in
// applicant is told of every step).
import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../../shared/api';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { lookupDossier, type Dossier } from './api';
import { DossierView } from './DossierView';
import { dt, statusLabel } from './strings';
import { useDossierLive } from './useDossierLive';

export function LookupForm({ initialCode = '', level }: { initialCode?: string; level: 2 | 3 }) {
  const [code, setCode] = useState(initialCode);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [found, setFound] = useState<Dossier | null>(null);
  const [said, setSaid] = useState('');
  // The pair that found the shown dossier: a live update asks again with it.
  const asked = useRef<{ code: string; secret: string } | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setSaid('');
    if (!code.trim() || !secret.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const d = await lookupDossier(code, secret);
      asked.current = { code, secret };
      setFound(d);
    } catch (e) {
      asked.current = null;
      setFound(null);
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  useDossierLive(found?.code ?? '', () => {
    const pair = asked.current;
    if (!pair) return;
    lookupDossier(pair.code, pair.secret).then((d) => {
      setFound(d);
      setSaid(dt('view.timeline_updated', { status: statusLabel(d.status) }));
    }, setError);
  });

  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="lookup-title" class="dossier-lookup">
      <Heading id="lookup-title">{dt('lookup.title')}</Heading>
      <p class="hint">{dt('lookup.hint')}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="dossier-code">{dt('lookup.code')}</label>
          <input
            type="text"
            id="dossier-code"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            aria-describedby="dossier-code-hint"
            value={code}
            onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint" id="dossier-code-hint">
            {dt('lookup.code_hint')}
          </p>
        </div>
        <div class="field">
          <label for="dossier-secret">{dt('lookup.secret')}</label>
          <input
            type="text"
            id="dossier-secret"
            name="secret"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            aria-describedby="dossier-secret-hint"
            value={secret}
            onInput={(e) => setSecret((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint" id="dossier-secret-hint">
            {dt('lookup.secret_hint')}
          </p>
        </div>
        {missing && (
          <div class="notice error" role="alert">
            <p>{dt('lookup.missing')}</p>
          </div>
        )}
        <ErrorSummary error={error} />
        <p>
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? dt('lookup.busy') : dt('lookup.submit')}
          </button>
        </p>
      </form>
      <p role="status" class="visually-hidden">
        {said}
      </p>
      {found && (
        <section aria-labelledby="lookup-result" class="card">
          <Heading id="lookup-result">{dt('lookup.result', { code: found.code })}</Heading>
          <DossierView dossier={found} level={3} />
        </section>
      )}
    </section>
  );
}

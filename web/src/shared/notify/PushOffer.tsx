// The question asked at the right moment (a report was just sent), never on the first visit:
// "be told when it moves forward?". Shown only when push could work here and is not on yet, and
// not again once answered "not now". Whatever happens, the in-app inbox keeps every notification.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorSummary } from '../ui/ErrorSummary';
import { enablePush, pushState, type PushOutcome } from './push';
import { nt } from './strings';

const laterKey = 'cds.push.later';

function answeredLater(): boolean {
  try {
    return localStorage.getItem(laterKey) === '1';
  } catch {
    return false;
  }
}

export function outcomeText(outcome: PushOutcome): string {
  switch (outcome) {
    case 'on':
      return nt('push.on');
    case 'off':
      return nt('push.off');
    case 'denied':
      return nt('push.denied');
    case 'dismissed':
      return nt('push.dismissed');
    case 'unsupported':
      return nt('push.unsupported');
    case 'unavailable':
      return nt('push.unavailable');
    case 'failed':
      return nt('push.failed');
  }
}

export function PushOffer({ citizen }: { citizen: boolean }) {
  const [offered, setOffered] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PushOutcome | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (answeredLater()) return;
    pushState().then((state) => setOffered(state === 'off'), () => undefined);
  }, []);

  async function enable() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setOutcome(await enablePush(citizen));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null, nt('push.failed')));
    } finally {
      setBusy(false);
    }
  }

  function later() {
    try {
      localStorage.setItem(laterKey, '1');
    } catch {
      // asked again next time
    }
    setOffered(false);
  }

  if (!offered) return null;
  return (
    <section class="card push-offer" aria-labelledby="push-offer-title">
      <h2 id="push-offer-title">{nt('push.offer_title')}</h2>
      <p>{nt('push.offer_text')}</p>
      {citizen && <p class="hint">{nt('push.consent')}</p>}
      <ErrorSummary error={error} />
      <p role="status" class={outcome === 'on' ? 'notice success' : outcome ? 'notice' : ''}>
        {busy ? nt('push.busy') : outcome ? outcomeText(outcome) : ''}
      </p>
      {(outcome === null || outcome === 'dismissed' || outcome === 'failed') && (
        <p class="actions-inline">
          <button type="button" class="button primary" aria-disabled={busy ? 'true' : undefined} onClick={() => void enable()}>
            {nt('push.enable')}
          </button>
          <button type="button" class="button secondary" onClick={later}>
            {nt('push.later')}
          </button>
        </p>
      )}
    </section>
  );
}

// Where I live: a citizen's home ward (PUT /api/v1/me/home-ward), whose hot alerts they get on the
// home screen, live and as notifications. Saved, the session's `me` follows, and with it the live
// stream's ward (../../App.tsx).
import { useState } from 'preact/hooks';
import { ApiError } from '../../../shared/api';
import { setHomeWard } from '../../../shared/alerts/api';
import { wardName } from '../../../shared/alerts/words';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { useSession } from '../../session';
import { alt } from '../alerts/strings';
import { useWards, WardSelect } from '../alerts/WardSelect';

export function HomeWard() {
  const { me, setMe } = useSession();
  const wards = useWards();
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState('');
  if (!me) return null;
  const value = chosen === undefined ? me.home_ward ?? null : chosen;

  async function save(event: Event) {
    event.preventDefault();
    if (busy || !me) return;
    setBusy(true);
    setError(null);
    setSaid('');
    try {
      const answer = await setHomeWard(value);
      const ward = answer?.home_ward ?? value;
      setMe({ ...me, home_ward: ward });
      setChosen(undefined);
      setSaid(ward ? alt('home_ward.saved', { ward: wardName(ward, wards ?? []) }) : alt('home_ward.cleared'));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = error?.errors['ward'];
  return (
    <section aria-labelledby="home-ward-title">
      <h2 id="home-ward-title" tabIndex={-1}>
        {alt('home_ward.title')}
      </h2>
      <p id="home-ward-explain">{alt('home_ward.explain')}</p>
      <ErrorSummary error={error} fieldsShown={['ward']} />
      {!wards && <p class="loading">{t('common.loading')}</p>}
      {wards && (
        <form onSubmit={(e) => void save(e)}>
          <div class="field">
            <label for="home-ward">{alt('home_ward.label')}</label>
            <WardSelect id="home-ward" wards={wards} value={value} onChange={setChosen} describedBy={fieldError ? 'home-ward-explain home-ward-error' : 'home-ward-explain'} />
            {fieldError && (
              <p class="field-error" id="home-ward-error">
                {fieldError}
              </p>
            )}
          </div>
          <p>
            <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
              {alt('home_ward.save')}
            </button>
          </p>
        </form>
      )}
      <p role="status" class="saved">
        {said}
      </p>
    </section>
  );
}

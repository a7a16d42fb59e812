// One dossier's page for a signed-in applicant: in full, following the live stream. Anyone else
// (or a dossier not in their name) gets the lookup form with the code filled in.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError, Me } from '../../../shared/api';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { getMyDossier, type Dossier } from './api';
import { DossierView } from './DossierView';
import { LookupForm } from './LookupForm';
import { dt, statusLabel } from './strings';
import { useDossierLive } from './useDossierLive';
import './dossiers.css';

export function DossierDetail({ me, code }: { me: Me | null; code: string }) {
  const citizen = me?.role === 'citizen';
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notMine, setNotMine] = useState(!citizen);
  const [said, setSaid] = useState('');

  const load = (announce: boolean) =>
    getMyDossier(code).then(
      (d) => {
        setDossier(d);
        setError(null);
        if (announce) setSaid(dt('view.timeline_updated', { status: statusLabel(d.status) }));
      },
      (e: ApiError) => {
        if (e.status === 404) setNotMine(true);
        else setError(e);
      },
    );
  useEffect(() => {
    if (citizen) void load(false);
  }, [code, citizen]);
  useDossierLive(code.toUpperCase(), (n) => {
    if (citizen && !notMine) void load(n !== null);
  });

  if (notMine) {
    return (
      <>
        {citizen && <p class="notice">{dt('view.not_mine')}</p>}
        <LookupForm initialCode={code} level={2} />
      </>
    );
  }
  return (
    <>
      <ErrorSummary error={error} />
      <p role="status" class="visually-hidden">
        {said}
      </p>
      {dossier && <DossierView dossier={dossier} level={2} />}
    </>
  );
}

// The dossier screen's content (a chunk of its own): the signed-in citizen's dossiers, then the
// lookup by code and receipt secret, open to everyone.
import type { Me } from '../../../shared/api';
import { LookupForm } from './LookupForm';
import { MyDossierList } from './MyDossierList';
import './dossiers.css';

export function DossiersBody({ me }: { me: Me | null }) {
  return (
    <>
      {me?.role === 'citizen' && <MyDossierList />}
      <LookupForm level={2} />
    </>
  );
}

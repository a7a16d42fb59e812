// The dossier endpoints (docs/DOSSIERS.md). The lookup secret travels in a header, never in the
// address, and is kept only in the screen's memory.
import { request } from '../../../shared/api/client';

const v1 = '/api/v1';

export type DossierStatus =
  | 'received'
  | 'processing'
  | 'more_documents_required'
  | 'ready_to_return'
  | 'returned'
  | 'rejected';

export interface DossierStep {
  status: DossierStatus;
  note: string;
  at: string;
}

export interface Dossier {
  code: string;
  procedure: { code: string; name: string };
  agency: string;
  applicant: { name: string; id_number: string | null; masked: boolean };
  status: DossierStatus;
  submitted_at: string;
  appointment_at: string | null;
  completed_at: string | null;
  overdue: boolean;
  updated_at: string;
  timeline: DossierStep[];
}

export const lookupDossier = (code: string, secret: string) =>
  request<Dossier>('GET', `${v1}/dossiers/${encodeURIComponent(code.trim())}`, {
    headers: { 'X-Dossier-Secret': secret.trim() },
  });
export const listMyDossiers = () => request<{ items: Dossier[] }>('GET', `${v1}/me/dossiers`);
export const getMyDossier = (code: string) => request<Dossier>('GET', `${v1}/me/dossiers/${encodeURIComponent(code)}`);

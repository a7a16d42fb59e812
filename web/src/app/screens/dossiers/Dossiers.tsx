// Dossier tracking (/app/dossiers and /app/dossiers/{code}, open to everyone): the heading at
// once (so that focus finds it after a navigation), the content as a chunk loaded on the first visit.
import type { Me } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { lazy } from '../../../shared/ui/lazy';
import { useTitle } from '../../title';

const DossiersBody = lazy(() => import('./DossiersBody').then((m) => m.DossiersBody));
const DossierDetail = lazy(() => import('./DossierDetail').then((m) => m.DossierDetail));

export function Dossiers({ me }: { me: Me | null }) {
  useTitle(t('dossiers.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('dossiers.title')}</h1>
      <p class="lead">{t('dossiers.lead')}</p>
      <DossiersBody me={me} />
    </>
  );
}

export function DossierPage({ me, code }: { me: Me | null; code: string }) {
  const title = t('dossiers.one', { code });
  useTitle(title);
  return (
    <>
      <p>
        <a href="/app/dossiers">{t('dossiers.back')}</a>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      <DossierDetail me={me} code={code} />
    </>
  );
}

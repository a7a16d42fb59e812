// Administration (admins only; see ../roles.ts): the heading at once, the sections (AdminBody)
// as a chunk loaded when the screen first opens, so that the console's first load, which every
// role pays, does not carry the administration's forms.
import { lazy } from '../../shared/ui/lazy';
import { t, type Key } from '../i18n';
import { useLocation } from '../router';
import { useTitle } from '../ui/useTitle';

const sectionKeys = ['users', 'categories', 'units', 'routing', 'holidays', 'apps'];
const AdminBody = lazy(() => import('./AdminBody').then((module) => module.AdminBody));

export function Admin() {
  const section = useLocation().query.get('section') ?? '';
  useTitle(`${t(`adm.${sectionKeys.includes(section) ? section : 'users'}` as Key)} · ${t('adm.title')}`);

  return (
    <section aria-labelledby="adm-title" class="admin">
      <h1 id="adm-title" tabIndex={-1}>
        {t('adm.title')}
      </h1>
      <AdminBody />
    </section>
  );
}

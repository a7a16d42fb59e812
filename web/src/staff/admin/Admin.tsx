// Administration (admins only; see ../roles.ts): the heading at once, the sections (AdminBody)
// as a chunk loaded when the screen first opens, so that the console's first load, which every
// role pays, does not carry the administration's forms.
import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { t, type Key } from '../i18n';
import { useLocation } from '../router';
import { useTitle } from '../ui/useTitle';

const sectionKeys = ['users', 'categories', 'units', 'routing', 'holidays'];
let loaded: FunctionComponent | null = null;

export function Admin() {
  const section = useLocation().query.get('section') ?? '';
  useTitle(`${t(`adm.${sectionKeys.includes(section) ? section : 'users'}` as Key)} · ${t('adm.title')}`);
  const [Body, setBody] = useState<FunctionComponent | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (Body) return;
    let live = true;
    setFailed(false);
    import('./AdminBody').then(
      (module) => {
        loaded = module.AdminBody;
        if (live) setBody(() => module.AdminBody);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <section aria-labelledby="adm-title" class="admin">
      <h1 id="adm-title" tabIndex={-1}>
        {t('adm.title')}
      </h1>
      {Body ? (
        <Body />
      ) : failed ? (
        <div class="notice error" role="alert">
          <p>{t('error.network')}</p>
          <button type="button" class="button secondary" onClick={() => setAttempt(attempt + 1)}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
    </section>
  );
}

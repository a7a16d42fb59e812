// The staff console's frame. Until the next slices bring the operator queue, the unit workspace,
// the dashboard and the administration, it signs staff in and out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getMe, logout, type ApiError, type Me } from '../shared/api';
import { t } from '../shared/i18n';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { useLang } from '../shared/ui/useLang';
import { SignIn } from './SignIn';

export function StaffApp() {
  useLang();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    getMe()
      .then((who) => setMe(who.role === 'citizen' ? null : who))
      .catch((e: ApiError) => {
        if (e.status !== 401) setError(e);
        setMe(null);
      });
  }, []);

  useEffect(() => {
    document.title = `${me ? t('staff.home_title') : t('staff.sign_in')} · ${t('staff.console')}`;
  });

  async function signOut() {
    try {
      await logout();
    } catch {
      // Already signed out: nothing to end.
    }
    setMe(null);
  }

  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="banner">
        <span class="brand">
          <img src="/app/icons/icon.svg" alt="" width="28" height="28" />
          <span>{t('staff.console')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {error && (
          <div class="notice error" role="alert">
            <p>{error.detail}</p>
          </div>
        )}
        {me === undefined && <p role="status">{t('common.loading')}</p>}
        {me === null && <SignIn onSignedIn={setMe} />}
        {me && <Welcome me={me} onSignOut={signOut} />}
      </main>
    </>
  );
}

function Welcome({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="staff-hello">
      <h1 id="staff-hello" ref={heading} tabIndex={-1}>
        {t('staff.hello', { name: me.display_name || me.username })}
      </h1>
      <dl class="facts">
        <dt>{t('staff.username')}</dt>
        <dd>{me.username}</dd>
        <dt>{t('staff.role')}</dt>
        <dd>{t(`role.${me.role}`)}</dd>
        {me.unit && (
          <>
            <dt>{t('staff.unit')}</dt>
            <dd>{me.unit}</dd>
          </>
        )}
      </dl>
      <p>{t('staff.coming_soon')}</p>
      <p>
        <button type="button" class="button secondary" onClick={onSignOut}>
          {t('staff.sign_out')}
        </button>
      </p>
    </section>
  );
}

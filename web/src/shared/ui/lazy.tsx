// A component whose code is a chunk of its own, fetched the first time it is shown (so that it
// stays out of the first load): "Loading…" meanwhile, and a retry if the chunk cannot be fetched.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export function lazy<P extends object>(load: () => Promise<FunctionComponent<P>>, quiet = false): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<FunctionComponent<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Component) return;
      let live = true;
      setFailed(false);
      load().then(
        (c) => {
          loaded = c;
          if (live) setComponent(() => c);
        },
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (Component) return <Component {...props} />;
    if (quiet) return null;
    return failed ? (
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
    );
  };
}

// The document title follows the screen, so that a screen reader announces where one has arrived.
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

export function useTitle(screen: string): void {
  useEffect(() => {
    document.title = screen ? `${screen} · ${t('staff.console')}` : t('staff.console');
  }, [screen]);
}

// A figure the server gives as null (a rate with nothing resolved, an average without ratings):
// a dash to the eye, "no data yet" to a screen reader.
import { t } from '../i18n';

export function NoValue() {
  return (
    <span class="none">
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{t('db.no_value')}</span>
    </span>
  );
}

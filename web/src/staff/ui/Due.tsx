// A deadline, and when it has passed, a warning sign and the word "overdue" (never colour alone).
import { Icon } from '../../shared/ui/Icon';
import { formatDate, formatDateTime, t } from '../i18n';

export function Due({ at, overdue, long = false }: { at: string; overdue: boolean; long?: boolean }) {
  const when = <time dateTime={at}>{long ? formatDateTime(at) : formatDate(at)}</time>;
  if (!overdue) return when;
  return (
    <span class="due overdue">
      {when}{' '}
      <strong class="overdue-flag">
        <Icon name="report" size={16} />
        {t('queue.overdue')}
      </strong>
    </span>
  );
}

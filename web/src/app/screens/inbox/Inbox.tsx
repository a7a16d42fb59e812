// The inbox (/app/inbox): every notification the citizen was sent, with the list itself
// (web/src/shared/notify/InboxList.tsx, shared with the staff console) loaded on first visit.
import { t } from '../../../shared/i18n';
import { lazy } from '../../../shared/ui/lazy';
import { useTitle } from '../../title';

const InboxList = lazy(() => import('../../../shared/notify/InboxList').then((m) => m.InboxList));

export function Inbox() {
  useTitle(t('inbox.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('inbox.title')}</h1>
      <InboxList />
    </>
  );
}

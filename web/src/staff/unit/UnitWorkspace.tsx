// A unit's workspace: the reports assigned to the signed-in member's unit (the server scopes the
// list), to accept, work on, resolve or hand back from their detail.
import type { Me } from '../../shared/api';
import { t } from '../i18n';
import { localName, useReference } from '../reference';
import { ReportList } from '../reports/ReportList';
import { useTitle } from '../ui/useTitle';

export function UnitWorkspace({ me, query }: { me: Me; query: URLSearchParams }) {
  useTitle(t('unitws.title'));
  const { reference } = useReference();
  const unit = reference?.units.find((u) => u.code === me.unit);
  return (
    <section aria-labelledby="unit-title">
      <h1 id="unit-title" tabIndex={-1}>
        {t('unitws.title')}
      </h1>
      <p class="lead">{t('unitws.lead', { unit: unit ? localName(unit) : me.unit ?? '' })}</p>
      <ReportList mode="unit" path="/unit" query={query} />
    </section>
  );
}

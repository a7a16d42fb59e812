// An alert's CAP classification (category, severity, urgency, certainty) as <dt>/<dd> pairs, to
// put inside a <dl class="facts">: the citizen's alert page and the staff detail show the same.
import type { Alert } from './api';
import { aw } from './words';

export function ClassFacts({ alert }: { alert: Pick<Alert, 'category' | 'severity' | 'urgency' | 'certainty'> }) {
  return (
    <>
      <dt>{aw('label.category')}</dt>
      <dd>{aw(`category.${alert.category}`)}</dd>
      <dt>{aw('label.severity')}</dt>
      <dd>{aw(`severity.${alert.severity}`)}</dd>
      <dt>{aw('label.urgency')}</dt>
      <dd>{aw(`urgency.${alert.urgency}`)}</dd>
      <dt>{aw('label.certainty')}</dt>
      <dd>{aw(`certainty.${alert.certainty}`)}</dd>
    </>
  );
}

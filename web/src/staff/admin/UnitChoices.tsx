// The units as <option>s grouped by kind (utilities and departments first, the many ward
// committees last), from a list the administration loaded itself, so that a unit just added
// shows at once.
import type { Unit } from '../../shared/api/staff';
import { t, type Key } from '../i18n';
import { localName } from '../reference';

export function UnitChoices({ units, order }: { units: Unit[]; order: Unit['kind'][] }) {
  return (
    <>
      {order.map((kind) => {
        const group = units.filter((u) => u.kind === kind);
        if (group.length === 0) return null;
        return (
          <optgroup key={kind} label={t(`unit_kind.${kind}` as Key)}>
            {group.map((u) => (
              <option key={u.code} value={u.code}>
                {localName(u)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

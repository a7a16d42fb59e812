// A ward or commune of the city, chosen from GET /api/v1/areas (kept for offline use by
// ../../reference.ts): a native select, grouped into wards, communes and the special zone, in
// Vietnamese alphabetical order, so that phones show their own picker and keyboards work.
import { useEffect, useState } from 'preact/hooks';
import type { Area } from '../../../shared/api';
import { lang } from '../../../shared/i18n';
import { loadWards } from '../../reference';
import { alt } from './strings';

export function useWards(): Area[] | null {
  const [wards, setWards] = useState<Area[] | null>(null);
  useEffect(() => {
    let live = true;
    loadWards().then(
      (list) => live && setWards(list),
      () => live && setWards([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return wards;
}

interface Props {
  id: string;
  wards: Area[];
  value: string | null;
  onChange: (ward: string | null) => void;
  describedBy?: string;
}

const kinds: Area['kind'][] = ['phuong', 'xa', 'dac_khu'];

export function WardSelect({ id, wards, value, onChange, describedBy }: Props) {
  // Named in the interface's language now (the list may have been fetched in the other one).
  const en = lang() === 'en';
  const named = wards.map((w) => ({ ...w, name: (en ? w.name_en : w.name_vi) || w.name }));
  const collator = new Intl.Collator(en ? 'en' : 'vi');
  const sorted = named.sort((a, b) => collator.compare(a.name, b.name));
  return (
    <select id={id} value={value ?? ''} aria-describedby={describedBy} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value || null)}>
      <option value="">{alt('ward.none')}</option>
      {kinds.map((kind) => {
        const group = sorted.filter((w) => w.kind === kind);
        return group.length === 0 ? null : (
          <optgroup key={kind} label={alt(`ward.kind_${kind}`)}>
            {group.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}

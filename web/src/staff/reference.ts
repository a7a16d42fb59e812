// The reference lists the console's filters and forms choose from (categories, units, wards),
// asked once per visit and named in the interface's language.
import { useEffect, useState } from 'preact/hooks';
import { listAreas, listCategories, type ApiError, type Area, type Category } from '../shared/api';
import { listUnits, type Unit } from '../shared/api/staff';
import { lang } from './i18n';

export interface Reference {
  categories: Category[];
  units: Unit[];
  areas: Area[];
}

let loading: Promise<Reference> | null = null;

export function loadReference(): Promise<Reference> {
  if (!loading) {
    loading = Promise.all([listCategories(), listUnits(), listAreas()]).then(([c, u, a]) => ({
      categories: c.items,
      units: u.items,
      areas: a.items,
    }));
    loading.catch(() => {
      loading = null; // try again next time
    });
  }
  return loading;
}

export function useReference(): { reference: Reference | null; error: ApiError | null } {
  const [reference, setReference] = useState<Reference | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    loadReference().then(
      (r) => live && setReference(r),
      (e: ApiError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  return { reference, error };
}

// The name of a category, unit or ward in the interface's language.
export function localName(item: { name: string; name_vi: string; name_en: string }): string {
  return (lang() === 'en' ? item.name_en : item.name_vi) || item.name;
}

// The ward committees (UBND) come last and are many: the other units first, by kind.
export const unitKindOrder: Unit['kind'][] = ['utility', 'department', 'center', 'leaders_office', 'ward_committee'];

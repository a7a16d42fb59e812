// The map of reports for operators, leaders and admins: the same endpoint and the same layers as
// the citizens' map (GET /api/v1/map/reports; anonymous and sensitive reports at their ward's
// centre there too), with filters by category, status and dates. A report's marker opens its
// detail in the console, where staff see its place. A chunk of its own, with Leaflet after it.
import { useEffect, useState } from 'preact/hooks';
import { getClientConfig } from '../../shared/api';
import { CityMapPanel } from '../../shared/map/CityMapPanel';
import { mt } from '../../shared/map/strings';
import { useLang } from '../../shared/ui/useLang';
import { loadReference } from '../reference';
import { useTitle } from '../ui/useTitle';

interface Tiles {
  url: string;
  attribution: string;
}

export function StaffMap() {
  const language = useLang();
  useTitle(mt('staff_title'));
  const [tiles, setTiles] = useState<Tiles | null>(null);
  const [categories, setCategories] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    getClientConfig().then(
      (c) => live && setTiles({ url: c.map_tiles_url, attribution: c.map_attribution }),
      () => live && setTiles({ url: '', attribution: '' }),
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    loadReference().then(
      (r) => setCategories(r.categories.map((c) => ({ code: c.code, name: language === 'en' ? c.name_en : c.name_vi }))),
      () => undefined,
    );
  }, [language]);
  return (
    <section aria-labelledby="staff-map-title">
      <h1 id="staff-map-title" tabIndex={-1}>
        {mt('staff_title')}
      </h1>
      <p>{mt('staff_lead')}</p>
      <CityMapPanel tiles={tiles} categories={categories} reportLink={(p) => `/staff/reports/${p.id}`} withDates />
    </section>
  );
}

// The city map (public, no sign-in needed): public reports clustered by place, the wards, and
// points of interest by layer (docs/MAP.md). A report's marker opens its page.
import { useEffect, useState } from 'preact/hooks';
import { CityMapPanel, type CategoryName } from '../../../shared/map/CityMapPanel';
import { mt } from '../../../shared/map/strings';
import { useLang } from '../../../shared/ui/useLang';
import { loadCategories, useClientConfig } from '../../reference';
import { useTitle } from '../../title';

export function CityMap() {
  const language = useLang();
  useTitle(mt('title'));
  const config = useClientConfig();
  const [categories, setCategories] = useState<CategoryName[]>([]);
  useEffect(() => {
    loadCategories().then(
      (list) => setCategories(list.map((c) => ({ code: c.code, name: c.name }))),
      () => undefined, // offline on a first visit: the filter offers "all" only
    );
  }, [language]);
  return (
    <>
      <h1 tabIndex={-1}>{mt('title')}</h1>
      <p class="lead">{mt('lead')}</p>
      <CityMapPanel
        tiles={{ url: config.map_tiles_url, attribution: config.map_attribution }}
        categories={categories}
        reportLink={(p) => `/app/reports/${p.id}`}
      />
    </>
  );
}

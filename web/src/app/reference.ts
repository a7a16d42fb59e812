// Reference data the citizen app needs even without a network: the server's configuration
// (GET /api/v1/config), the categories and the wards. Each is asked once per visit and the last
// answer is kept in localStorage, so that a form opened offline still has its categories.
import { useEffect, useState } from 'preact/hooks';
import { getClientConfig, listAreas, listCategories, type Area, type Category, type ClientConfig } from '../shared/api';
import { lang } from '../shared/i18n';

function remembered<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the next visit asks the server again.
  }
}

// Asks `fetcher` once per visit; falls back to the stored answer when the network fails.
function cached<T>(key: string, fetcher: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    if (!inFlight) {
      inFlight = fetcher().then(
        (value) => {
          remember(key, value);
          return value;
        },
        (error: unknown) => {
          inFlight = null; // ask again next time
          const stored = remembered<T>(key);
          if (stored !== null) return stored;
          throw error;
        },
      );
    }
    return inFlight;
  };
}

export const defaultConfig: ClientConfig = { map_tiles_url: '', map_attribution: '', policy_version: '2026-11-01', vneid_sign_in: true };

export const loadConfig = cached('cds.config', getClientConfig);
const loadCategoryList = cached('cds.categories', () => listCategories().then((a) => a.items));
const loadAreaList = cached('cds.areas', () => listAreas().then((a) => a.items));

// Names in the interface's language, also when the list was stored in the other one.
export async function loadCategories(): Promise<Category[]> {
  const en = lang() === 'en';
  return (await loadCategoryList()).map((c) => ({ ...c, name: en ? c.name_en : c.name_vi }));
}

export async function loadWards(): Promise<Area[]> {
  const en = lang() === 'en';
  return (await loadAreaList()).map((a) => ({ ...a, name: en ? a.name_en : a.name_vi }));
}

export function useClientConfig(): ClientConfig {
  const [config, setConfig] = useState<ClientConfig>(() => remembered<ClientConfig>('cds.config') ?? defaultConfig);
  useEffect(() => {
    loadConfig().then(setConfig, () => undefined);
  }, []);
  return config;
}

// Once someone is signed in and the page is idle: fetch what the send form needs, so that it
// also opens without a network (the map's code, the categories, the wards, the configuration).
export function warmUp(): void {
  const idle = (work: () => void) =>
    'requestIdleCallback' in window ? window.requestIdleCallback(work, { timeout: 3000 }) : setTimeout(work, 1500);
  idle(() => {
    void loadConfig().catch(() => undefined);
    void loadCategoryList().catch(() => undefined);
    void loadAreaList().catch(() => undefined);
    void import('../shared/map/leaflet-map').catch(() => undefined);
  });
}

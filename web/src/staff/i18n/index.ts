// The staff console's words: its own catalogue (vi.ts, the reference, and en.ts with the same
// keys, which the type checker enforces) laid over the shared one (web/src/shared/i18n), so that
// the console adds strings without touching the citizen app's catalogue. Use this t() in the
// console: it takes a key of either catalogue.
import { lang, t as sharedT, type MessageKey } from '../../shared/i18n';
import { staffVi, type StaffKey } from './vi';
import { staffEn } from './en';
import { adminEn, adminVi, type AdminKey } from '../admin/strings';
import { dashEn, dashVi, type DashKey } from '../dashboard/strings';
import { newsEn, newsVi, type NewsKey } from '../news/strings';

export { formatDate, formatDateTime, lang, onLangChange, setLang } from '../../shared/i18n';
export type Key = StaffKey | MessageKey | DashKey | AdminKey | NewsKey;

const catalogues: Record<'vi' | 'en', Record<string, string>> = {
  vi: { ...staffVi, ...dashVi, ...adminVi, ...newsVi },
  en: { ...staffEn, ...dashEn, ...adminEn, ...newsEn },
};

// The message for `key` in the current language, with {name} placeholders filled from `params`.
export function t(key: Key, params?: Record<string, string | number>): string {
  const own = (catalogues[lang()] as Record<string, string>)[key];
  if (own === undefined) return sharedT(key as MessageKey, params);
  if (!params) return own;
  return own.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// The language of the interface: Vietnamese by default, English one tap away, remembered in
// localStorage. Every user-facing string goes through t() with a key of the Vietnamese catalogue;
// the English catalogue must have the same keys (the type checker enforces it).
import { vi, type MessageKey } from './vi';
import { en } from './en';

export type Lang = 'vi' | 'en';
export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { vi, en };
const storageKey = 'cds.lang';
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // Storage may be blocked (private mode); fall back to the default.
  }
  return 'vi';
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  document.documentElement.lang = next;
  for (const l of listeners) l(next);
}

// Called with the new language after every switch; returns the unsubscribe function.
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// The message for `key` in the current language, with {name} placeholders filled from `params`.
export function t(key: MessageKey, params?: MessageParams): string {
  return fill(catalogues[current][key], params);
}

export type MessageParams = Record<string, string | number>;

// `text` with each {name} placeholder replaced by params[name]; unknown names are left as written.
export function fill(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// Dates and times as people in the city read them (Asia/Ho_Chi_Minh), in the current language.
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(date);
}

if (typeof document !== 'undefined') document.documentElement.lang = current;

// Numbers as people read them in the interface's language (vi-VN: 1.234,5 and 66,7%; en-GB:
// 1,234.5 and 66.7%). The server's figures are exact (rates to 4 decimals, hours and averages to
// 2); rates show to one decimal of a percent, the rest as given.
import { lang } from '../i18n';

const locale = () => (lang() === 'vi' ? 'vi-VN' : 'en-GB');

export const formatCount = (n: number) => new Intl.NumberFormat(locale()).format(n);

export const formatRate = (rate: number) =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);

export const formatDecimal = (n: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n);

// A city date (YYYY-MM-DD) written short: "25/11" in Vietnamese, "25 Nov" in English.
export function formatDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  if (lang() === 'vi') return `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

// A city date in full: "25/11/2026", "25 Nov 2026".
export function formatFullDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  if (lang() === 'vi') return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

// A reporting month ("2026-12") as "12/2026" or "December 2026".
export function formatMonth(month: string): string {
  const [y, m] = month.split('-');
  if (lang() === 'vi') return `${Number(m)}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

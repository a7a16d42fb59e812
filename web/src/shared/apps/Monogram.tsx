// An app's picture: its uploaded icon, or else a monogram drawn here (one or two letters of its
// name on a colour chosen from the name), so that every entry has a picture without an image
// file. Decorative: the app's name is always written next to it.
import type { PublicApp } from './api';

// Dark enough for white letters at 4.5:1 or more.
const colours = ['#8a0015', '#1b5e20', '#0d47a1', '#4a148c', '#004d40', '#bf360c', '#37474f', '#880e4f'];

// "VNeID" → "VN", "eTax Mobile" → "EM", "Cổng Dịch vụ công" → "CD", "VssID – Bảo hiểm" → "VS".
export function initials(name: string): string {
  const head = name.split(/\s[–—-]\s/)[0] ?? name;
  const words = head.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length === 0) return Array.from(name.trim()).slice(0, 2).join('').toLocaleUpperCase('vi');
  const letters = words.length >= 2 ? [Array.from(words[0]!)[0], Array.from(words[1]!)[0]] : Array.from(words[0]!).slice(0, 2);
  return letters.join('').toLocaleUpperCase('vi');
}

function colourOf(name: string): string {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  return colours[hash % colours.length]!;
}

export function AppIcon({ app, size = 48 }: { app: Pick<PublicApp, 'name' | 'icon'>; size?: number }) {
  if (app.icon) return <img class="app-icon" src={app.icon.thumbnail_url} alt="" width={size} height={size} loading="lazy" />;
  const letters = initials(app.name);
  return (
    <svg class="app-icon" width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <rect width="48" height="48" rx="11" fill={colourOf(app.name)} />
      <text x="24" y="25" fill="#fff" font-size={letters.length > 1 ? 19 : 24} font-weight="700" text-anchor="middle" dominant-baseline="middle" font-family="system-ui, sans-serif">
        {letters}
      </text>
    </svg>
  );
}

// Publish times as an editor types them: a datetime-local field holds the city's wall-clock time
// ("2026-11-29T09:00"); the API takes and gives RFC 3339 with the offset. Ho Chi Minh City keeps
// UTC+07:00 all year (no daylight saving), so the offset is fixed.
const cityOffsetMs = 7 * 3600 * 1000;

// "2026-11-29T09:00:00+07:00" (or any RFC 3339 time) → "2026-11-29T09:00"; "" for none.
export function toCityInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return new Date(at.getTime() + cityOffsetMs).toISOString().slice(0, 16);
}

// "2026-11-29T09:00" → "2026-11-29T09:00:00+07:00"; null when empty, undefined when not a time.
export function fromCityInput(value: string): string | null | undefined {
  const v = value.trim();
  if (!v) return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(v);
  if (!m) return undefined;
  return `${m[1]}${m[2] ?? ':00'}+07:00`;
}

export function isFuture(iso: string | null | undefined): boolean {
  return !!iso && new Date(iso).getTime() > Date.now();
}

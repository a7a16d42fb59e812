// The form's times: datetime-local fields read as Ho Chi Minh City time (UTC+7, no daylight
// saving), sent as RFC 3339 with "+07:00" as the API wants, whatever the browser's own zone.
const cityOffsetMs = 7 * 60 * 60 * 1000;

// "2026-11-29T14:30:00+07:00" (or any instant) → "2026-11-29T14:30" for a datetime-local field.
export function toCityInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + cityOffsetMs).toISOString().slice(0, 16);
}

// "2026-11-29T14:30" → "2026-11-29T14:30:00+07:00"; '' stays ''.
export function fromCityInput(value: string): string {
  if (!value) return '';
  const withSeconds = value.length === 16 ? value + ':00' : value.slice(0, 19);
  return withSeconds + '+07:00';
}

// `hours` from now, on the minute, for a datetime-local field.
export function cityInputIn(hours: number): string {
  const ms = Math.ceil((Date.now() + hours * 3600_000) / 60_000) * 60_000;
  return toCityInput(new Date(ms).toISOString());
}

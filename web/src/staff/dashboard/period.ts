// City dates (Asia/Ho_Chi_Minh, +07:00 all year, no daylight saving) as YYYY-MM-DD strings, and
// the city's reporting periods: month M runs from the 25th of the month before M to the 24th of
// M, both included (the server's /staff/stats/ranking counts [25th of M-1 00:00, 25th of M 00:00)).
const cityOffsetMs = 7 * 3600_000;

export function cityToday(now = Date.now()): string {
  return new Date(now + cityOffsetMs).toISOString().slice(0, 10);
}

function utc(date: string): Date {
  return new Date(date + 'T00:00:00Z');
}

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(utc(value).getTime());
}

// "2026-12" plus `n` months.
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// The reporting month whose period contains `date`: from the 25th on, the next month's.
export function periodMonthOf(date: string): string {
  const month = date.slice(0, 7);
  return Number(date.slice(8, 10)) >= 25 ? addMonths(month, 1) : month;
}

// The first and last city dates (both included) of reporting month `month`.
export function periodOf(month: string): { from: string; to: string } {
  return { from: `${addMonths(month, -1)}-25`, to: `${month}-24` };
}

export function isMonth(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

// The dashboard's default range: the last 30 days, today included.
export function last30Days(today = cityToday()): { from: string; to: string } {
  return { from: addDays(today, -29), to: today };
}

import { productionCalendar } from "@/domain/taxonomy";

/**
 * Calendar-day arithmetic on YYYY-MM-DD strings (Asia/Shanghai days, computed in UTC so no local
 * time zone or DST can shift a day) and the Spring Festival shutdown of the taxonomy's calendar.
 */
const DAY_MS = 86_400_000;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function toMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** A bounded memo: the matcher asks the same few dates for thousands of listings. */
function memo<T>(limit: number, f: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size >= limit) cache.clear();
      v = f(key);
      cache.set(key, v);
    }
    return v;
  };
}

const addDaysMemo = memo(20_000, (key) => {
  const [day, n] = key.split("|");
  return new Date(toMs(day!) + Number(n) * DAY_MS).toISOString().slice(0, 10);
});

export function addDays(day: string, n: number): string {
  return addDaysMemo(`${day}|${n}`);
}

/** Whole days from `a` to `b` (b − a); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

const cal = productionCalendar as { lunarNewYear: Record<string, string>; shutdownDaysBefore: number; shutdownDaysAfter: number };

/** Shutdown periods, inclusive: 7 days before the lunar new year to the Lantern Festival (day 15). */
export const shutdowns: Array<{ from: string; to: string; year: number }> = Object.entries(cal.lunarNewYear).map(([year, lny]) => ({
  year: Number(year),
  from: addDays(lny, -cal.shutdownDaysBefore),
  to: addDays(lny, cal.shutdownDaysAfter),
}));

/** Shutdown days in the half-open range [start, end). */
export function shutdownDaysIn(start: string, end: string): number {
  let n = 0;
  for (const s of shutdowns) {
    const from = s.from > start ? s.from : start;
    const toExclusive = addDays(s.to, 1) < end ? addDays(s.to, 1) : end;
    const d = daysBetween(from, toExclusive);
    if (d > 0) n += d;
  }
  return n;
}

/**
 * Production days between `start` (production begins that day) and `end` (the need-by day, when
 * goods must be there): the calendar days in between minus the shutdown. 0 when end ≤ start.
 */
export function productionDays(start: string, end: string): number {
  return productionDaysMemo(`${start}|${end}`);
}

const productionDaysMemo = memo(20_000, (key) => {
  const [start, end] = key.split("|") as [string, string];
  const total = daysBetween(start, end);
  if (total <= 0) return 0;
  return Math.max(0, total - shutdownDaysIn(start, end));
});

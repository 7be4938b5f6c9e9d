import "server-only";

/** A small seeded PRNG (mulberry32) with the helpers the demo generators need. Never Math.random. */
export interface Rng {
  (): number;
  int(min: number, max: number): number;
  float(min: number, max: number, digits?: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  sample<T>(items: readonly T[], n: number): T[];
  uuid(): string;
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = next as Rng;
  rng.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  rng.float = (min, max, digits = 1) => Number((min + next() * (max - min)).toFixed(digits));
  rng.chance = (p) => next() < p;
  rng.pick = (items) => {
    if (items.length === 0) throw new Error("seed: pick from an empty list");
    return items[Math.floor(next() * items.length)]!;
  };
  rng.weighted = (items) => {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  };
  rng.sample = (items, n) => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.max(0, Math.min(n, copy.length)));
  };
  rng.uuid = () => {
    let hex = "";
    for (let i = 0; i < 4; i++) hex += Math.floor(next() * 2 ** 32).toString(16).padStart(8, "0");
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return rng;
}

/** Rounds to a "nice" figure people would actually quote (2 significant digits). */
export function nice(value: number): number {
  return value > 0 ? Number(value.toPrecision(2)) : value;
}

// ---- Dates: everything is relative to "today" in Asia/Shanghai, so the demo follows the clock. ----

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 23:59:59 on that date in Asia/Shanghai, as an instant. */
export function endOfShanghaiDay(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59+08:00`);
}

/** An instant `days` (fractional) before now: creation times spread over the past. */
export function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - Math.round(days * 86_400_000));
}

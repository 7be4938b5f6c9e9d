/**
 * Pure helpers for demands (RFQs): trade quantities as people write them ("5万件", "100万米",
 * "20吨", "300件(纱线)"), the quote deadline's meaning, and the status a reader should see.
 */
import { parseUnit, toCanonical } from "./units";

export const SHANGHAI_OFFSET = "+08:00";

export interface ParsedQuantity {
  /** The number as typed, with the 万 moved into the unit ("5万件" → 5, "万件"). */
  value: number;
  /** The unit as typed (normalised only in width and spacing), e.g. "万件", "件(纱线)". */
  unit: string;
  canonical: { value: number; unit: string };
}

// A number (full- or half-width, with thousands separators), then the unit text.
const QUANTITY = /^([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+)\s*(.+)$/;

/**
 * Reads a quantity like "5万件", "100 万米", "２０吨" or "1,200 打" into the value and unit the user
 * meant and the canonical amount; null when the number or the unit is not understood. Rates
 * (吨/月) are refused: a demand asks for an amount.
 */
export function parseQuantityText(text: string): ParsedQuantity | null {
  const normalised = text.normalize("NFKC").trim();
  const m = QUANTITY.exec(normalised);
  if (!m) return null;
  const value = Number(m[1]!.replace(/,/g, ""));
  const unit = m[2]!.replace(/\s+/g, "");
  if (!Number.isFinite(value) || value <= 0 || parseUnit(unit, "quantity") === null) return null;
  const canonical = toCanonical(value, unit, "quantity");
  return canonical ? { value, unit, canonical } : null;
}

/** Unit texts the demand form suggests; any unit parseUnit knows is accepted. */
export const quantityUnitSuggestions = ["吨", "公斤", "米", "万米", "件", "万件", "件(纱线)", "打", "双", "套"] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a quote deadline stands for: a date alone is the end of that day in China
 * (23:59:59+08:00), so "2026-03-01" still accepts quotes all of 1 March in Shandong. A date-time
 * without a zone is read as China time too. Null when the text is not a date.
 */
export function quoteDeadlineInstant(text: string): Date | null {
  const s = text.trim();
  let iso = s;
  if (DATE_ONLY.test(s)) iso = `${s}T23:59:59${SHANGHAI_OFFSET}`;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) iso = `${s}${SHANGHAI_OFFSET}`;
  else if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Reject dates JavaScript silently rolls over (2026-02-30 → 2 March).
  const day = DATE_ONLY.test(s) || !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s.slice(0, 10) : null;
  if (day && chinaDay(date) !== day) return null;
  return date;
}

/** The calendar day (YYYY-MM-DD) of an instant in China. */
export function chinaDay(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The deadline as the form shows it back: the date alone when it is the end of a China day. */
export function deadlineFormValue(instant: Date | string | null | undefined): string {
  if (!instant) return "";
  const d = typeof instant === "string" ? new Date(instant) : instant;
  const day = chinaDay(d);
  return quoteDeadlineInstant(day)?.getTime() === d.getTime() ? day : d.toISOString();
}

export type DemandStatus = "open" | "closed" | "awarded" | "expired";

/**
 * What a reader sees: an open demand whose quote deadline has passed is expired, even before the
 * expiry job has written that down.
 */
export function effectiveDemandStatus(status: DemandStatus, quoteDeadline: Date | null, now: Date): DemandStatus {
  return status === "open" && quoteDeadline !== null && quoteDeadline.getTime() <= now.getTime() ? "expired" : status;
}

/** Whole days, hours and minutes left until the deadline (null once it has passed). */
export function timeLeft(deadline: Date, now: Date): { days: number; hours: number; minutes: number } | null {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

import { chinaToday } from "../certificates";

/**
 * Bank transfer (对公转账) rules shared by the services and the pages (docs/billing.md "Bank transfer
 * and 发票"). Pure: no database, no clock of its own.
 */

/** Payment references: FL- and two groups of four from 32 characters without 0/O/1/I (misread on statements). */
export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const REFERENCE_PATTERN = /^FL-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

/** A reference from 8 random bytes (32 divides 256: every character equally likely). */
export function referenceFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError("referenceFromBytes needs 8 bytes");
  const chars = Array.from(bytes.subarray(0, 8), (b) => REFERENCE_ALPHABET.charAt(b % 32));
  return `FL-${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/**
 * The last day (China time, inclusive: the grant ends at 23:59:59 that day) of a period of `months`
 * starting at `start`: the same day of the month `months` later, or that month's last day when it is
 * shorter (30 November + 3 months → 28 or 29 February).
 */
export function periodUntil(start: Date, months: number): string {
  const [y, m, d] = chinaToday(start).split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

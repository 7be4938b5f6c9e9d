/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 *
 * Layout: [1] registration authority, [2] institution category, [3–8] registering office's
 * administrative division code, [9–17] organisation code (GB 11714, with its own check character
 * at position 17), [18] check character over positions 1–17.
 *
 * Only the GB 32100 check character is enforced. The GB 11714 check at position 17 is not: some
 * codes in circulation fail it, and refusing a firm's real code is worse than admitting a typo that
 * the position-18 check would almost always catch anyway.
 */
import { toHalfWidth } from "./text";

/** The 31 code characters in value order; I, O, Z, S and V are never used. */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authorities: the standard's 1 (机构编制), 5 (民政), 9 (工商/市场监管), Y (其他), the
 * later-assigned 2–8 and A, plus N (农业农村, rural collective economic organisations). B–G are
 * accepted as reserved codes rather than refused.
 */
const REGISTRATION_AUTHORITY = /^[1-9A-GNY]/;

export type UsccFailure = "length" | "charset" | "checksum" | "registrationCode";
export type UsccResult = { ok: true; value: string } | { ok: false; reason: UsccFailure };

/** Trims, converts full-width to half-width, drops inner spaces and hyphens, and upper-cases. */
export function normalizeUscc(input: string): string {
  return toHalfWidth(input)
    .replace(/[\s\-\u2010-\u2015\u2212]/g, "")
    .toUpperCase();
}

function isCodeChars(text: string): boolean {
  for (const ch of text) if (!USCC_ALPHABET.includes(ch)) return false;
  return true;
}

/** Check character (position 18) for the first 17 characters of a code. */
export function usccCheckChar(first17: string): string {
  const body = normalizeUscc(first17);
  if (body.length !== 17 || !isCodeChars(body)) {
    throw new RangeError("usccCheckChar expects 17 characters from the USCC alphabet");
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(body.charAt(i)) * (WEIGHTS[i] ?? 0);
  const value = (31 - (sum % 31)) % 31; // 31 - 0 = 31 wraps to 0
  return USCC_ALPHABET.charAt(value);
}

/** Normalises and validates; on success `value` is the canonical 18-character form to store. */
export function checkUscc(input: string): UsccResult {
  const value = normalizeUscc(input);
  if (value.length !== 18) return { ok: false, reason: "length" };
  if (!isCodeChars(value)) return { ok: false, reason: "charset" };
  if (!REGISTRATION_AUTHORITY.test(value)) return { ok: false, reason: "registrationCode" };
  if (usccCheckChar(value.slice(0, 17)) !== value.charAt(17)) return { ok: false, reason: "checksum" };
  return { ok: true, value };
}

export function isValidUscc(input: string): boolean {
  return checkUscc(input).ok;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * GB 11714 check character for an 8-character organisation code body (USCC positions 9–16).
 * Informational: checkUscc does not enforce it (see the module comment).
 */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError("orgCodeCheckChar expects 8 characters 0-9/A-Z");
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charCodeAt(i);
    const value = ch <= 57 ? ch - 48 : ch - 55; // digits 0–9, letters A=10 … Z=35
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/**
 * A random but fully valid enterprise code (91 + a Shandong-style division code), passing both the
 * GB 32100 and the GB 11714 checks. For tests and seed data only; pass a seeded rng for
 * reproducibility.
 */
export function randomValidUscc(rng: () => number = Math.random): string {
  const pick = (chars: string) => chars.charAt(Math.min(chars.length - 1, Math.floor(rng() * chars.length)));
  const city = String(1 + Math.floor(rng() * 17)).padStart(2, "0");
  const division = `37${city}${pick("0123456789")}${pick("0123456789")}`;
  let body = "";
  for (let i = 0; i < 8; i++) body += pick(USCC_ALPHABET);
  const first17 = `91${division}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

/**
 * Whether two firm records are the same firm: blocking keys to find candidates cheaply, and a
 * score from 0 to 1 built from the names, the addresses and the distance, with its parts kept so a
 * reviewer sees why. Hard rules come first: the unified social credit code is an exact key, and
 * two names whose trade-name cores (字号) differ are different firms whatever else they share.
 */
import { greatCircleKm } from "../matching/geo";
import { dice, editDistance, jaccard } from "./metrics";
import type { NormalisedAddress, NormalisedName } from "./normalise";

/** At or above: the same firm, merged automatically. */
export const MERGE_THRESHOLD = 0.8;
/** At or above (and below MERGE_THRESHOLD): a person decides in the review queue. */
export const REVIEW_THRESHOLD = 0.5;
/** Sites this far apart (trusted coordinates) are never merged without a person. */
export const FAR_APART_KM = 100;
/** Distance at which the distance part reaches 0. */
const DISTANCE_ZERO_KM = 30;

const WEIGHTS = { name: 0.6, address: 0.2, distance: 0.2 } as const;

/** A firm record prepared for comparison (an organisation or an incoming row). */
export interface Entity {
  /** Its name first, then its aliases. */
  names: NormalisedName[];
  uscc: string | null;
  provinceAdcode: string;
  cityAdcode: string | null;
  countyAdcode: string | null;
  address: NormalisedAddress | null;
  /** Coordinates that passed the place check; null when missing or not trusted. */
  point: { lat: number; lng: number } | null;
}

export type ScoreRule = "usccEqual" | "usccDiffers" | "coreDiffers" | "branchDiffers" | "branchOneSided" | "farApart" | "placeDiffers";

/** One line of the explanation: a part's similarity (0–1), its weight in the score, and what it compared. */
export interface ScorePart {
  part: "uscc" | "name" | "core" | "address" | "distance";
  similarity: number;
  weight: number;
  detail: Record<string, string | number>;
}

export interface Comparison {
  score: number;
  verdict: "same" | "review" | "different";
  /** The hard rule that decided or capped the score, if any. */
  rule: ScoreRule | null;
  parts: ScorePart[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Same trade-name core? Chinese cores must be equal. Romanised ones may differ by one slip (not in a
 * digit), or one may carry an extra leading word the place list does not know ("Panyu Dong Chong
 * Chong Ming" / "Dong Chong Chong Ming"), which the lower name similarity then weighs.
 */
export function sameCore(a: NormalisedName, b: NormalisedName): boolean {
  if (a.script === "han" && b.script === "han") return a.core === b.core;
  const x = a.coreLatin;
  const y = b.coreLatin;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length < 5) return false;
  if (/\d/.test(x + y) && x.replace(/\D/g, "") !== y.replace(/\D/g, "")) return false;
  if (short.length >= 6 && long.endsWith(short)) return true;
  return long.length - short.length <= 1 && editDistance(x, y, 1) <= 1;
}

interface NameMatch {
  similarity: number;
  rule: "coreDiffers" | "branchDiffers" | "branchOneSided" | null;
  a: NormalisedName;
  b: NormalisedName;
}

function compareName(a: NormalisedName, b: NormalisedName): NameMatch {
  const weak = a.weak.length === 0 || b.weak.length === 0 ? 0.75 : jaccard(new Set(a.weak), new Set(b.weak));
  let rule: NameMatch["rule"] = null;
  let core: number;
  if (a.core !== "" && b.core !== "") {
    core = a.coreLatin === b.coreLatin && (a.script !== "han" || b.script !== "han" || a.core === b.core) ? 1 : dice(a.coreLatin, b.coreLatin);
    if (!sameCore(a, b)) rule = "coreDiffers";
  } else {
    core = dice(a.full, b.full);
  }
  if (rule === null && a.branch !== b.branch) rule = a.branch !== null && b.branch !== null ? "branchDiffers" : "branchOneSided";
  return { similarity: 0.85 * core + 0.15 * weak, rule, a, b };
}

const RULE_RANK = { null: 0, branchOneSided: 1, branchDiffers: 2, coreDiffers: 3 } as const;

/** The best-matching pair of names (each side's name and aliases): no hard rule first, then similarity. */
function bestNames(a: Entity, b: Entity): NameMatch {
  let best: NameMatch | null = null;
  for (const x of a.names) {
    for (const y of b.names) {
      const m = compareName(x, y);
      const rank = RULE_RANK[m.rule ?? "null"] - (best === null ? 0 : RULE_RANK[best.rule ?? "null"]);
      const sameScript = (n: NameMatch) => (n.a.script === n.b.script ? 1 : 0);
      const better =
        best === null ||
        rank < 0 ||
        (rank === 0 && (m.similarity > best.similarity || (m.similarity === best.similarity && sameScript(m) > sameScript(best))));
      if (better) best = m;
    }
  }
  if (!best) throw new Error("compare: an entity has no name");
  return best;
}

const HAN = /\p{Script=Han}/u;

/** Address similarity, when both sides have one in the same script (a Chinese and a romanised address do not compare). */
function addressPart(a: NormalisedAddress | null, b: NormalisedAddress | null): ScorePart | null {
  if (!a?.text || !b?.text) return null;
  const han = HAN.test(a.text);
  if (han !== HAN.test(b.text)) return null;
  let similarity = dice(a.text, b.text, han ? 2 : 3);
  // Different house numbers on the same road are different plots.
  const numbersDisagree = a.numbers.length > 0 && b.numbers.length > 0 && !a.numbers.some((n) => b.numbers.includes(n));
  if (numbersDisagree) similarity *= 0.75;
  return { part: "address", similarity: round3(similarity), weight: WEIGHTS.address, detail: { numbersDisagree: numbersDisagree ? 1 : 0 } };
}

/** Compares two firm records. The parts' weights are renormalised over the parts both sides have. */
export function compare(a: Entity, b: Entity): Comparison {
  if (a.uscc && b.uscc) {
    const equal = a.uscc === b.uscc;
    const parts: ScorePart[] = [{ part: "uscc", similarity: equal ? 1 : 0, weight: 1, detail: { a: a.uscc, b: b.uscc } }];
    return equal ? { score: 1, verdict: "same", rule: "usccEqual", parts } : { score: 0, verdict: "different", rule: "usccDiffers", parts };
  }
  const name = bestNames(a, b);
  const parts: ScorePart[] = [
    { part: "name", similarity: round3(name.similarity), weight: WEIGHTS.name, detail: { a: name.a.raw, b: name.b.raw } },
    { part: "core", similarity: sameCore(name.a, name.b) ? 1 : 0, weight: 0, detail: { a: name.a.core, b: name.b.core } },
  ];
  const address = addressPart(a.address, b.address);
  if (address) parts.push(address);
  let km: number | null = null;
  if (a.point && b.point) {
    km = greatCircleKm(a.point, b.point);
    const similarity = km <= 1 ? 1 : Math.max(0, 1 - (km - 1) / (DISTANCE_ZERO_KM - 1));
    parts.push({ part: "distance", similarity: round3(similarity), weight: WEIGHTS.distance, detail: { km: Math.round(km * 10) / 10 } });
  }
  const total = parts.reduce((s, p) => s + p.weight, 0);
  let score = round3(parts.reduce((s, p) => s + p.similarity * p.weight, 0) / total);
  for (const p of parts) p.weight = round3(p.weight / total);

  let rule: ScoreRule | null = name.rule;
  if (a.provinceAdcode !== b.provinceAdcode || (a.cityAdcode && b.cityAdcode && a.cityAdcode !== b.cityAdcode)) rule = "placeDiffers";
  if (rule === "coreDiffers" || rule === "branchDiffers" || rule === "placeDiffers") score = Math.min(score, REVIEW_THRESHOLD - 0.01);
  if (rule === null && km !== null && km > FAR_APART_KM) rule = "farApart";
  if (rule === "branchOneSided" || rule === "farApart") score = Math.min(score, MERGE_THRESHOLD - 0.01);
  score = round3(score);
  const verdict = score >= MERGE_THRESHOLD ? "same" : score >= REVIEW_THRESHOLD ? "review" : "different";
  return { score, verdict, rule, parts };
}

// ---- Blocking ------------------------------------------------------------------------------------

const CELL = 0.1; // degrees: about 11 km north–south

function cell(lat: number, lng: number): string {
  return `g:${Math.floor(lat / CELL)}:${Math.floor(lng / CELL)}`;
}

/**
 * Keys under which a record is filed, within its province: its USCC; each name's core and the core
 * less any one letter (two cores one slip apart always share one of these); the core's last six
 * letters (one core ending with the other); and its coordinate cell.
 */
export function blockingKeys(e: Entity): string[] {
  const keys = new Set<string>();
  const p = e.provinceAdcode;
  if (e.uscc) keys.add(`u:${e.uscc}`);
  for (const n of e.names) {
    const c = n.coreLatin;
    if (c === "") {
      keys.add(`f:${p}:${n.full.replace(/\s+/g, "").slice(0, 8)}`);
      continue;
    }
    keys.add(`c:${p}:${c}`);
    if (c.length >= 5) for (let i = 0; i < c.length; i++) keys.add(`c:${p}:${c.slice(0, i)}${c.slice(i + 1)}`);
    if (c.length >= 6) keys.add(`s:${p}:${c.slice(-6)}`);
  }
  if (e.point) keys.add(cell(e.point.lat, e.point.lng));
  return [...keys];
}

/**
 * The keys to look a record up by: its own, and the neighbouring coordinate cells only for a name
 * without a core (a name with one can only match a name with the same core, which the core keys find).
 */
export function lookupKeys(e: Entity): string[] {
  const keys = blockingKeys(e).filter((k) => !k.startsWith("g:"));
  if (e.point && e.names.some((n) => n.coreLatin === "")) {
    for (const dy of [-1, 0, 1]) for (const dx of [-1, 0, 1]) keys.push(cell(e.point.lat + dy * CELL, e.point.lng + dx * CELL));
  }
  return keys;
}

/** Blocked apart: a different province, or (both in Shandong with a city) a different city. */
export function blockedApart(a: Entity, b: Entity): boolean {
  if (a.uscc && a.uscc === b.uscc) return false;
  if (a.provinceAdcode !== b.provinceAdcode) return true;
  return a.cityAdcode !== null && b.cityAdcode !== null && a.cityAdcode !== b.cityAdcode;
}

/**
 * Cheap test before scoring: could the two be the same firm at all? Only with the same USCC, or a
 * pair of names with the same trade-name core, or a name without a core to compare.
 */
export function mayMatch(a: Entity, b: Entity): boolean {
  if (a.uscc && b.uscc) return a.uscc === b.uscc;
  return a.names.some((x) => b.names.some((y) => x.core === "" || y.core === "" || sameCore(x, y)));
}

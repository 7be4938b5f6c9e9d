import "server-only";
import { isCertificateValid } from "@/domain/certificates";
import { productionDays } from "@/domain/matching/calendar";
import { FAR_KM } from "@/domain/matching/constraints";
import { BAND, BAND_WIDTH, factorWeight, textRelevance } from "@/domain/matching/score";
import type { CandidateListing, MatchDemand } from "@/domain/matching/types";
import { fiberIsA, fibers as allFibers, processCovers } from "@/domain/taxonomy";
import { convertCanonical } from "@/domain/units";
import { Bucket, CAPACITY, dayNumber, fiberBit, gram, GRAM_WORDS, LOCATED, NO_FIBERS, NO_PRODUCTS, RAD, toEntry, VERIFIED, WIDE } from "./matching-index-bucket";

/**
 * Upper bounds of the domain's score (constraints.ts, score.ts) for the matcher's index: each
 * factor bounded from above, cheaply, for every candidate of a match, from the bucket's columns;
 * the hard constraints a listing certainly fails give -1. Production days, unit factors and process
 * coverage are computed once per demand (and bucket); text relevance is bounded by a Bloom filter
 * of character pairs (textBound), its exact value (a substring search per term) is the caller's.
 * A factor whose presence is uncertain counts at its maximum: raising a weighted mean of values ≤ 1
 * never lowers it.
 */

type Code = "chain_link" | "process" | "fibers" | "certification" | "yarn_count" | "gsm" | "width" | "moq" | "capacity" | "distance" | "product" | "named_place" | "text" | "lead_time" | "extra_certifications" | "soft_certifications" | "verification" | "delivery_record";
type Weights = Record<Code, number>;

/** The weights as an object literal of one fixed shape (read for every candidate). */
function weights(): Weights {
  const w = (c: Code) => factorWeight(c);
  return {
    chain_link: w("chain_link"), process: w("process"), fibers: w("fibers"), certification: w("certification"), yarn_count: w("yarn_count"), gsm: w("gsm"),
    width: w("width"), moq: w("moq"), capacity: w("capacity"), distance: w("distance"), product: w("product"), named_place: w("named_place"), text: w("text"),
    lead_time: w("lead_time"), extra_certifications: w("extra_certifications"), soft_certifications: w("soft_certifications"), verification: w("verification"),
    delivery_record: w("delivery_record"),
  };
}

/** What the bound needs of a demand, computed once per match. */
export interface Plan {
  d: MatchDemand;
  asOf: string;
  asOfDay: number;
  needByDay: number;
  /** Per required fibre, the taxonomy fibres that satisfy it (bits). */
  fiberMasks: number[];
  products: Set<string>;
  required: Set<string>;
  wanted: string[];
  deliverTo: { lat: number; lng: number; cos: number } | null;
  places: Array<{ adcode?: string; lat: number; lng: number; cos: number }>;
  /** Production days by start and end day (calendar.productionDays). */
  days: Map<number, number>;
  /** Offered process → bits of the demand's processes it covers (for listings read from their object). */
  processMasks: Map<string, number>;
  /** The Bloom filter words and bits of each term's character pairs, term t at [termStart[t], termStart[t + 1]). */
  termWords: Int32Array;
  termBits: Int32Array;
  termStart: Int32Array;
  w: Weights;
}

export function plan(d: MatchDemand, asOf: string): Plan {
  const withCos = <T extends { lat: number; lng: number }>(x: T) => ({ ...x, cos: Math.cos(x.lat * RAD) });
  const words: number[] = [];
  const bits: number[] = [];
  const start = [0];
  for (const t of d.terms) {
    const lower = t.toLowerCase();
    for (let i = 1; i < lower.length; i++) {
      const h = gram(lower.charCodeAt(i - 1), lower.charCodeAt(i));
      words.push(h >>> 5);
      bits.push(1 << (h & 31));
    }
    start.push(words.length);
  }
  return {
    d,
    asOf,
    asOfDay: dayNumber(asOf),
    needByDay: dayNumber(d.needBy ?? null),
    fiberMasks: d.fibers.map((req) => allFibers.reduce((m, f) => (fiberIsA(f.id, req) ? m | fiberBit.get(f.id)! : m), 0)),
    products: new Set(d.products),
    required: new Set(d.requiredCertifications),
    wanted: d.softCertifications ?? [],
    deliverTo: d.deliverTo ? withCos(d.deliverTo) : null,
    places: d.namedPlaces.map(withCos),
    days: new Map(),
    processMasks: new Map(),
    termWords: Int32Array.from(words),
    termBits: Int32Array.from(bits),
    termStart: Int32Array.from(start),
    w: weights(),
  };
}

/** The demand against one bucket's dictionaries. */
export interface BucketPlan {
  b: Bucket;
  /** Per demanded process, the bucket's processes covering it (bits), and their union. */
  processReqs: Int32Array;
  processAny: number;
  /** The bucket's products the demand names (bits). */
  products: number;
  /** Per bucket unit, the factor to the demand's quantity unit (NaN: not comparable). */
  unitFactors: Float64Array;
  /** The required schemes as bucket bits, and whether one is held by no listing with scheme bits. */
  required: number;
  requiredAbsent: boolean;
}

/** An id's bit in a bucket dictionary, -1 when it has none (absent, or past the 31 bits). */
function bitOf(ids: string[], id: string): number {
  const i = ids.indexOf(id);
  return i >= 0 && i < 31 ? i : -1;
}

export function bucketPlan(p: Plan, b: Bucket): BucketPlan {
  const processReqs = Int32Array.from(p.d.processes, (req) => b.processes.ids.reduce((m, id, i) => (i < 31 && processCovers(id, req) ? m | (1 << i) : m), 0));
  const qty = p.d.quantity;
  return {
    b,
    processReqs,
    processAny: processReqs.reduce((m, x) => m | x, 0),
    products: b.products.ids.reduce((m, id, i) => (i < 31 && p.products.has(id) ? m | (1 << i) : m), 0),
    unitFactors: Float64Array.from(b.units.ids, (u) => (qty ? (convertCanonical(1, u, qty.unit) ?? NaN) : NaN)),
    required: b.schemes.ids.reduce((m, id, i) => (i < 31 && p.required.has(id) ? m | (1 << i) : m), 0),
    requiredAbsent: [...p.required].some((id) => bitOf(b.schemes.ids, id) < 0),
  };
}

/** Whether the listing at `i` offers a process the demand asks for (every listing when none is asked). */
export function offersProcess(p: Plan, bp: BucketPlan, i: number): boolean {
  if (p.d.processes.length === 0) return true;
  const bits = bp.b.i32.processes[i]!;
  return bits === -1 ? processHits(p, bp.b.entries[i]!.c) > 0 : (bits & bp.processAny) !== 0;
}

function processHits(p: Plan, c: CandidateListing): number {
  let mask = 0;
  for (const o of c.processes) {
    let m = p.processMasks.get(o);
    if (m === undefined) {
      m = 0;
      for (let r = 0; r < p.d.processes.length; r++) if (processCovers(o, p.d.processes[r]!)) m |= 1 << r;
      p.processMasks.set(o, m);
    }
    mask |= m;
  }
  let hits = 0;
  for (; mask; mask &= mask - 1) hits++;
  return hits;
}

function productionDaysOf(p: Plan, start: number, end: number): number {
  // A small integer key: days from asOf (a few thousand either way).
  const key = (start - p.asOfDay + 8192) * 16384 + (end - p.asOfDay + 8192);
  let n = p.days.get(key);
  if (n === undefined) p.days.set(key, (n = productionDays(isoDay(start), isoDay(end))));
  return n;
}

const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const SLACK = 1 + 1e-9;

/**
 * A lower bound of the distance the domain reports (geo.greatCircleKm rounded to 0.1 km): the
 * same formula with the cosines precomputed, less the rounding and a margin.
 */
function kmAtLeast(lat: number, lng: number, cosLat: number, to: { lat: number; lng: number; cos: number }): number {
  const h = Math.sin(((to.lat - lat) * RAD) / 2) ** 2 + cosLat * to.cos * Math.sin(((to.lng - lng) * RAD) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h))) - 0.05 - 1e-6;
}

/** An upper bound of text relevance: a term can only occur if every pair of its characters is in the listing's Bloom filter. */
export function textBound(p: Plan, b: Bucket, i: number): number {
  const n = p.termStart.length - 1;
  if (n === 0) return 0.5;
  const { termWords, termBits, termStart } = p;
  const grams = b.grams;
  const g = i * GRAM_WORDS;
  let hits = 0;
  for (let t = 0; t < n; t++) {
    let maybe = 1;
    for (let k = termStart[t]!; k < termStart[t + 1]!; k++) {
      if ((grams[g + termWords[k]!]! & termBits[k]!) === 0) {
        maybe = 0;
        break;
      }
    }
    hits += maybe;
  }
  return hits / n;
}

/** An upper bound of the score of the listing at `i` (evaluateListing), or -1 when it certainly fails a hard constraint. */
export function bound(p: Plan, bp: BucketPlan, i: number, text: number): number {
  const { d, w } = p;
  const { f64: f, i32: n } = bp.b;
  const flags = n.flags[i]!;
  const wide = (flags & WIDE) !== 0;
  let grade = 3;
  let num = 0;
  let den = 0;
  if (d.chainLink) {
    num += w.chain_link;
    den += w.chain_link;
  }
  const asked = d.processes.length;
  if (asked) {
    let hits = 0;
    if (wide) hits = processHits(p, bp.b.entries[i]!.c);
    else for (let r = 0, bits = n.processes[i]!; r < asked; r++) if ((bits & bp.processReqs[r]!) !== 0) hits++;
    if (hits === 0) return -1;
    num += (w.process * hits) / asked;
    den += w.process;
  }
  if (p.fiberMasks.length) {
    den += w.fibers;
    if (flags & NO_FIBERS) grade = 1;
    else {
      const fib = n.fibers[i]!;
      for (const m of p.fiberMasks) if ((fib & m) === 0) return -1;
      num += w.fibers;
    }
  }
  if (p.required.size) {
    // A scheme not held at all (bits) fails before any certificate is read.
    const held = n.schemes[i]!;
    if (held !== -1 && (bp.requiredAbsent || (held & bp.required) !== bp.required)) return -1;
    const c = bp.b.entries[i]!.c;
    let undated = false;
    for (const scheme of d.requiredCertifications) {
      let any = false;
      let dated = false;
      for (const x of c.certificates) {
        if (x.schemeId === scheme && isCertificateValid(x, p.asOf)) {
          any = true;
          if (x.validTo !== null) dated = true;
        }
      }
      if (!any) return -1;
      if (!dated) undated = true;
    }
    num += w.certification * (undated ? 0.5 : 1);
    den += w.certification;
    if (undated && grade > 2) grade = 2;
  }
  const { yarnCountNe: ne, gsm, widthCm } = d.spec;
  if (ne !== undefined) {
    const lo = f.yarnMin[i]!;
    const hi = f.yarnMax[i]!;
    den += w.yarn_count;
    if (Number.isNaN(hi) && Number.isNaN(lo)) num += 0.4 * w.yarn_count;
    else if (ne > hi) return -1;
    else if (ne < lo) {
      num += 0.5 * w.yarn_count;
      if (grade > 2) grade = 2;
    } else num += w.yarn_count;
  }
  if (gsm !== undefined) {
    const lo = f.gsmMin[i]!;
    const hi = f.gsmMax[i]!;
    den += w.gsm;
    if (Number.isNaN(lo) && Number.isNaN(hi)) num += 0.4 * w.gsm;
    else if (gsm < lo * 0.95 || gsm > hi * 1.05) return -1;
    else num += w.gsm;
  }
  if (widthCm !== undefined) {
    const hi = f.widthMax[i]!;
    den += w.width;
    if (Number.isNaN(hi)) num += 0.4 * w.width;
    else if (widthCm > hi) return -1;
    else num += w.width;
  }
  const qty = d.quantity;
  const moqUnit = n.moqUnit[i]!;
  if (qty && moqUnit >= 0) {
    const factor = bp.unitFactors[moqUnit]!;
    if (f.moq[i]! * factor > qty.value * SLACK) return -1;
    num += Number.isNaN(factor) ? 0.5 * w.moq : w.moq;
    den += w.moq;
  }
  // Capacity and lead time (checkCapacity, leadTimeSoft).
  const capacity = (flags & CAPACITY) !== 0;
  const to = f.to[i]!;
  if (capacity && to < p.asOfDay) return -1;
  const leadDays = f.lead[i]!;
  const lead = Number.isNaN(leadDays) ? 30 : leadDays;
  let leadSoft = Math.max(0, 1 - lead / 90);
  if (d.needBy || qty) {
    let start = p.asOfDay + (Number.isNaN(leadDays) ? 0 : leadDays);
    let end = p.needByDay;
    if (capacity) {
      const from = f.from[i]!;
      if (from > start) start = from;
      if (to < end || (Number.isNaN(end) && !Number.isNaN(to))) end = to;
    }
    if (!Number.isNaN(end)) {
      const days = end > start ? productionDaysOf(p, start, end) : 0;
      if (days <= 0) return -1;
      if (d.needBy) leadSoft = days / (days + lead);
      let soft = 1;
      if (qty) {
        const rateUnit = n.rateUnit[i]!;
        const factor = rateUnit < 0 ? NaN : bp.unitFactors[rateUnit]!;
        if (Number.isNaN(factor)) soft = 0.3;
        else {
          const ratio = ((f.capacity[i]! * factor * days) / 30 / qty.value) * SLACK;
          if (ratio < 0.5) return -1;
          if (ratio < 1) {
            soft = 0.2;
            grade = 1;
          } else if (ratio < 1.5) {
            soft = 0.5;
            if (grade > 2) grade = 2;
          } else soft = Math.min(1, 0.7 + (ratio - 1.5) / 10);
        }
      }
      num += w.capacity * soft;
      den += w.capacity;
    }
  }
  num += w.lead_time * Math.max(0, Math.min(1, leadSoft));
  den += w.lead_time;
  const located = (flags & LOCATED) !== 0;
  if (p.deliverTo) {
    if (!located) {
      if (d.maxDistanceKm !== undefined) return -1;
    } else {
      const km = Math.max(0, kmAtLeast(f.lat[i]!, f.lng[i]!, f.cosLat[i]!, p.deliverTo));
      if (d.maxDistanceKm !== undefined && km > d.maxDistanceKm) return -1;
      den += w.distance;
      if (km > FAR_KM) {
        num += 0.3 * w.distance;
        if (grade > 2) grade = 2;
      } else num += w.distance * (1 - (km / FAR_KM) * 0.6);
    }
  }
  if (p.products.size) {
    den += w.product;
    if (flags & NO_PRODUCTS) num += 0.4 * w.product;
    else if (wide ? bp.b.entries[i]!.c.products.some((x) => p.products.has(x)) : (n.products[i]! & bp.products) !== 0) num += w.product;
    else grade = 1;
  }
  if (p.places.length) {
    const c = bp.b.entries[i]!.c;
    den += w.named_place;
    let fit = 0;
    for (const x of p.places) if (x.adcode && (x.adcode === c.countyAdcode || x.adcode === c.cityAdcode || x.adcode === c.company.cityAdcode)) fit = 1;
    if (fit === 0 && located) for (const x of p.places) if (kmAtLeast(f.lat[i]!, f.lng[i]!, f.cosLat[i]!, x) <= 15) fit = 0.8;
    num += w.named_place * fit;
    if (fit === 0 && grade > 2) grade = 2;
  }
  num += w.text * text;
  den += w.text;
  let extra = n.extra[i]!;
  if (p.required.size || p.wanted.length) {
    const schemes = bp.b.entries[i]!.schemes;
    if (p.required.size) for (const x of schemes) if (p.required.has(x)) extra--;
    if (p.wanted.length) {
      let held = 0;
      for (const x of p.wanted) if (schemes.includes(x)) held++;
      num += (w.soft_certifications * held) / p.wanted.length;
      den += w.soft_certifications;
    }
  }
  num += w.extra_certifications * Math.min(1, extra / 2);
  den += w.extra_certifications;
  if (flags & VERIFIED) num += w.verification;
  den += w.verification;
  const delivery = f.delivery[i]!;
  if (!Number.isNaN(delivery)) {
    num += w.delivery_record * delivery;
    den += w.delivery_record;
  }
  // evaluateListing rounds to 4 decimals; the margin also covers summing in another order.
  return BAND[grade as 1 | 2 | 3] + BAND_WIDTH * (num / den) + 1e-4;
}

/** Both bounds of a listing, text relevance from the Bloom filter and exact (tests: never below the domain's score). */
export function upperBounds(d: MatchDemand, asOf: string): (c: CandidateListing) => { first: number; second: number } {
  const p = plan(d, asOf);
  return (c) => {
    const b = new Bucket();
    b.add(toEntry(c));
    const bp = bucketPlan(p, b);
    return { first: bound(p, bp, 0, textBound(p, b, 0)), second: bound(p, bp, 0, textRelevance(d.terms, c)) };
  };
}

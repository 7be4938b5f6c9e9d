import "server-only";
import { deliveryRecordSoft } from "@/domain/matching/score";
import type { CandidateListing } from "@/domain/matching/types";
import { fibers as allFibers } from "@/domain/taxonomy";
import { quantityUnitOf } from "@/domain/units";

/**
 * One chain link's listings in the matcher's index, column by column: what the score bound reads
 * for every candidate (matching-index-bound.ts) sits in typed arrays indexed by position, so a
 * match scans compact memory instead of following six objects per listing. Processes, products
 * and certificate schemes are bits over the bucket's own dictionary (31 per word; a listing with more distinct values than
 * that is flagged WIDE and read from its object), fibres bits over the taxonomy's.
 */

/** A published listing in the index. */
export interface Entry {
  c: CandidateListing;
  /** textRelevance's haystack, lower case. */
  hay: string;
  /** Distinct certificate schemes, whatever their validity. */
  schemes: string[];
  /** Position in its bucket's columns. */
  pos: number;
}

export function toEntry(c: CandidateListing): Entry {
  return {
    c,
    hay: `${c.title} ${c.description ?? ""} ${c.processes.join(" ")} ${c.products.join(" ")}`.toLowerCase(),
    schemes: [...new Set(c.certificates.map((x) => x.schemeId))],
    pos: 0,
  };
}

export const CAPACITY = 1;
export const VERIFIED = 2;
export const LOCATED = 4;
export const NO_FIBERS = 8;
export const NO_PRODUCTS = 16;
export const WIDE = 32;

const DAY_MS = 86_400_000;
export const RAD = Math.PI / 180;
export const dayNumber = (day: string | null): number => (day === null ? NaN : Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const orNaN = (x: number | null) => (x === null ? NaN : x);

/** The Bloom filter bit (0..1023) of a pair of UTF-16 code units. */
export const gram = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 22;
export const GRAM_WORDS = 32;

export const fiberBit = new Map(allFibers.map((f, i) => [f.id, 1 << i]));

/** Strings numbered in order of appearance. */
class Dictionary {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  of(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    return i;
  }
}

const F64 = ["lat", "lng", "cosLat", "capacity", "moq", "lead", "from", "to", "yarnMin", "yarnMax", "gsmMin", "gsmMax", "widthMax", "delivery"] as const;
const I32 = ["processes", "products", "schemes", "fibers", "flags", "moqUnit", "rateUnit", "extra"] as const;

export class Bucket {
  readonly entries: Entry[] = [];
  readonly processes = new Dictionary();
  readonly products = new Dictionary();
  /** Certificate schemes held (any validity): bits, -1 past 31 (then read from the entry). */
  readonly schemes = new Dictionary();
  /** MOQ units and capacity quantity units, for one conversion factor each per demand. */
  readonly units = new Dictionary();
  f64 = Object.fromEntries(F64.map((k) => [k, new Float64Array(0)])) as Record<(typeof F64)[number], Float64Array>;
  i32 = Object.fromEntries(I32.map((k) => [k, new Int32Array(0)])) as Record<(typeof I32)[number], Int32Array>;
  /** A 1,024-bit Bloom filter of each haystack's character pairs, GRAM_WORDS words per listing. */
  grams = new Int32Array(0);

  private grow() {
    const cap = Math.max(64, this.entries.length * 2);
    for (const k of F64) {
      const a = new Float64Array(cap);
      a.set(this.f64[k]);
      this.f64[k] = a;
    }
    for (const k of I32) {
      const a = new Int32Array(cap);
      a.set(this.i32[k]);
      this.i32[k] = a;
    }
    const g = new Int32Array(cap * GRAM_WORDS);
    g.set(this.grams);
    this.grams = g;
  }

  private bits(dict: Dictionary, ids: string[]): number {
    let bits = 0;
    for (const id of ids) {
      const i = dict.of(id);
      if (i >= 31) return -1;
      bits |= 1 << i;
    }
    return bits;
  }

  add(e: Entry) {
    const i = this.entries.length;
    if (i >= this.i32.flags.length) this.grow();
    e.pos = i;
    this.entries.push(e);
    const c = e.c;
    const { f64: f, i32: n } = this;
    const processes = this.bits(this.processes, c.processes);
    const products = this.bits(this.products, c.products);
    const located = c.lat !== null && c.lng !== null;
    f.lat[i] = c.lat ?? NaN;
    f.lng[i] = c.lng ?? NaN;
    f.cosLat[i] = located ? Math.cos(c.lat! * RAD) : NaN;
    f.capacity[i] = c.capacityValue;
    f.moq[i] = orNaN(c.moqValue);
    f.lead[i] = orNaN(c.leadTimeDays);
    f.from[i] = dayNumber(c.availableFrom);
    f.to[i] = dayNumber(c.availableTo);
    f.yarnMin[i] = orNaN(c.yarnCountNeMin);
    f.yarnMax[i] = orNaN(c.yarnCountNeMax);
    f.gsmMin[i] = orNaN(c.gsmMin);
    f.gsmMax[i] = orNaN(c.gsmMax);
    f.widthMax[i] = orNaN(c.widthCmMax);
    f.delivery[i] = deliveryRecordSoft(c.company.delivery)?.soft ?? NaN;
    n.processes[i] = processes;
    n.products[i] = products;
    n.schemes[i] = this.bits(this.schemes, e.schemes);
    n.fibers[i] = c.fibers.reduce((m, id) => m | (fiberBit.get(id) ?? 0), 0);
    n.flags[i] =
      (c.kind === "capacity" ? CAPACITY : 0) | (c.company.verified ? VERIFIED : 0) | (located ? LOCATED : 0) | (c.fibers.length === 0 ? NO_FIBERS : 0) |
      (c.products.length === 0 ? NO_PRODUCTS : 0) | (processes < 0 || products < 0 ? WIDE : 0);
    n.moqUnit[i] = c.moqValue !== null && c.moqUnit ? this.units.of(c.moqUnit) : -1;
    const rate = quantityUnitOf(c.capacityUnit);
    n.rateUnit[i] = rate === undefined ? -1 : this.units.of(rate);
    n.extra[i] = e.schemes.length;
    const g = i * GRAM_WORDS;
    this.grams.fill(0, g, g + GRAM_WORDS);
    for (let k = 1; k < e.hay.length; k++) {
      const h = gram(e.hay.charCodeAt(k - 1), e.hay.charCodeAt(k));
      this.grams[g + (h >>> 5)]! |= 1 << (h & 31);
    }
  }

  /** Removes by moving the last listing into the gap. */
  remove(e: Entry) {
    const last = this.entries.pop()!;
    if (last === e) return;
    const to = e.pos;
    const from = last.pos;
    this.entries[to] = last;
    last.pos = to;
    for (const k of F64) this.f64[k][to] = this.f64[k][from]!;
    for (const k of I32) this.i32[k][to] = this.i32[k][from]!;
    this.grams.copyWithin(to * GRAM_WORDS, from * GRAM_WORDS, (from + 1) * GRAM_WORDS);
  }
}

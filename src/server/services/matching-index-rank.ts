import "server-only";
import { evaluateListing, rankListings } from "@/domain/matching/match";
import type { CandidateListing, MatchDemand, MatchResult } from "@/domain/matching/types";
import { bound, bucketPlan, offersProcess, plan, textBound, type BucketPlan } from "./matching-index-bound";
import type { Bucket } from "./matching-index-bucket";

/**
 * Ranking over the in-process index (matching-index.ts). One pass over the columns of the demand's
 * chain link (matching-index-bucket.ts) bounds the score of every listing offering an asked-for
 * process (matching-index-bound.ts), with text relevance bounded by Bloom filters, and drops those
 * that certainly fail a hard constraint. Candidates are then taken best bound first: text relevance
 * computed (a second, tighter bound), then evaluated exactly by the domain, until the k-th best
 * exact score beats every remaining bound. The result is rankListings over the evaluated ones,
 * which equals ranking every listing of the chain link (services/__tests__/matching-index*.test.ts).
 */

const byId = (a: CandidateListing, b: CandidateListing) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A max-heap of candidate indices by bound. */
class Heap {
  private items: number[] = [];
  constructor(private readonly key: Float64Array) {}
  peek(): number {
    return this.items.length ? this.key[this.items[0]!]! : -Infinity;
  }
  push(i: number) {
    const a = this.items;
    const key = this.key;
    let k = a.length;
    a.push(i);
    while (k > 0) {
      const up = (k - 1) >> 1;
      if (key[a[up]!]! >= key[i]!) break;
      a[k] = a[up]!;
      k = up;
    }
    a[k] = i;
  }
  pop(): number {
    const a = this.items;
    const key = this.key;
    const top = a[0]!;
    const last = a.pop()!;
    const n = a.length;
    if (n === 0) return top;
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= n) break;
      const m = l + 1 < n && key[a[l + 1]!]! > key[a[l]!]! ? l + 1 : l;
      if (key[a[m]!]! <= key[last]!) break;
      a[k] = a[m]!;
      k = m;
    }
    a[k] = last;
    return top;
  }
}

/**
 * Indices by first bound, best first, without sorting them all: a counting sort into bins, each
 * bin sorted when it is reached (most matches stop in the first few).
 */
class ByBound {
  private static readonly BINS = 2048;
  private readonly order: Int32Array;
  private readonly starts: Int32Array;
  private bin = ByBound.BINS;
  private at = 0;
  private end = 0;
  constructor(private readonly key: Float64Array) {
    const bins = ByBound.BINS;
    const binOf = (x: number) => Math.min(bins - 1, Math.max(0, Math.floor((x / 1.01) * bins)));
    this.starts = new Int32Array(bins + 1);
    for (let i = 0; i < key.length; i++) this.starts[binOf(key[i]!) + 1]!++;
    for (let i = 0; i < bins; i++) this.starts[i + 1]! += this.starts[i]!;
    const fill = this.starts.slice(0, bins);
    this.order = new Int32Array(key.length);
    for (let i = 0; i < key.length; i++) this.order[fill[binOf(key[i]!)]!++] = i;
    this.advance();
  }
  private advance() {
    while (this.at === this.end && this.bin > 0) {
      this.bin--;
      this.at = this.starts[this.bin]!;
      this.end = this.starts[this.bin + 1]!;
      if (this.end - this.at > 1) this.order.subarray(this.at, this.end).sort((x, y) => this.key[y]! - this.key[x]!);
    }
  }
  peek(): number {
    return this.at < this.end ? this.key[this.order[this.at]!]! : -Infinity;
  }
  pop(): number {
    const i = this.order[this.at++]!;
    this.advance();
    return i;
  }
}

/** What the last ranking did (bench --profile): candidates, those left after the first bound, text searches, exact evaluations. */
export const lastRanking = { candidates: 0, kept: 0, refined: 0, evaluated: 0 };

/** Ranks the demand over the buckets (the chain link's, or all); same result as rankListings over every listing in them. */
export function rankIndexed(d: MatchDemand, buckets: Bucket[], asOf: string, top?: number): MatchResult {
  const p = plan(d, asOf);
  const terms = d.terms.map((t) => t.toLowerCase());
  // First bound: text relevance from the Bloom filters (no substring search yet).
  const keptPlan: BucketPlan[] = [];
  const keptAt: number[] = [];
  const firstBounds: number[] = [];
  const firstTexts: number[] = [];
  let candidates = 0;
  for (const b of buckets) {
    const bp = bucketPlan(p, b);
    for (let i = 0; i < b.entries.length; i++) {
      if (!offersProcess(p, bp, i)) continue;
      candidates++;
      const text = textBound(p, b, i);
      const ub = bound(p, bp, i, text);
      if (ub < 0) continue;
      keptPlan.push(bp);
      keptAt.push(i);
      firstBounds.push(ub);
      firstTexts.push(text);
    }
  }
  const listing = (k: number) => keptPlan[k]!.b.entries[keptAt[k]!]!;
  Object.assign(lastRanking, { candidates, kept: keptAt.length, refined: 0, evaluated: 0 });
  // Candidates go to rankListings in id order, as they came from the database before (ties keep it).
  if (top === undefined) return rankListings(d, keptAt.map((_, k) => listing(k).c).sort(byId), asOf);
  if (top <= 0 || keptAt.length === 0) return rankListings(d, [], asOf, top);

  // Best bound first: candidates are taken by their first bound, then (text relevance computed)
  // by their second; a candidate whose second bound is the best left is evaluated exactly.
  const key = Float64Array.from(firstBounds);
  const second = new Float64Array(keptAt.length);
  const unrefined = new ByBound(key);
  const refined = new Heap(second);
  const best: number[] = []; // the top exact scores so far, ascending
  const evaluated: CandidateListing[] = [];
  for (;;) {
    const next = Math.max(unrefined.peek(), refined.peek());
    if (next === -Infinity || (best.length >= top && best[0]! > next)) break;
    if (unrefined.peek() >= refined.peek()) {
      const k = unrefined.pop();
      lastRanking.refined++;
      let text = firstTexts[k]!;
      if (text > 0 && terms.length) {
        const hay = listing(k).hay;
        let hits = 0;
        for (const t of terms) if (hay.includes(t)) hits++;
        text = hits / terms.length;
      }
      second[k] = text === firstTexts[k] ? key[k]! : bound(p, keptPlan[k]!, keptAt[k]!, text);
      refined.push(k);
      continue;
    }
    const c = listing(refined.pop()).c;
    evaluated.push(c);
    const ev = evaluateListing(d, c, asOf);
    if (!ev.pass) continue;
    if (best.length < top) best.push(ev.score);
    else if (ev.score > best[0]!) best[0] = ev.score;
    else continue;
    best.sort((x, y) => x - y);
  }
  lastRanking.evaluated = evaluated.length;
  return rankListings(d, evaluated.sort(byId), asOf, top);
}

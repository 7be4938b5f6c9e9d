import { isCertificateValid } from "@/domain/certificates";
import { fiberIsA, processCovers } from "@/domain/taxonomy";
import { convertCanonical, quantityUnitOf } from "@/domain/units";
import { addDays, productionDays } from "./calendar";
import { greatCircleKm } from "./geo";
import type { ReasonCore, ReasonParams } from "./reasons";
import type { CandidateListing, MatchDemand } from "./types";

/**
 * The hard constraints of formats §4, checked exactly. Each check returns whether the listing stays
 * in, the reason shown to the buyer, and how a buyer grades it when it stays in: 3 ideal, 2 good
 * (tight capacity, coarser yarn, undated certificate, far away, not in the named place), 1 marginal
 * (product mismatch, unknown fibres, capacity under the quantity), plus a 0..1 soft factor.
 */
export interface Check {
  pass: boolean;
  /** Best grade a listing can still get given this factor (3 when it does not limit it). */
  grade: 1 | 2 | 3;
  /** 0..1 within-grade quality of this factor. */
  soft: number;
  reason: ReasonCore;
}

const ok = (params: ReasonParams, grade: 1 | 2 | 3 = 3, soft = 1): Check => ({ pass: true, grade, soft, reason: { code: params.factor, ok: grade === 3, params } });
const out = (params: ReasonParams): Check => ({ pass: false, grade: 1, soft: 0, reason: { code: params.factor, ok: false, params } });

const round = (n: number, d = 2) => Number(n.toFixed(d));

export function checkChainLink(d: MatchDemand, l: CandidateListing): Check | null {
  if (!d.chainLink) return null;
  return l.chainLink === d.chainLink ? ok({ factor: "chain_link", chainLink: l.chainLink }) : out({ factor: "chain_link", chainLink: l.chainLink, wanted: d.chainLink });
}

export function checkProcesses(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.processes.length === 0) return null;
  const hits = d.processes.filter((req) => l.processes.some((offered) => processCovers(offered, req)));
  const params = { factor: "process", processes: hits, wanted: d.processes } as const;
  return hits.length > 0 ? ok(params, 3, hits.length / d.processes.length) : out(params);
}

export function checkFibers(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.fibers.length === 0) return null;
  if (l.fibers.length === 0) return ok({ factor: "fibers", fibers: d.fibers, stated: false, missing: [] }, 1, 0);
  const missing = d.fibers.filter((req) => !l.fibers.some((f) => fiberIsA(f, req)));
  const params = { factor: "fibers", fibers: d.fibers, stated: true, missing } as const;
  return missing.length === 0 ? ok(params) : out(params);
}

export function checkCertifications(d: MatchDemand, l: CandidateListing, asOf: string): Check | null {
  if (d.requiredCertifications.length === 0) return null;
  const certificates: Array<{ scheme: string; validTo: string | null }> = [];
  let undated = false;
  for (const scheme of d.requiredCertifications) {
    const valid = l.certificates.filter((c) => c.schemeId === scheme && isCertificateValid(c, asOf));
    if (valid.length === 0) return out({ factor: "certification", certificates, missing: scheme, asOf });
    const dated = valid.filter((c) => c.validTo !== null).sort((a, b) => (a.validTo! < b.validTo! ? 1 : -1));
    if (dated.length > 0) certificates.push({ scheme, validTo: dated[0]!.validTo });
    else {
      undated = true;
      certificates.push({ scheme, validTo: null });
    }
  }
  return undated ? ok({ factor: "certification", certificates }, 2, 0.5) : ok({ factor: "certification", certificates });
}

/** Yarn count, fabric weight (±5%) and width. */
export function checkSpec(d: MatchDemand, l: CandidateListing): Check[] {
  const checks: Check[] = [];
  const { yarnCountNe, gsm, widthCm } = d.spec;
  if (yarnCountNe !== undefined) {
    const p = (fit: "in" | "coarser" | "finer" | "not_stated") => ({ factor: "yarn_count", value: yarnCountNe, min: l.yarnCountNeMin, max: l.yarnCountNeMax, fit }) as const;
    if (l.yarnCountNeMax === null && l.yarnCountNeMin === null) checks.push(ok(p("not_stated"), 3, 0.4));
    else if (l.yarnCountNeMax !== null && yarnCountNe > l.yarnCountNeMax) checks.push(out(p("finer")));
    else if (l.yarnCountNeMin !== null && yarnCountNe < l.yarnCountNeMin) checks.push(ok(p("coarser"), 2, 0.5));
    else checks.push(ok(p("in")));
  }
  if (gsm !== undefined) {
    const p = (fit: "in" | "near" | "outside" | "not_stated") => ({ factor: "gsm", value: gsm, min: l.gsmMin, max: l.gsmMax, fit }) as const;
    if (l.gsmMin === null && l.gsmMax === null) checks.push(ok(p("not_stated"), 3, 0.4));
    else {
      const lo = l.gsmMin !== null ? l.gsmMin * 0.95 : -Infinity;
      const hi = l.gsmMax !== null ? l.gsmMax * 1.05 : Infinity;
      if (gsm < lo || gsm > hi) checks.push(out(p("outside")));
      else {
        const inside = (l.gsmMin === null || gsm >= l.gsmMin) && (l.gsmMax === null || gsm <= l.gsmMax);
        checks.push(ok(p(inside ? "in" : "near"), 3, inside ? 1 : 0.8));
      }
    }
  }
  if (widthCm !== undefined) {
    const p = (fit: "in" | "wider" | "not_stated") => ({ factor: "width", value: widthCm, max: l.widthCmMax, fit }) as const;
    if (l.widthCmMax === null) checks.push(ok(p("not_stated"), 3, 0.4));
    else if (widthCm > l.widthCmMax) checks.push(out(p("wider")));
    else checks.push(ok(p("in")));
  }
  return checks;
}

export function checkMoq(d: MatchDemand, l: CandidateListing): Check | null {
  if (!d.quantity || l.moqValue === null || !l.moqUnit) return null;
  const moq = convertCanonical(l.moqValue, l.moqUnit, d.quantity.unit);
  if (moq === null) return ok({ factor: "moq", moq: l.moqValue, unit: l.moqUnit, quantity: d.quantity.value, comparable: false }, 3, 0.5);
  const params = { factor: "moq", moq: round(moq), unit: d.quantity.unit, quantity: d.quantity.value, comparable: true } as const;
  return moq > d.quantity.value ? out(params) : ok(params);
}

export interface CapacityOutcome {
  check: Check | null;
  /** deliverable / quantity, when known. */
  ratio?: number;
  /** Production days before needBy. */
  days?: number;
}

/**
 * Capacity before needBy: production from asOf + lead time (a capacity listing not before
 * available_from) to needBy (not after available_to), minus the Spring Festival shutdown;
 * deliverable = rate × days / 30 in the demand's quantity unit.
 */
export function checkCapacity(d: MatchDemand, l: CandidateListing, asOf: string): CapacityOutcome {
  // A capacity window that ended before asOf is expired, whatever the demand asks.
  if (l.kind === "capacity" && l.availableTo && l.availableTo < asOf) return { check: out({ factor: "capacity", fit: "window_closed", end: l.availableTo }), days: 0 };
  if (!d.needBy && !d.quantity) return { check: null };
  let start = addDays(asOf, l.leadTimeDays ?? 0);
  let end = d.needBy ?? null;
  if (l.kind === "capacity") {
    if (l.availableFrom && l.availableFrom > start) start = l.availableFrom;
    if (l.availableTo && (end === null || l.availableTo < end)) end = l.availableTo;
  }
  if (end === null) {
    // No need-by date: nothing to deliver against, but a window closed before production could start is out.
    if (l.kind === "capacity" && l.availableTo && l.availableTo <= start) return { check: out({ factor: "capacity", fit: "window_closed", end: l.availableTo }), days: 0 };
    return { check: null };
  }
  const days = productionDays(start, end);
  if (days <= 0) return { check: out({ factor: "capacity", fit: "no_days", start, end }), days: 0 };
  if (!d.quantity) return { check: ok({ factor: "capacity", fit: "days", days }), days };
  const qUnit = quantityUnitOf(l.capacityUnit);
  const perMonth = qUnit ? convertCanonical(l.capacityValue, qUnit, d.quantity.unit) : null;
  if (perMonth === null) return { check: ok({ factor: "capacity", fit: "not_comparable", capacityValue: l.capacityValue, capacityUnit: l.capacityUnit, unit: d.quantity.unit, days }, 3, 0.3), days };
  const deliverable = (perMonth * days) / 30;
  const ratio = deliverable / d.quantity.value;
  const p = (fit: "covers" | "tight" | "marginal" | "short") => ({ factor: "capacity", fit, ratio: round(ratio), deliverable: round(deliverable), unit: d.quantity!.unit, days }) as const;
  if (ratio < 0.5) return { check: out(p("short")), ratio, days };
  if (ratio < 1) return { check: ok(p("marginal"), 1, 0.2), ratio, days };
  if (ratio < 1.5) return { check: ok(p("tight"), 2, 0.5), ratio, days };
  return { check: ok(p("covers"), 3, Math.min(1, 0.7 + (ratio - 1.5) / 10)), ratio, days };
}

export const FAR_KM = 400;

export function checkDistance(d: MatchDemand, l: CandidateListing): { check: Check | null; km: number | null } {
  if (!d.deliverTo || l.lat === null || l.lng === null) {
    if (d.maxDistanceKm !== undefined && d.deliverTo) return { check: out({ factor: "distance", km: null, maxKm: d.maxDistanceKm }), km: null };
    return { check: null, km: null };
  }
  const km = round(greatCircleKm({ lat: l.lat, lng: l.lng }, d.deliverTo), 1);
  const params = { factor: "distance", km, ...(d.maxDistanceKm !== undefined ? { maxKm: d.maxDistanceKm } : {}) } as const;
  if (d.maxDistanceKm !== undefined && km > d.maxDistanceKm) return { check: out(params), km };
  if (km > FAR_KM) return { check: ok(params, 2, 0.3), km };
  return { check: ok(params, 3, 1 - (km / FAR_KM) * 0.6), km };
}

/** Products are not a hard constraint: a mismatch makes a listing marginal. */
export function checkProducts(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.products.length === 0) return null;
  if (l.products.length === 0) return ok({ factor: "product", products: [], offered: [], wanted: d.products, stated: false }, 3, 0.4);
  const hits = d.products.filter((p) => l.products.includes(p));
  const params = { factor: "product", products: hits, offered: l.products, wanted: d.products, stated: true } as const;
  return hits.length > 0 ? ok(params) : ok(params, 1, 0);
}

/** A place named in the text: firms there rank first. */
export function checkNamedPlace(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.namedPlaces.length === 0) return null;
  const here = d.namedPlaces.find((p) => p.adcode && (p.adcode === l.countyAdcode || p.adcode === l.cityAdcode || p.adcode === l.company.cityAdcode));
  const places = d.namedPlaces.map((p) => p.name);
  if (here) return ok({ factor: "named_place", place: here.name, fit: "in", places });
  const near = d.namedPlaces.find((p) => l.lat !== null && l.lng !== null && greatCircleKm(p, { lat: l.lat, lng: l.lng }) <= 15);
  if (near) return ok({ factor: "named_place", place: near.name, fit: "near", places }, 3, 0.8);
  return ok({ factor: "named_place", place: places.join("|"), fit: "not_in", places }, 2, 0);
}

import { isCertificateValid } from "@/domain/certificates";
import { fiberIsA, processCovers } from "@/domain/taxonomy";
import { convertCanonical, quantityUnitOf } from "@/domain/units";
import { addDays, productionDays } from "./calendar";
import { greatCircleKm } from "./geo";
import type { CandidateListing, MatchDemand, Reason } from "./types";

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
  reason: Reason;
}

const ok = (code: string, detail: string, grade: 1 | 2 | 3 = 3, soft = 1): Check => ({ pass: true, grade, soft, reason: { code, ok: grade === 3, detail } });
const out = (code: string, detail: string): Check => ({ pass: false, grade: 1, soft: 0, reason: { code, ok: false, detail } });

const round = (n: number, d = 2) => Number(n.toFixed(d));

export function checkChainLink(d: MatchDemand, l: CandidateListing): Check | null {
  if (!d.chainLink) return null;
  return l.chainLink === d.chainLink ? ok("chain_link", l.chainLink) : out("chain_link", `${l.chainLink} ≠ ${d.chainLink}`);
}

export function checkProcesses(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.processes.length === 0) return null;
  const hits = d.processes.filter((req) => l.processes.some((offered) => processCovers(offered, req)));
  return hits.length > 0 ? ok("process", hits.join("|"), 3, hits.length / d.processes.length) : out("process", `none of ${d.processes.join("|")}`);
}

export function checkFibers(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.fibers.length === 0) return null;
  if (l.fibers.length === 0) return ok("fibers", "not stated", 1, 0);
  const missing = d.fibers.filter((req) => !l.fibers.some((f) => fiberIsA(f, req)));
  return missing.length === 0 ? ok("fibers", d.fibers.join("|")) : out("fibers", `missing ${missing.join("|")}`);
}

export function checkCertifications(d: MatchDemand, l: CandidateListing, asOf: string): Check | null {
  if (d.requiredCertifications.length === 0) return null;
  const details: string[] = [];
  let undated = false;
  for (const scheme of d.requiredCertifications) {
    const valid = l.certificates.filter((c) => c.schemeId === scheme && isCertificateValid(c, asOf));
    if (valid.length === 0) return out("certification", `${scheme} missing or expired on ${asOf}`);
    const dated = valid.filter((c) => c.validTo !== null).sort((a, b) => (a.validTo! < b.validTo! ? 1 : -1));
    if (dated.length > 0) details.push(`${scheme} valid until ${dated[0]!.validTo}`);
    else {
      undated = true;
      details.push(`${scheme} (expiry unknown)`);
    }
  }
  return undated ? ok("certification", details.join("; "), 2, 0.5) : ok("certification", details.join("; "));
}

/** Yarn count, fabric weight (±5%) and width. */
export function checkSpec(d: MatchDemand, l: CandidateListing): Check[] {
  const checks: Check[] = [];
  const { yarnCountNe, gsm, widthCm } = d.spec;
  if (yarnCountNe !== undefined) {
    if (l.yarnCountNeMax === null && l.yarnCountNeMin === null) checks.push(ok("yarn_count", `Ne${yarnCountNe}; range not stated`, 3, 0.4));
    else if (l.yarnCountNeMax !== null && yarnCountNe > l.yarnCountNeMax) checks.push(out("yarn_count", `Ne${yarnCountNe} finer than Ne${l.yarnCountNeMax}`));
    else if (l.yarnCountNeMin !== null && yarnCountNe < l.yarnCountNeMin) checks.push(ok("yarn_count", `Ne${yarnCountNe} coarser than Ne${l.yarnCountNeMin}`, 2, 0.5));
    else checks.push(ok("yarn_count", `Ne${yarnCountNe} in Ne${l.yarnCountNeMin ?? "?"}–${l.yarnCountNeMax ?? "?"}`));
  }
  if (gsm !== undefined) {
    if (l.gsmMin === null && l.gsmMax === null) checks.push(ok("gsm", `${gsm} g/m²; range not stated`, 3, 0.4));
    else {
      const lo = l.gsmMin !== null ? l.gsmMin * 0.95 : -Infinity;
      const hi = l.gsmMax !== null ? l.gsmMax * 1.05 : Infinity;
      if (gsm < lo || gsm > hi) checks.push(out("gsm", `${gsm} g/m² outside ${l.gsmMin ?? "?"}–${l.gsmMax ?? "?"}`));
      else {
        const inside = (l.gsmMin === null || gsm >= l.gsmMin) && (l.gsmMax === null || gsm <= l.gsmMax);
        checks.push(ok("gsm", `${gsm} g/m² in ${l.gsmMin ?? "?"}–${l.gsmMax ?? "?"}`, 3, inside ? 1 : 0.8));
      }
    }
  }
  if (widthCm !== undefined) {
    if (l.widthCmMax === null) checks.push(ok("width", `${widthCm} cm; width not stated`, 3, 0.4));
    else if (widthCm > l.widthCmMax) checks.push(out("width", `${widthCm} cm wider than ${l.widthCmMax} cm`));
    else checks.push(ok("width", `${widthCm} cm ≤ ${l.widthCmMax} cm`));
  }
  return checks;
}

export function checkMoq(d: MatchDemand, l: CandidateListing): Check | null {
  if (!d.quantity || l.moqValue === null || !l.moqUnit) return null;
  const moq = convertCanonical(l.moqValue, l.moqUnit, d.quantity.unit);
  if (moq === null) return ok("moq", `MOQ ${l.moqValue} ${l.moqUnit} not comparable`, 3, 0.5);
  return moq > d.quantity.value ? out("moq", `MOQ ${round(moq)} ${d.quantity.unit} > ${d.quantity.value}`) : ok("moq", `MOQ ${round(moq)} ${d.quantity.unit} ≤ ${d.quantity.value}`);
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
  if (!d.needBy && !d.quantity) return { check: null };
  let start = addDays(asOf, l.leadTimeDays ?? 0);
  let end = d.needBy ?? null;
  if (l.kind === "capacity") {
    if (l.availableFrom && l.availableFrom > start) start = l.availableFrom;
    if (l.availableTo && (end === null || l.availableTo < end)) end = l.availableTo;
  }
  if (end === null) {
    // No need-by date: nothing to deliver against, but a window closed before production could start is out.
    if (l.kind === "capacity" && l.availableTo && l.availableTo <= start) return { check: out("capacity", `window closed ${l.availableTo}`), days: 0 };
    return { check: null };
  }
  const days = productionDays(start, end);
  if (days <= 0) return { check: out("capacity", `no production days between ${start} and ${end}`), days: 0 };
  if (!d.quantity) return { check: ok("capacity", `${days} production days`), days };
  const qUnit = quantityUnitOf(l.capacityUnit);
  const perMonth = qUnit ? convertCanonical(l.capacityValue, qUnit, d.quantity.unit) : null;
  if (perMonth === null) return { check: ok("capacity", `${l.capacityValue} ${l.capacityUnit} not comparable with ${d.quantity.unit}`, 3, 0.3), days };
  const deliverable = (perMonth * days) / 30;
  const ratio = deliverable / d.quantity.value;
  const detail = `covers ${round(ratio)}× (${round(deliverable)} ${d.quantity.unit} in ${days} days)`;
  if (ratio < 0.5) return { check: out("capacity", detail), ratio, days };
  if (ratio < 1) return { check: ok("capacity", `marginal: ${detail}`, 1, 0.2), ratio, days };
  if (ratio < 1.5) return { check: ok("capacity", `tight: ${detail}`, 2, 0.5), ratio, days };
  return { check: ok("capacity", detail, 3, Math.min(1, 0.7 + (ratio - 1.5) / 10)), ratio, days };
}

export const FAR_KM = 400;

export function checkDistance(d: MatchDemand, l: CandidateListing): { check: Check | null; km: number | null } {
  if (!d.deliverTo || l.lat === null || l.lng === null) {
    if (d.maxDistanceKm !== undefined && d.deliverTo) return { check: out("distance", "location unknown"), km: null };
    return { check: null, km: null };
  }
  const km = round(greatCircleKm({ lat: l.lat, lng: l.lng }, d.deliverTo), 1);
  if (d.maxDistanceKm !== undefined && km > d.maxDistanceKm) return { check: out("distance", `${km} km > ${d.maxDistanceKm} km`), km };
  if (km > FAR_KM) return { check: ok("distance", `${km} km away`, 2, 0.3), km };
  return { check: ok("distance", `${km} km away`, 3, 1 - (km / FAR_KM) * 0.6), km };
}

/** Products are not a hard constraint: a mismatch makes a listing marginal. */
export function checkProducts(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.products.length === 0) return null;
  if (l.products.length === 0) return ok("product", "not stated", 3, 0.4);
  const hits = d.products.filter((p) => l.products.includes(p));
  return hits.length > 0 ? ok("product", hits.join("|")) : ok("product", `offers ${l.products.join("|")}, not ${d.products.join("|")}`, 1, 0);
}

/** A place named in the text: firms there rank first. */
export function checkNamedPlace(d: MatchDemand, l: CandidateListing): Check | null {
  if (d.namedPlaces.length === 0) return null;
  const here = d.namedPlaces.find((p) => p.adcode && (p.adcode === l.countyAdcode || p.adcode === l.cityAdcode || p.adcode === l.company.cityAdcode));
  if (here) return ok("named_place", here.name);
  const near = d.namedPlaces.find((p) => l.lat !== null && l.lng !== null && greatCircleKm(p, { lat: l.lat, lng: l.lng }) <= 15);
  if (near) return ok("named_place", `near ${near.name}`, 3, 0.8);
  return ok("named_place", `not in ${d.namedPlaces.map((p) => p.name).join("|")}`, 2, 0);
}

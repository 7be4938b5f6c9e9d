import { chainLinks, fibers as fiberList, getProcess, getProduct, products as productList } from "@/domain/taxonomy";
import { toCanonical } from "@/domain/units";
import { isIsoDate } from "./calendar";
import { checkCapacity, checkCertifications, checkChainLink, checkDistance, checkFibers, checkMoq, checkNamedPlace, checkProcesses, checkProducts, checkSpec, type Check } from "./constraints";
import { adcodeCentre, placeNames } from "./geo";
import { withDetail, type ReasonCore } from "./reasons";
import { scoreListing } from "./score";
import { understandDemand } from "./understand";
import type { CandidateListing, DemandJson, MatchDemand, MatchResult, MatchResultRow, NamedPlace } from "./types";

export type { CandidateListing, DemandJson, MatchDemand, MatchResult, MatchResultRow } from "./types";

/** Something that understands a demand's free text (understand.ts), injected to keep this file pure. */
export type Understander = (input: DemandJson, opts?: { asOf?: string }) => Partial<MatchDemand> & { softCertifications?: string[] };

/** Thrown for a Demand JSON that cannot be matched (the CLI refuses it with exit 2). */
export class DemandError extends Error {}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.length > 0) : []);

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether a taxonomy name occurs in the text: Latin names as whole words, Chinese ones as substrings. */
function mentions(text: string, name: string): boolean {
  if (!name) return false;
  if (/^[\x20-\x7e]+$/.test(name)) return name.length >= 2 && new RegExp(`(^|[^a-z0-9])${escapeRe(name.toLowerCase())}($|[^a-z0-9])`).test(text.toLowerCase());
  return name.length >= 2 && text.includes(name);
}

/**
 * A minimal reading of the free text used until (and besides) the demand understander: taxonomy
 * names and aliases of processes, products and fibres, and Shandong city/county names. Only fills
 * fields the structured demand leaves empty.
 */
export function basicTextReading(text: string): { processes: string[]; products: string[]; fibers: string[]; places: NamedPlace[]; terms: string[] } {
  const processes: string[] = [];
  for (const link of chainLinks) for (const p of link.processes) if ([p.zh, p.en, ...p.aliases].some((n) => mentions(text, n))) processes.push(p.id);
  const products = productList.filter((p) => [p.zh, p.en, ...p.aliases].some((n) => mentions(text, n))).map((p) => p.id);
  // Longest names first, and a name inside a longer non-fibre word (毛巾) is not that fibre.
  const fibers = fiberList.filter((f) => [f.zh, f.en, ...f.aliases].some((n) => n.length >= 2 && mentions(text, n))).map((f) => f.id);
  const places: NamedPlace[] = [];
  for (const p of placeNames) {
    const name = p.names.find((n) => mentions(text, n));
    if (name && !places.some((x) => x.adcode === p.adcode)) places.push({ kind: p.kind, adcode: p.adcode, name, lat: p.lat, lng: p.lng });
  }
  const terms = text
    .split(/[\s,，。、;；:：/()（）]+/)
    .map((t) => t.trim())
    .filter((t) => t.length >= 2 && !/^\d/.test(t));
  return { processes, products, fibers, places, terms };
}

/** Demand JSON → the matcher's demand. Structured fields win; the text fills gaps. */
export function toMatchDemand(input: DemandJson, opts: { asOf?: string; understand?: Understander } = {}): MatchDemand {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new DemandError("a Demand JSON object is expected");
  const text = typeof input.text === "string" ? input.text : "";
  const given = {
    chainLink: typeof input.chainLink === "string" && input.chainLink ? input.chainLink : undefined,
    processes: strs(input.processes),
    products: strs(input.products),
    fibers: strs(input.fibers),
  };
  if (!text && !given.chainLink && given.processes.length === 0 && given.products.length === 0) throw new DemandError("one of text, chainLink, processes or products is required");

  const understood = (opts.understand ?? understandDemand)(input, { asOf: opts.asOf });
  const reading = basicTextReading(text);

  let chainLink = given.chainLink ?? understood.chainLink;
  let processes = given.processes.length ? given.processes : (understood.processes ?? reading.processes);
  let products = given.products.length ? given.products : (understood.products ?? reading.products);
  const fibers = given.fibers.length ? given.fibers : (understood.fibers ?? reading.fibers);
  if (!chainLink) {
    const links = new Set(processes.map((p) => getProcess(p)?.chainLink.id).filter((x): x is string => !!x));
    if (links.size === 1) chainLink = [...links][0];
    else if (links.size === 0) {
      const fromProducts = new Set(products.flatMap((p) => getProduct(p)?.chainLinks ?? []));
      if (fromProducts.size === 1) chainLink = [...fromProducts][0];
    }
  }
  if (chainLink) processes = processes.filter((p) => !getProcess(p) || getProcess(p)!.chainLink.id === chainLink);
  // Products read from the text only count when made at that chain link (毛巾用 yarn is still yarn).
  if (chainLink && !given.products.length) products = products.filter((p) => !getProduct(p) || getProduct(p)!.chainLinks.includes(chainLink!));

  let quantity: MatchDemand["quantity"];
  if (input.quantity && typeof input.quantity === "object" && num(input.quantity.value) !== undefined && typeof input.quantity.unit === "string") {
    const c = toCanonical(input.quantity.value, input.quantity.unit, "quantity");
    if (!c) throw new DemandError(`unknown quantity unit "${input.quantity.unit}"`);
    quantity = c;
  } else if (understood.quantity) quantity = understood.quantity;

  let needBy: string | undefined;
  if (input.needBy != null) {
    if (!isIsoDate(input.needBy)) throw new DemandError(`needBy "${String(input.needBy)}" is not a YYYY-MM-DD date`);
    needBy = input.needBy;
  } else needBy = understood.needBy;

  const namedPlaces = understood.namedPlaces ?? reading.places;
  let deliverTo: MatchDemand["deliverTo"];
  const dt = input.deliverTo;
  if (dt && typeof dt === "object") {
    const lat = num(dt.lat);
    const lng = num(dt.lng);
    if (lat !== undefined && lng !== undefined) deliverTo = { lat, lng, cityAdcode: dt.cityAdcode ?? undefined };
    else if (typeof dt.cityAdcode === "string") {
      const c = adcodeCentre(dt.cityAdcode);
      if (!c) throw new DemandError(`unknown deliverTo.cityAdcode "${dt.cityAdcode}"`);
      deliverTo = { lat: c.lat, lng: c.lng, cityAdcode: dt.cityAdcode };
    }
  }
  if (!deliverTo && understood.deliverTo) deliverTo = understood.deliverTo;
  if (!deliverTo && namedPlaces.length > 0) deliverTo = { lat: namedPlaces[0]!.lat, lng: namedPlaces[0]!.lng, cityAdcode: namedPlaces[0]!.adcode };

  const spec: MatchDemand["spec"] = {};
  const s = input.spec ?? {};
  const us = understood.spec ?? {};
  const yc = num(s.yarnCountNe) ?? num(us.yarnCountNe);
  const gsm = num(s.gsm) ?? num(us.gsm);
  const width = num(s.widthCm) ?? num(us.widthCm);
  if (yc !== undefined) spec.yarnCountNe = yc;
  if (gsm !== undefined) spec.gsm = gsm;
  if (width !== undefined) spec.widthCm = width;

  const required = strs(input.requiredCertifications);
  return {
    chainLink,
    processes,
    products,
    fibers,
    softCertifications: (understood.softCertifications ?? []).filter((c) => !required.includes(c)),
    requiredCertifications: required.length ? required : (understood.requiredCertifications ?? []),
    quantity,
    needBy,
    deliverTo,
    namedPlaces,
    spec,
    maxDistanceKm: num(input.maxDistanceKm) ?? understood.maxDistanceKm,
    terms: understood.terms?.length ? understood.terms : reading.terms,
  };
}

export interface Evaluation {
  pass: boolean;
  score: number;
  grade: 1 | 2 | 3;
  distanceKm: number | null;
  reasons: ReasonCore[];
}

/** Every hard constraint, then the score; `pass` false means the listing is out. */
export function evaluateListing(d: MatchDemand, l: CandidateListing, asOf: string): Evaluation {
  const checks: Check[] = [];
  const push = (c: Check | null) => {
    if (c) checks.push(c);
  };
  push(checkChainLink(d, l));
  push(checkProcesses(d, l));
  push(checkFibers(d, l));
  push(checkCertifications(d, l, asOf));
  for (const c of checkSpec(d, l)) push(c);
  push(checkMoq(d, l));
  const cap = checkCapacity(d, l, asOf);
  push(cap.check);
  const dist = checkDistance(d, l);
  push(dist.check);
  push(checkProducts(d, l));
  push(checkNamedPlace(d, l));
  const failed = checks.filter((c) => !c.pass);
  if (failed.length > 0) return { pass: false, score: 0, grade: 1, distanceKm: dist.km, reasons: checks.map((c) => c.reason) };
  const { score, grade, reasons } = scoreListing(d, l, asOf, checks, { capacityDays: cap.days });
  return { pass: true, score, grade, distanceKm: dist.km, reasons };
}

/** Ranks candidates: those passing every hard constraint, best first (ties: nearer, then ref). */
export function rankListings(d: MatchDemand, candidates: CandidateListing[], asOf: string, top?: number): MatchResult {
  const rows: Array<Omit<MatchResultRow, "reasons"> & { reasons: ReasonCore[] }> = [];
  for (const l of candidates) {
    const e = evaluateListing(d, l, asOf);
    if (!e.pass) continue;
    rows.push({ ref: l.ref, listingId: l.id, company: { name: l.company.name, cityAdcode: l.company.cityAdcode }, score: e.score, distanceKm: e.distanceKm, reasons: e.reasons });
  }
  rows.sort((a, b) => b.score - a.score || (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || String(a.ref ?? a.listingId).localeCompare(String(b.ref ?? b.listingId)));
  const limited = top !== undefined ? rows.slice(0, top) : rows;
  return { asOf, results: limited.map((r) => ({ ...r, reasons: r.reasons.map(withDetail) })) };
}

/**
 * Step 1 of matching: what a demand asks for. Structured fields always win; the free text only
 * fills the fields left empty (DESIGN.md "Matching", formats §3). Pure and browser-safe: the text is
 * segmented by the taxonomy dictionary (./text/lexicon), not jieba.
 */
import { chinaDay } from "../demand-text";
import { fiberAncestors, getCity, getCounty, getProcess, getProduct, getProvince, localName } from "../taxonomy";
import { toCanonical } from "../units";
import { segment, innerFibers, type PlaceRef } from "./text/lexicon";
import { makingProcesses } from "./text/making";
import { foldText, halfWidth } from "./text/normalize";
import { readMaxDistance, readNeedBy, readQuantity } from "./text/quantity-date";
import { readShorthand } from "./text/shorthand";
import type { DemandJson } from "./types";

export type { DemandJson } from "./types";

export interface UnderstandOptions {
  locale?: "zh-CN" | "en";
  /** YYYY-MM-DD that dates without a year ("3月底前") count from; default: today in China. */
  asOf?: string;
}

export type NamedPlace = PlaceRef;

export interface UnderstoodSpec {
  yarnCountNe?: number;
  plies?: number;
  gsm?: number;
  widthCm?: number;
  blend?: { fiber: string; pct: number }[];
  denier?: number;
  filaments?: number;
  gauge?: number;
}

export interface UnderstoodDemand {
  chainLink?: string;
  processes: string[];
  products: string[];
  fibers: string[];
  /** Hard: only the structured requiredCertifications. */
  requiredCertifications: string[];
  /** Schemes the text mentions that are not required: they rank, they do not filter. */
  softCertifications: string[];
  /** In a canonical quantity unit (t, m, m2, pcs, sets, dozen_pairs, units, pairs). */
  quantity?: { value: number; unit: string };
  needBy?: string;
  deliverTo?: { lat: number; lng: number; cityAdcode?: string };
  namedPlaces: NamedPlace[];
  spec: UnderstoodSpec;
  maxDistanceKm?: number;
  /** Normalised search terms (dictionary words, codes, leftover CJK bigrams and Latin words). */
  terms: string[];
  /** Where each filled field came from. */
  sources: Record<string, "structured" | "text">;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
// Demand JSON comes from files and forms: keep only the strings of a list.
const strings = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === "string" && x !== "") : []);
const num = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);

// Goods knitted to shape (sweaters on flat machines, socks on hosiery machines) come off the
// knitting mill finished; the taxonomy lists garment first for them, but the maker is a knitter.
const KNITTED_TO_SHAPE = new Set(["knitwear_sweaters", "socks"]);
function productLinks(id: string): string[] {
  const links = getProduct(id)?.chainLinks ?? [];
  return KNITTED_TO_SHAPE.has(id) && links.includes("weaving_knitting") ? ["weaving_knitting", ...links.filter((l) => l !== "weaving_knitting")] : links;
}

/** Chain-link votes: a named link outweighs a process, a process outweighs a product. */
function inferChainLink(named: string[], processes: string[], products: string[], weakProducts: string[]): string | undefined {
  const votes = new Map<string, number>();
  const vote = (id: string | undefined, w: number) => id && votes.set(id, (votes.get(id) ?? 0) + w);
  for (const id of named) vote(id, 3);
  for (const id of processes) vote(getProcess(id)?.chainLink.id, 2);
  for (const id of products) productLinks(id).forEach((l, i) => vote(l, i === 0 ? 1 : 0.9));
  for (const id of weakProducts) productLinks(id).forEach((l, i) => vote(l, i === 0 ? 0.5 : 0.4));
  let best: string | undefined;
  for (const [id, w] of votes) if (best === undefined || w > votes.get(best)!) best = id;
  return best;
}

/** Coordinates of a city, county or province adcode; a county reports its prefecture city. */
function placeOf(adcode: string): { lat: number; lng: number; cityAdcode?: string } | undefined {
  const city = getCity(adcode);
  if (city) return { lat: city.lat, lng: city.lng, cityAdcode: city.adcode };
  const county = getCounty(adcode);
  if (county) return { lat: county.lat, lng: county.lng, cityAdcode: county.cityAdcode };
  const province = getProvince(adcode);
  return province ? { lat: province.lat, lng: province.lng, cityAdcode: province.adcode } : undefined;
}

/** Drops a fibre whose descendant is also asked for (有机棉 + 棉 → organic cotton). */
function mostSpecific(ids: string[]): string[] {
  const implied = new Set(ids.flatMap((id) => fiberAncestors(id).map((f) => f.id)));
  return ids.filter((id) => !implied.has(id));
}

export function understandDemand(input: DemandJson, opts: UnderstandOptions = {}): UnderstoodDemand {
  const sources: Record<string, "structured" | "text"> = {};
  const asOf = opts.asOf ?? chinaDay(new Date());
  const text = halfWidth(typeof input.text === "string" ? input.text : "");

  // Readers run in order, each masking what it consumed: dates, codes, distance, quantity, words.
  const date = readNeedBy(text, asOf);
  const sh = readShorthand(date.rest);
  const dist = readMaxDistance(sh.rest);
  const qty = readQuantity(dist.rest);
  const seg = segment(foldText(qty.rest));

  const found = { chainLink: [] as string[], process: [] as string[], product: [] as string[], fiber: [] as string[], certification: [] as string[] };
  const places: PlaceRef[] = [];
  for (const m of seg.matches) {
    for (const hit of m.hits) {
      if (hit.kind === "place" && hit.place) places.push(hit.place);
      else if (hit.kind === "fiber" || hit.kind === "certification") found[hit.kind].push(hit.id);
      else if (hit.kind !== "block" && hit.kind !== "place" && !m.endUse) found[hit.kind].push(hit.id);
    }
    if (!m.endUse && m.hits.some((h) => h.kind === "product" || h.kind === "process")) found.fiber.push(...innerFibers(m.surface));
  }

  // Chain link.
  let chainLink: string | undefined;
  if (typeof input.chainLink === "string" && input.chainLink) {
    chainLink = input.chainLink;
    sources.chainLink = "structured";
  } else {
    const structured = inferChainLink([], strings(input.processes), strings(input.products), []);
    if (structured) {
      chainLink = structured;
      sources.chainLink = "structured";
    } else {
      const spinningHint = sh.spinningProcesses.length > 0 ? ["yarn"] : [];
      chainLink = inferChainLink(found.chainLink, found.process, found.product, [...sh.products, ...spinningHint]);
      if (chainLink) sources.chainLink = "text";
    }
  }
  const fitsLink = (linkIds: string[]) => chainLink === undefined || linkIds.includes(chainLink);

  // Processes and products: a text word from another chain link is context, not the ask.
  let processes: string[] = [];
  if (strings(input.processes).length) {
    processes = uniq(strings(input.processes));
    sources.processes = "structured";
  } else {
    const fromShorthand = chainLink === "spinning" ? sh.spinningProcesses : [];
    processes = uniq([...found.process, ...fromShorthand]).filter((id) => fitsLink([getProcess(id)?.chainLink.id ?? ""]));
    if (processes.length) sources.processes = "text";
  }
  let products: string[] = [];
  if (strings(input.products).length) {
    products = uniq(strings(input.products));
    sources.products = "structured";
  } else {
    products = uniq([...found.product, ...sh.products]).filter((id) => fitsLink(getProduct(id)?.chainLinks ?? []));
    if (products.length) sources.products = "text";
  }
  // Goods named without a process: the process that makes them (牛仔布 → denim weaving, 童装 → sewing).
  if (!sources.processes && sources.products === "text") {
    processes = makingProcesses(products, chainLink);
    if (processes.length) sources.processes = "text";
  }

  let fibers: string[] = [];
  if (strings(input.fibers).length) {
    fibers = uniq(strings(input.fibers));
    sources.fibers = "structured";
  } else {
    fibers = mostSpecific(uniq([...sh.fibers, ...found.fiber]));
    if (fibers.length) sources.fibers = "text";
  }

  const requiredCertifications = uniq(strings(input.requiredCertifications));
  if (requiredCertifications.length) sources.requiredCertifications = "structured";
  const softCertifications = uniq(found.certification).filter((id) => !requiredCertifications.includes(id));
  if (softCertifications.length) sources.softCertifications = "text";

  // Quantity, in canonical units; 件 is a 181.44 kg bale when the demand is for yarn.
  let quantity: UnderstoodDemand["quantity"];
  if (input.quantity && num(input.quantity.value) && typeof input.quantity.unit === "string") {
    quantity = toCanonical(input.quantity.value, input.quantity.unit, "quantity") ?? { value: input.quantity.value, unit: input.quantity.unit };
    sources.quantity = "structured";
  } else if (qty.quantity) {
    const yarn = chainLink === "spinning" || products.includes("yarn");
    const { value } = qty.quantity;
    let { unit } = qty.quantity;
    if (unit === "piece_or_bale") unit = yarn ? "yarn_bale" : "pcs";
    quantity = unit === "yarn_bale" ? (toCanonical(value, "yarn_bale", "quantity") ?? { value, unit }) : { value, unit };
    sources.quantity = "text";
  }

  let needBy: string | undefined;
  if (typeof input.needBy === "string" && input.needBy) {
    needBy = input.needBy;
    sources.needBy = "structured";
  } else if (date.needBy) {
    needBy = date.needBy;
    sources.needBy = "text";
  }

  const namedPlaces = uniqPlaces(places, opts.locale);
  let deliverTo: UnderstoodDemand["deliverTo"];
  const d = input.deliverTo;
  if (d && num(d.lat) && num(d.lng)) {
    deliverTo = { lat: d.lat, lng: d.lng, ...(d.cityAdcode ? { cityAdcode: d.cityAdcode } : {}) };
    sources.deliverTo = "structured";
  } else if (d?.cityAdcode && placeOf(d.cityAdcode)) {
    // A county adcode stays as given (formats §1 accepts one where a city is asked for).
    deliverTo = { ...placeOf(d.cityAdcode)!, cityAdcode: d.cityAdcode };
    sources.deliverTo = "structured";
  } else if (namedPlaces[0]?.adcode) {
    deliverTo = placeOf(namedPlaces[0].adcode);
    if (deliverTo) sources.deliverTo = "text";
  }

  const spec: UnderstoodSpec = { ...sh.spec };
  for (const key of ["yarnCountNe", "gsm", "widthCm"] as const) {
    const v = input.spec?.[key];
    if (num(v)) {
      spec[key] = v;
      sources[`spec.${key}`] = "structured";
    } else if (spec[key] !== undefined) sources[`spec.${key}`] = "text";
  }
  for (const key of ["plies", "blend", "denier", "filaments", "gauge"] as const) if (spec[key] !== undefined) sources[`spec.${key}`] = "text";

  let maxDistanceKm: number | undefined;
  if (num(input.maxDistanceKm)) {
    maxDistanceKm = input.maxDistanceKm;
    sources.maxDistanceKm = "structured";
  } else if (dist.maxDistanceKm !== undefined) {
    maxDistanceKm = dist.maxDistanceKm;
    sources.maxDistanceKm = "text";
  }

  return {
    ...(chainLink ? { chainLink } : {}),
    processes,
    products,
    fibers,
    requiredCertifications,
    softCertifications,
    ...(quantity ? { quantity } : {}),
    ...(needBy ? { needBy } : {}),
    ...(deliverTo ? { deliverTo } : {}),
    namedPlaces,
    spec,
    ...(maxDistanceKm !== undefined ? { maxDistanceKm } : {}),
    terms: uniq([...sh.codes, ...seg.terms]),
    sources,
  };
}

function uniqPlaces(places: PlaceRef[], locale: UnderstandOptions["locale"]): NamedPlace[] {
  const seen = new Set<string>();
  const out: NamedPlace[] = [];
  for (const p of places) {
    const key = p.adcode ?? p.name;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = p.adcode ? (getCity(p.adcode) ?? getCounty(p.adcode)) : undefined;
    const name = locale === "en" && entry ? localName(entry, "en") : p.name;
    out.push({ ...p, name });
  }
  return out;
}

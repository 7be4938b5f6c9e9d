/**
 * Typed, pure accessors over the vendored taxonomy. No I/O beyond the JSON import, so this module is
 * safe in client components, server code, the CLI and tests alike.
 */
import data from "./taxonomy.json" with { type: "json" };
import type {
  Certification,
  ChainLink,
  County,
  Fiber,
  HsChapter,
  LatLng,
  Locale,
  Named,
  Process,
  Product,
  Province,
  SafetyClass,
  ShandongCity,
  SmeLevel,
  Taxonomy,
} from "./types";

export type * from "./types";

// Assigning (not casting) makes tsc check the JSON against the declared shapes.
export const taxonomy: Taxonomy = data;

export const SHANDONG_ADCODE = "370000";

type NonEmpty = [string, ...string[]];

function nonEmpty(values: string[], what: string): NonEmpty {
  const [first, ...rest] = values;
  if (first === undefined) throw new Error(`taxonomy: no ${what}`);
  return [first, ...rest];
}

function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

// ---- Names -------------------------------------------------------------------------------------

/** zh for "zh-CN"; for "en" the English name, else the scheme's own name, else the Chinese name. */
export function localName(entry: Named, locale: Locale): string {
  if (locale === "zh-CN") return entry.zh;
  return entry.en ?? entry.name ?? entry.zh;
}

function nameKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

interface Searchable extends Named {
  id: string;
  aliases?: string[];
}

/**
 * Finds an entry by id, Chinese name, English name or alias (width-, case- and space-insensitive).
 * Exact names win over aliases because some aliases repeat another entry's name (被芯 is both the
 * duvets product and a bedding alias).
 */
export function findByName<T extends Searchable>(entries: readonly T[], text: string): T | undefined {
  const key = nameKey(text);
  if (key === "") return undefined;
  const byName = entries.find((e) => [e.id, e.zh, e.en, e.name].some((n) => n !== undefined && nameKey(n) === key));
  return byName ?? entries.find((e) => e.aliases?.some((a) => nameKey(a) === key));
}

// ---- Chain links and processes -----------------------------------------------------------------

export const chainLinks: ChainLink[] = [...taxonomy.chainLinks].sort((a, b) => a.order - b.order);
export const chainLinkIds = nonEmpty(chainLinks.map((c) => c.id), "chain links");
const chainLinkById = indexBy(chainLinks, (c) => c.id);

export function getChainLink(id: string): ChainLink | undefined {
  return chainLinkById.get(id);
}

/** Processes of a chain link, or [] for an unknown id. */
export function processesOf(chainLinkId: string): Process[] {
  return chainLinkById.get(chainLinkId)?.processes ?? [];
}

export interface ProcessWithLink {
  process: Process;
  chainLink: ChainLink;
}

const processById = new Map<string, ProcessWithLink>(
  chainLinks.flatMap((chainLink) => chainLink.processes.map((process) => [process.id, { process, chainLink }] as const)),
);
export const processes: Process[] = [...processById.values()].map((p) => p.process);
export const processIds = nonEmpty([...processById.keys()], "processes");

export function getProcess(id: string): ProcessWithLink | undefined {
  return processById.get(id);
}

/** Every process id that `id` implies, transitively, excluding itself (ODM → full package, CMT, sewing). */
export function impliedProcesses(id: string): string[] {
  const seen = new Set<string>([id]);
  const queue = [...(processById.get(id)?.process.implies ?? [])];
  const out: string[] = [];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    queue.push(...(processById.get(next)?.process.implies ?? []));
  }
  return out;
}

/** Whether a firm offering `offeredId` can take work that asks for `requiredId`. */
export function processCovers(offeredId: string, requiredId: string): boolean {
  return offeredId === requiredId || impliedProcesses(offeredId).includes(requiredId);
}

// ---- Fibres ------------------------------------------------------------------------------------

export const fibers: Fiber[] = taxonomy.fibers;
export const fiberIds = nonEmpty(fibers.map((f) => f.id), "fibres");
const fiberById = indexBy(fibers, (f) => f.id);

export function getFiber(id: string): Fiber | undefined {
  return fiberById.get(id);
}

/** Ancestors nearest first (organic_cotton → [cotton]); [] for roots and unknown ids. */
export function fiberAncestors(id: string): Fiber[] {
  const out: Fiber[] = [];
  const seen = new Set([id]);
  for (let parentId = fiberById.get(id)?.parent; parentId !== undefined; ) {
    const parent = fiberById.get(parentId);
    // A missing or cyclic parent would be a data error; stop rather than loop.
    if (!parent || seen.has(parentId)) break;
    seen.add(parentId);
    out.push(parent);
    parentId = parent.parent;
  }
  return out;
}

/** True when `id` is `ancestorId` or descends from it (recycled_polyester is-a polyester). */
export function fiberIsA(id: string, ancestorId: string): boolean {
  if (!fiberById.has(id)) return false;
  return id === ancestorId || fiberAncestors(id).some((f) => f.id === ancestorId);
}

// ---- Certifications, products, standards -------------------------------------------------------

export const certificationSchemes: Certification[] = taxonomy.certifications;
export const certificationIds = nonEmpty(certificationSchemes.map((c) => c.id), "certifications");
const certificationById = indexBy(certificationSchemes, (c) => c.id);

export function getCertification(id: string): Certification | undefined {
  return certificationById.get(id);
}

export const products: Product[] = taxonomy.products;
export const productIds = nonEmpty(products.map((p) => p.id), "products");
const productById = indexBy(products, (p) => p.id);

export function getProduct(id: string): Product | undefined {
  return productById.get(id);
}

export const chineseStandards = taxonomy.chineseStandards;
export const specNotation = taxonomy.specNotation;
export const hsChapters: HsChapter[] = taxonomy.hsChapters;
export const productionCalendar = taxonomy.productionCalendar;
export const units = taxonomy.units;

export const safetyClasses: SafetyClass[] = taxonomy.safetyClasses;
export const safetyClassIds = nonEmpty(safetyClasses.map((s) => s.id), "safety classes");

export function getSafetyClass(id: string): SafetyClass | undefined {
  return safetyClasses.find((s) => s.id === id);
}

// ---- SME levels --------------------------------------------------------------------------------

// The taxonomy names SME levels in Chinese only; these are the usual official English renderings,
// used only where the JSON has no `en` of its own.
const SME_LEVEL_EN: Record<string, string> = {
  innovative_sme: "Innovative SME",
  provincial_specialized: "Provincial specialised and sophisticated SME",
  little_giant: "National specialised and sophisticated “Little Giant” enterprise",
  single_champion: "Manufacturing single champion enterprise",
};

export const smeLevels: SmeLevel[] = taxonomy.smeLevels.map((l) => ({ ...l, en: l.en ?? SME_LEVEL_EN[l.id] }));
export const smeLevelIds = nonEmpty(smeLevels.map((l) => l.id), "SME levels");
const smeLevelSet = new Set<string>(smeLevelIds);

export function isSmeLevel(id: unknown): id is string {
  return typeof id === "string" && smeLevelSet.has(id);
}

export function getSmeLevel(id: string): SmeLevel | undefined {
  return smeLevels.find((l) => l.id === id);
}

// ---- Geography ---------------------------------------------------------------------------------

export const provinces: Province[] = taxonomy.provinces;
export const provinceAdcodes = nonEmpty(provinces.map((p) => p.adcode), "provinces");
const provinceByAdcode = indexBy(provinces, (p) => p.adcode);

export function getProvince(adcode: string): Province | undefined {
  return provinceByAdcode.get(adcode);
}

export const shandong = taxonomy.shandong;
export const shandongCities: ShandongCity[] = taxonomy.shandong.cities;
export const shandongCityAdcodes = nonEmpty(shandongCities.map((c) => c.adcode), "Shandong cities");
const cityByAdcode = indexBy(shandongCities, (c) => c.adcode);

/** A Shandong prefecture-level city; the taxonomy lists no cities elsewhere. */
export function getCity(adcode: string): ShandongCity | undefined {
  return cityByAdcode.get(adcode);
}

export const counties: County[] = taxonomy.shandong.counties;
export const countyAdcodes = nonEmpty(counties.map((c) => c.adcode), "counties");
const countyByAdcode = indexBy(counties, (c) => c.adcode);

/** The textile counties the taxonomy lists for a city (not every county in it). */
export function countiesOf(cityAdcode: string): County[] {
  return counties.filter((c) => c.cityAdcode === cityAdcode);
}

export function getCounty(adcode: string): County | undefined {
  return countyByAdcode.get(adcode);
}

/**
 * Map pin for a firm that gave no coordinates: the county centre, else the city centre, else the
 * province centre. A city or county that does not belong to the given province/city is ignored, so
 * inconsistent input falls back to the coarser level instead of pinning the wrong place.
 * Returns null only for an unknown province.
 */
export function defaultCoordinates(place: { provinceAdcode: string; cityAdcode?: string; countyAdcode?: string }): LatLng | null {
  const province = getProvince(place.provinceAdcode);
  if (!province) return null;
  const prefix = place.provinceAdcode.slice(0, 2);
  const city = place.cityAdcode ? getCity(place.cityAdcode) : undefined;
  const cityOk = city !== undefined && city.adcode.startsWith(prefix);
  const county = place.countyAdcode ? getCounty(place.countyAdcode) : undefined;
  const countyOk =
    county !== undefined && county.adcode.startsWith(prefix) && (place.cityAdcode === undefined || county.cityAdcode === place.cityAdcode);
  const best = countyOk ? county : cityOk ? city : province;
  return { lat: best.lat, lng: best.lng };
}

/** Inclusive test against Shandong's rough bounding box (also catches swapped lat/lng). */
export function inShandongBbox(lat: number, lng: number): boolean {
  const b = taxonomy.shandong.bbox;
  return lat >= b.latMin && lat <= b.latMax && lng >= b.lngMin && lng <= b.lngMax;
}

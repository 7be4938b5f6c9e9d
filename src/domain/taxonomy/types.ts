/**
 * Shapes of taxonomy.json (version 2). Ids are plain strings rather than literal unions because the
 * JSON is the single source of truth; the id lists exported from ./index are what zod enums use.
 */

export type Locale = "zh-CN" | "en";

export interface LatLng {
  lat: number;
  lng: number;
}

/** Anything with a Chinese name and, usually, an English one (certifications carry `name` instead). */
export interface Named {
  zh: string;
  en?: string;
  name?: string;
}

export interface RateUnit {
  id: string;
  zh: string;
  en: string;
  /** The quantity unit this rate counts per month, e.g. t_per_month → t. */
  quantityUnit: string;
}

export interface QuantityUnit {
  id: string;
  zh: string;
  en: string;
}

/** A trade spelling that converts to a canonical unit: value_in_canonical = value × factor. */
export interface UnitAlias {
  id: string;
  zh: string;
  to: string;
  factor: number;
}

export interface EquipmentUnit {
  id: string;
  zh: string;
  en: string;
}

/** 1 `from` = factor × `to`, between canonical quantity units. */
export interface UnitEquivalence {
  from: string;
  to: string;
  factor: number;
}

export interface Units {
  rates: RateUnit[];
  quantities: QuantityUnit[];
  aliases: UnitAlias[];
  equipment: EquipmentUnit[];
  note: string;
  equivalences: UnitEquivalence[];
}

export interface Process {
  id: string;
  zh: string;
  en: string;
  aliases: string[];
  /** Rate unit ids (units.rates) that capacity for this process is quoted in. */
  capacityUnits: string[];
  /** Equipment unit ids (units.equipment) that size a plant for this process. */
  equipmentUnits: string[];
  /** Process ids this one also covers (see taxonomy.processImplication). */
  implies?: string[];
}

export interface ChainLink {
  id: string;
  zh: string;
  en: string;
  order: number;
  /** HS chapters ("50"…"63", or "84" for machinery, which has no entry in hsChapters). */
  hsChapters: string[];
  processes: Process[];
}

export interface Fiber {
  id: string;
  zh: string;
  en: string;
  aliases: string[];
  parent?: string;
}

export interface Certification {
  id: string;
  /** The scheme's own (usually English) name; there is no `en` field. */
  name: string;
  zh: string;
  owner: string | null;
  type: string;
  certifies: string;
  chainLinks: string[];
}

export interface ChineseStandard {
  code: string;
  zh: string;
  en: string;
  mandatory: boolean;
  summary: string;
}

export interface YarnCountSystem {
  system: string;
  zh: string;
  definition: string;
  example: string;
  conversion: string;
}

export interface SpecNotation {
  yarnCount: YarnCountSystem[];
  yarnCodeExamples: { code: string; meaning: string }[];
  fabricSpec: {
    gsm: string;
    width: string;
    density: string;
    wovenNotationExample: string;
    knitNotationExample: string;
    sweaterGauge: string;
  };
  blendNotation: string;
  gauge: string;
  ply: string;
  momme: string;
}

export interface HsChapter {
  chapter: string;
  zh: string;
  en: string;
  section: string;
  chainLinks: string[];
}

export interface LocalCluster extends LatLng {
  zh: string;
  en: string;
  /** "cluster", "market" or "cluster+market". */
  kind: string;
  /** Free text such as "county", "district", "district (approx.)". */
  coordPrecision: string;
}

export interface ShandongCity extends LatLng {
  adcode: string;
  zh: string;
  en: string;
  chainLinks: string[];
  specialties: { zh: string; en: string }[];
  localClusters: LocalCluster[];
}

export interface Market {
  zh: string;
  en: string;
  cityAdcode: string;
}

export interface County extends LatLng {
  adcode: string;
  zh: string;
  en: string;
  cityAdcode: string;
  /** Product ids (taxonomy.products). */
  products: string[];
  note: string;
}

export interface BoundingBox {
  latMin: number;
  latMax: number;
  lngMin: number;
  lngMax: number;
}

export interface Shandong {
  cities: ShandongCity[];
  policyClusters: string[];
  markets: Market[];
  /** Only the textile counties of note, not every county in the province. */
  counties: County[];
  bbox: BoundingBox;
}

export interface Product {
  id: string;
  zh: string;
  en: string;
  chainLinks: string[];
  aliases: string[];
}

export interface SafetyClass {
  id: string;
  zh: string;
  en: string;
}

/** The taxonomy gives SME levels in Chinese only; ./index fills `en` where it is missing. */
export interface SmeLevel {
  id: string;
  zh: string;
  en?: string;
}

export interface Province extends LatLng {
  adcode: string;
  zh: string;
  en: string;
  capital: string;
}

export interface ProductionCalendar {
  note: string;
  /** Gregorian year → ISO date of the lunar new year. */
  lunarNewYear: Record<string, string>;
  shutdownDaysBefore: number;
  shutdownDaysAfter: number;
  timeZone: string;
}

export interface Taxonomy {
  about: string;
  version: number;
  units: Units;
  chainLinks: ChainLink[];
  fibers: Fiber[];
  certifications: Certification[];
  chineseStandards: ChineseStandard[];
  specNotation: SpecNotation;
  hsChapters: HsChapter[];
  shandong: Shandong;
  products: Product[];
  safetyClasses: SafetyClass[];
  smeLevels: SmeLevel[];
  provinces: Province[];
  productionCalendar: ProductionCalendar;
  processImplication: string;
}

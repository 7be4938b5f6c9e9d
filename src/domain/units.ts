/**
 * Capacity and quantity units. Everything is stored in a canonical unit (t_per_month, m, pcs…) so
 * that firms quoting 万米/年, 吨/天 or 件(纱线) can be compared; the unit the user typed is kept
 * alongside so it can be shown back with fromCanonical.
 *
 * Resolution order for a unit text: exact id / zh / en / alias, then a 万 (×10 000) prefix, then
 * "<quantity>/<period>" composed from the taxonomy (so 件(纱线)/月 and 万吨/月 work without their
 * own alias). Per-day factors come from the taxonomy's own per-day aliases: 30 days for continuous
 * mills (t, m), 26 working days for sewing (pcs); other quantities have no per-day conversion.
 */
import { taxonomy } from "./taxonomy";
import type { EquipmentUnit, Locale, QuantityUnit, RateUnit } from "./taxonomy/types";

export type UnitKind = "rate" | "quantity";

export interface ParsedUnit {
  /** Canonical unit id: a units.rates id (kind "rate") or a units.quantities id (kind "quantity"). */
  canonical: string;
  /** value_in_canonical = value_in_entered_unit × factor. */
  factor: number;
  kind: UnitKind;
}

const { rates, quantities, aliases, equipment, equivalences } = taxonomy.units;

export const rateUnits: RateUnit[] = rates;
export const quantityUnits: QuantityUnit[] = quantities;
export const equipmentUnits: EquipmentUnit[] = equipment;
export const rateUnitIds = rates.map((r) => r.id) as [string, ...string[]];
export const quantityUnitIds = quantities.map((q) => q.id) as [string, ...string[]];
export const equipmentUnitIds = equipment.map((e) => e.id) as [string, ...string[]];

const rateById = new Map(rates.map((r) => [r.id, r]));
const quantityById = new Map(quantities.map((q) => [q.id, q]));
const rateByQuantity = new Map(rates.map((r) => [r.quantityUnit, r]));

// Everyday spellings the taxonomy does not list; applied to the whole text before lookup.
const SYNONYMS: [RegExp, string][] = [
  [/每/g, "/"],
  [/日/g, "天"],
  [/千克/g, "公斤"],
  [/平米/g, "平方米"],
  [/个月/g, "月"],
];

/** Width-, space- and case-insensitive key; NFKC also folds ㎡ and m² to m2, （） to (). */
function unitKey(text: string): string {
  let key = text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  for (const [pattern, replacement] of SYNONYMS) key = key.replace(pattern, replacement);
  return key;
}

function kindOf(canonical: string): UnitKind {
  return rateById.has(canonical) ? "rate" : "quantity";
}

const direct = new Map<string, ParsedUnit>();
function register(names: (string | undefined)[], canonical: string, factor: number): void {
  for (const name of names) {
    // First registration wins; tests assert the taxonomy has no conflicting spellings.
    if (name !== undefined && !direct.has(unitKey(name))) direct.set(unitKey(name), { canonical, factor, kind: kindOf(canonical) });
  }
}
for (const u of [...rates, ...quantities]) register([u.id, u.zh, u.en], u.id, 1);
for (const a of aliases) register([a.id, a.zh], a.to, a.factor);
// In a quantity or rate, a bare 台 counts machines produced, i.e. the 台(套) unit.
const machinesQuantity = quantities.find((q) => q.zh === "台(套)");
if (machinesQuantity) register(["台"], machinesQuantity.id, 1);

const WAN = 10_000;
const MONTH: ReadonlySet<string> = new Set(["月", "month", "mo"]);
const YEAR: ReadonlySet<string> = new Set(["年", "year", "yr"]);
const DAY: ReadonlySet<string> = new Set(["天", "day", "d"]);

function withWan(key: string): ParsedUnit | undefined {
  const hit = direct.get(key);
  if (hit) return hit;
  if (key.startsWith("万") && key.length > 1) {
    const rest = direct.get(key.slice(1));
    if (rest) return { ...rest, factor: rest.factor * WAN };
  }
  return undefined;
}

// Days per month by rate, derived from aliases like 吨/天 → t_per_month ×30.
const daysPerMonth = new Map<string, number>();
for (const a of aliases) {
  const [numerator, period] = unitKey(a.zh).split("/");
  const q = numerator === undefined ? undefined : withWan(numerator);
  if (period === "天" && q?.kind === "quantity" && rateByQuantity.get(q.canonical)?.id === a.to) {
    daysPerMonth.set(a.to, a.factor / q.factor);
  }
}

function compose(key: string): ParsedUnit | undefined {
  const slash = key.lastIndexOf("/");
  if (slash <= 0) return undefined;
  const quantity = withWan(key.slice(0, slash));
  if (quantity?.kind !== "quantity") return undefined;
  const rate = rateByQuantity.get(quantity.canonical);
  if (!rate) return undefined;
  const period = key.slice(slash + 1);
  const perMonth = MONTH.has(period) ? 1 : YEAR.has(period) ? 1 / 12 : DAY.has(period) ? daysPerMonth.get(rate.id) : undefined;
  return perMonth === undefined ? undefined : { canonical: rate.id, factor: quantity.factor * perMonth, kind: "rate" };
}

/**
 * Resolves a unit as typed (吨/年, 万米／月, ｋｇ, 件(纱线), t_per_month, "tonnes per month") to its
 * canonical unit and factor, or null. `expect` restricts the result to rates or quantities.
 * Note 件 alone is pieces; the yarn trade's 181.44 kg bale must be written 件(纱线).
 */
export function parseUnit(text: string, expect?: UnitKind): ParsedUnit | null {
  const key = unitKey(text);
  if (key === "") return null;
  const hit = withWan(key) ?? compose(key);
  if (!hit || (expect && hit.kind !== expect)) return null;
  return { ...hit };
}

// Factors like 1/12 leave float noise (0.54431999…); 12 significant digits is far beyond any
// capacity figure's precision and gives back the numbers people expect.
function tidy(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

/** A value in the unit the user entered → the canonical value and unit id, or null if unknown. */
export function toCanonical(value: number, unitText: string, expect?: UnitKind): { value: number; unit: string } | null {
  const unit = parseUnit(unitText, expect);
  return unit ? { value: tidy(value * unit.factor), unit: unit.canonical } : null;
}

/** A canonical value → the same amount in the unit the user entered (for showing it back), or null. */
export function fromCanonical(value: number, unitText: string, expect?: UnitKind): number | null {
  const unit = parseUnit(unitText, expect);
  return unit ? tidy(value / unit.factor) : null;
}

function quantityFactor(from: string, to: string): number | undefined {
  if (from === to) return 1;
  for (const e of equivalences) {
    if (e.from === from && e.to === to) return e.factor;
    if (e.from === to && e.to === from) return 1 / e.factor;
  }
  return undefined;
}

/**
 * Converts between two canonical units using the taxonomy's equivalences (1 dozen pairs = 12
 * pairs), for rates as well as quantities. Null when the units measure different things.
 */
export function convertCanonical(value: number, fromUnit: string, toUnit: string): number | null {
  const fromRate = rateById.get(fromUnit);
  const toRate = rateById.get(toUnit);
  let factor: number | undefined;
  if (fromRate && toRate) factor = quantityFactor(fromRate.quantityUnit, toRate.quantityUnit);
  else if (quantityById.has(fromUnit) && quantityById.has(toUnit)) factor = quantityFactor(fromUnit, toUnit);
  return factor === undefined ? null : tidy(value * factor);
}

/** The quantity a rate counts (t_per_month → t). */
export function quantityUnitOf(rateId: string): string | undefined {
  return rateById.get(rateId)?.quantityUnit;
}

const equipmentByKey = new Map<string, EquipmentUnit>();
for (const e of equipment) for (const name of [e.id, e.zh, e.en]) equipmentByKey.set(unitKey(name), e);

/**
 * Equipment counts (锭, 头, 台织机, 台, 条生产线, 缸, 人), with a 万 prefix for the trade's 万锭.
 * Separate from parseUnit because here 台 means machines installed, not machines produced.
 */
export function parseEquipmentUnit(text: string): { unit: string; factor: number } | null {
  const key = unitKey(text);
  const hit = equipmentByKey.get(key);
  if (hit) return { unit: hit.id, factor: 1 };
  const rest = key.startsWith("万") ? equipmentByKey.get(key.slice(1)) : undefined;
  return rest ? { unit: rest.id, factor: WAN } : null;
}

/** Display name of a canonical rate, quantity or equipment unit id. */
export function unitName(id: string, locale: Locale): string | undefined {
  const unit = rateById.get(id) ?? quantityById.get(id) ?? equipment.find((e) => e.id === id);
  if (!unit) return undefined;
  return locale === "zh-CN" ? unit.zh : unit.en;
}

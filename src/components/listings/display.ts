import { getChainLink, getFiber, getProcess, getProduct, localName, type Locale } from "@/domain/taxonomy";
import { unitName } from "@/domain/units";

/** Taxonomy names for ids; an unknown id (an old import) is skipped, never shown raw. */
export const chainLinkName = (id: string, locale: Locale) => {
  const link = getChainLink(id);
  return link ? localName(link, locale) : id;
};
export const processNames = (ids: string[], locale: Locale) => ids.map((id) => getProcess(id)).filter((p) => p !== undefined).map((p) => localName(p.process, locale));
export const productNames = (ids: string[], locale: Locale) => ids.map(getProduct).filter((p) => p !== undefined).map((p) => localName(p, locale));
export const fiberNames = (ids: string[], locale: Locale) => ids.map(getFiber).filter((p) => p !== undefined).map((p) => localName(p, locale));

/** The listing's title for the reader: English when reading English and one was given. */
export const listingTitle = (l: { title: string; titleEn: string | null }, locale: Locale) => (locale === "en" && l.titleEn ? l.titleEn : l.title);

/** A value and the unit as the user typed it: "50 万米/月". */
export function typedAmount(value: number | null, unit: string | null, locale: Locale): string | null {
  if (value === null || !unit) return null;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value)} ${unit}`;
}

/** A canonical amount in the canonical unit's name: "500,000 米/月"; decimals only where they matter. */
export function canonicalAmount(value: number, unit: string, locale: Locale): string {
  const digits = Math.abs(value) >= 100 ? 0 : 2;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${unitName(unit, locale) ?? unit}`;
}

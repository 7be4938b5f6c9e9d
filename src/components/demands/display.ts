import { getCertification, getChainLink, getCity, getProcess, getSafetyClass, localName, type Locale } from "@/domain/taxonomy";
import { unitName } from "@/domain/units";

/** Taxonomy names for a demand's ids; unknown ids are skipped rather than shown raw. */
export function chainLinkName(id: string | null | undefined, locale: Locale): string | null {
  const link = id ? getChainLink(id) : undefined;
  return link ? localName(link, locale) : null;
}

export function processNames(ids: readonly string[], locale: Locale): string[] {
  return ids.flatMap((id) => {
    const p = getProcess(id);
    return p ? [localName(p.process, locale)] : [];
  });
}

export function certificationNames(ids: readonly string[], locale: Locale): string[] {
  return ids.flatMap((id) => {
    const c = getCertification(id);
    return c ? [localName(c, locale)] : [];
  });
}

export function cityName(adcode: string | null | undefined, locale: Locale): string | null {
  const city = adcode ? getCity(adcode) : undefined;
  return city ? localName(city, locale) : null;
}

export function safetyClassName(id: string | null | undefined, locale: Locale): string | null {
  const s = id ? getSafetyClass(id) : undefined;
  return s ? localName(s, locale) : null;
}

/** The quantity as the buyer typed it ("300 件(纱线)"), with the canonical amount when it differs. */
export function quantityText(
  d: { quantityInputValue: number | null; quantityInputUnit: string | null; quantityValue?: number | null; quantityUnit?: string | null },
  locale: Locale,
): string | null {
  if (d.quantityInputValue === null || !d.quantityInputUnit) return null;
  const typed = `${d.quantityInputValue.toLocaleString(locale)} ${d.quantityInputUnit}`;
  if (d.quantityValue === null || d.quantityValue === undefined || !d.quantityUnit) return typed;
  const canonical = `${d.quantityValue.toLocaleString(locale)} ${unitName(d.quantityUnit, locale) ?? d.quantityUnit}`;
  return canonical === typed || d.quantityValue === d.quantityInputValue ? typed : `${typed} (${canonical})`;
}

export const statusVariant = { open: "success", closed: "secondary", awarded: "default", expired: "warning" } as const;

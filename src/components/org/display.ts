import { getCity, getCounty, getProvince, getSmeLevel, localName, SHANDONG_ADCODE, type County, type Locale, type ShandongCity } from "@/domain/taxonomy";

export const SHANGHAI = "Asia/Shanghai";

/** The name a reader of `locale` expects first: the English name in English when the firm gave one. */
export function orgName(org: { nameZh: string; nameEn: string | null }, locale: Locale): string {
  return locale === "en" && org.nameEn ? org.nameEn : org.nameZh;
}

/** The other-language name, shown under the primary one, or null when there is none. */
export function orgAltName(org: { nameZh: string; nameEn: string | null }, locale: Locale): string | null {
  if (locale === "en") return org.nameEn ? org.nameZh : null;
  return org.nameEn;
}

/**
 * A county's name when its city is named next to it: the taxonomy disambiguates common district
 * names ("市中区（枣庄）", "Shizhong, Zaozhuang"), which would repeat the city.
 */
export function countyName(county: County, city: ShandongCity | undefined, locale: Locale): string {
  const name = localName(county, locale);
  if (!city) return name;
  if (locale === "zh-CN") return name.replace(/（[^（）]*）$/, "");
  const suffix = `, ${localName(city, locale)}`;
  return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** County, city and province names from the taxonomy; unknown codes are skipped, never shown raw. */
export function placeName(
  org: { provinceAdcode: string; cityAdcode: string | null; countyAdcode: string | null },
  locale: Locale,
): string | null {
  const province = getProvince(org.provinceAdcode);
  const city = org.cityAdcode ? getCity(org.cityAdcode) : undefined;
  const county = org.countyAdcode ? getCounty(org.countyAdcode) : undefined;
  const parts = [county ? countyName(county, city, locale) : undefined, city && localName(city, locale), province && localName(province, locale)].filter(
    (p): p is string => p !== undefined,
  );
  if (parts.length === 0) return null;
  // Chinese reads from the largest unit down without separators; English from the smallest up.
  return locale === "zh-CN" ? parts.reverse().join("") : parts.join(", ");
}

export function isShandong(provinceAdcode: string): boolean {
  return provinceAdcode === SHANDONG_ADCODE;
}

export function smeLevelName(id: string | null, locale: Locale): string | null {
  if (!id) return null;
  const level = getSmeLevel(id);
  return level ? localName(level, locale) : null;
}

/** Today's date in China (YYYY-MM-DD), for comparing with date-only columns. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: SHANGHAI, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A date-only value (YYYY-MM-DD) as the instant it begins in China, so formatting never shifts the day. */
export function chinaDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+08:00`);
}

export const dateFormat = { year: "numeric", month: "long", day: "numeric", timeZone: SHANGHAI } as const;
export const dateTimeFormat = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: SHANGHAI } as const;

import { countiesOf, shandong, shandongCities, type County, type ShandongCity } from "@/domain/taxonomy";

/**
 * The taxonomy lists the province's named clusters as Chinese strings ("潍坊高密市 中国家纺名城").
 * Splitting them into a place and an honorary title lets the page show them in either language:
 * the place resolves to taxonomy cities and counties, the title to a message key.
 */
export interface PolicyCluster {
  raw: string;
  city: ShandongCity | undefined;
  county: County | undefined;
  /** the Chinese place text, used when it matches nothing in the taxonomy */
  place: string;
  titleZh: string;
  /** key under taxonomy.policyTitles, or null for a title the messages do not know */
  titleKey: string | null;
}

const TITLE_KEYS: Record<string, string> = {
  中国纺织产业基地市: "textileBaseCity",
  中国纺织产业基地: "textileBase",
  中国童装名城: "childrenswearCity",
  中国毛衫名城: "sweaterCity",
  中国家纺名城: "homeTextilesCity",
  中国针织服装名城: "knitwearCity",
  中国绳网名城: "ropesNetsCity",
  中国棉纺织名城: "cottonTextilesCity",
  中国手套名城: "glovesCity",
};

export function policyTitleKey(titleZh: string): string | null {
  return TITLE_KEYS[titleZh] ?? null;
}

function parse(raw: string): PolicyCluster {
  const [place = raw, ...rest] = raw.trim().split(/\s+/);
  const titleZh = rest.join(" ");
  // "青岛市即墨区", "烟台海阳市": the city is named with or without its 市.
  const city = shandongCities.find((c) => place.startsWith(c.zh) || place.startsWith(c.zh.replace(/市$/, "")));
  const remainder = city ? place.slice(place.startsWith(city.zh) ? city.zh.length : city.zh.length - 1) : "";
  // "市中区" matches the taxonomy's "市中区（枣庄）", which disambiguates a common district name.
  const county = city && remainder ? countiesOf(city.adcode).find((c) => c.zh === remainder || c.zh.startsWith(`${remainder}（`)) : undefined;
  return { raw, city, county, place, titleZh, titleKey: policyTitleKey(titleZh) };
}

export const policyClusters: PolicyCluster[] = shandong.policyClusters.map(parse);

export function policyClustersOf(cityAdcode: string): PolicyCluster[] {
  return policyClusters.filter((p) => p.city?.adcode === cityAdcode);
}

import { counties, getCity, getCounty, shandongCities } from "@/domain/taxonomy";

/** Great-circle distance in km (haversine, mean Earth radius). */
export function greatCircleKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371.0088;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Centre of a Shandong city or county adcode from the taxonomy. */
export function adcodeCentre(adcode: string): { lat: number; lng: number; cityAdcode: string } | null {
  const county = getCounty(adcode);
  if (county) return { lat: county.lat, lng: county.lng, cityAdcode: county.cityAdcode };
  const city = getCity(adcode);
  if (city) return { lat: city.lat, lng: city.lng, cityAdcode: city.adcode };
  return null;
}

export interface PlaceName {
  kind: "city" | "county";
  adcode: string;
  cityAdcode: string;
  names: string[];
  lat: number;
  lng: number;
}

function shortName(zh: string): string {
  const s = zh.replace(/(市|区|县)$/, "");
  return s.length >= 2 ? s : zh;
}

const allPlaces: PlaceName[] = [
  ...shandongCities.map((c) => ({ kind: "city" as const, adcode: c.adcode, cityAdcode: c.adcode, names: [c.zh, shortName(c.zh), c.en], lat: c.lat, lng: c.lng })),
  ...counties.map((c) => ({ kind: "county" as const, adcode: c.adcode, cityAdcode: c.cityAdcode, names: [c.zh, shortName(c.zh), c.en], lat: c.lat, lng: c.lng })),
];
// A name two places share (市中区 in Jinan and Zaozhuang) names neither.
const nameCount = new Map<string, number>();
for (const p of allPlaces) for (const n of new Set(p.names)) nameCount.set(n, (nameCount.get(n) ?? 0) + 1);

/** City and county names (full and without 市/区/县, English) for finding places in text. */
export const placeNames: PlaceName[] = allPlaces.map((p) => ({ ...p, names: [...new Set(p.names)].filter((n) => n && nameCount.get(n) === 1) }));

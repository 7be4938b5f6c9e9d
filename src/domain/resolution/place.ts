/**
 * Where a facility list row says it is (country, province, and in Shandong the city and textile
 * county, from the address and, failing that, the firm name), and whether its coordinates agree.
 * Coordinates that contradict the stated place are flagged and not trusted: the lists place a
 * Rushan (Shandong) factory in Qinghai and many Chinese rows at the country's centroid.
 */
import { greatCircleKm } from "../matching/geo";
import { getCity, getCounty, getProvince, inShandongBbox, SHANDONG_ADCODE } from "../taxonomy";
import {
  CHINA_CENTROID,
  CITY_RADIUS_KM,
  COUNTRY_PROVINCE,
  COUNTY_RADIUS_KM,
  POSTCODE_PROVINCE,
  PROVINCE_RADIUS_KM,
} from "./gazetteer";
import { letters, STREET_WORDS, ZH_PLACES, type PlaceEntry } from "./lexicon";
import { fold, normaliseAddress, placeAt, words } from "./normalise";

export const COORD_FLAGS = ["coords_missing", "coords_country_centroid", "coords_outside_province", "coords_outside_city"] as const;
export type CoordFlag = (typeof COORD_FLAGS)[number];

export interface StatedPlace {
  /** True for the provinces the taxonomy lists (mainland China, Taiwan, Hong Kong, Macao). */
  inChina: boolean;
  provinceAdcode: string | null;
  /** Shandong only: the taxonomy lists no cities or counties elsewhere. */
  cityAdcode: string | null;
  countyAdcode: string | null;
  /** Where the province came from. */
  via: "country" | "address" | "postcode" | "name" | null;
}

/** Place mentions in a text, in reading order; street names ("Jinan Road") are not places. */
function mentions(text: string): PlaceEntry[] {
  const found: PlaceEntry[] = [];
  const folded = fold(text);
  if (/\p{Script=Han}/u.test(folded)) {
    const s = folded.replace(/\s+/g, "");
    for (let i = 0; i < s.length; ) {
      const hit = ZH_PLACES.find(({ name }) => s.startsWith(name, i));
      if (hit && !/^[路街道巷]/.test(s.slice(i + hit.name.length).replace(/^[省市区县]/, ""))) {
        found.push(hit.entry);
        i += hit.name.length;
      } else i++;
    }
  }
  const tokens = words(text).filter((t) => !/\p{Script=Han}/u.test(t));
  for (let i = 0; i < tokens.length; ) {
    const m = placeAt(tokens, i);
    if (m && !STREET_WORDS.has(tokens[i + m.length] ?? "")) {
      found.push(m.entry);
      i += m.length;
    } else i++;
  }
  return found;
}

/**
 * The province and Shandong city/county among place mentions. English addresses run from the
 * street to the province, so the last province named wins; a Chinese one starts with it.
 */
function pick(found: PlaceEntry[], han: boolean, province: string | null): Omit<StatedPlace, "inChina" | "via"> {
  const ordered = (han ? found : [...found].reverse()).filter((e) => e.provinceAdcode !== "");
  const prov = province ?? ordered.find((e) => e.kind === "province")?.provinceAdcode ?? ordered.find((e) => e.kind !== "province")?.provinceAdcode ?? null;
  if (prov !== SHANDONG_ADCODE) return { provinceAdcode: prov, cityAdcode: null, countyAdcode: null };
  const county = ordered.find((e) => e.kind === "county");
  const city = county ? null : ordered.find((e) => e.kind === "city");
  return { provinceAdcode: prov, cityAdcode: county?.cityAdcode ?? city?.cityAdcode ?? null, countyAdcode: county?.countyAdcode ?? null };
}

/** Reads the place a row states: country, then the address, its postcode, then the firm's name. */
export function statedPlace(country: string, address: string, name = ""): StatedPlace {
  const key = letters(country) || fold(country).trim();
  if (!Object.hasOwn(COUNTRY_PROVINCE, key)) return { inChina: false, provinceAdcode: null, cityAdcode: null, countyAdcode: null, via: null };
  const fixed = COUNTRY_PROVINCE[key] ?? null;
  const han = /\p{Script=Han}/u.test(address);
  const inAddress = mentions(address);
  let place = pick(inAddress, han, fixed);
  let via: StatedPlace["via"] = fixed ? "country" : place.provinceAdcode ? "address" : null;
  if (!place.provinceAdcode) {
    const postcode = normaliseAddress(address).postcodes.map((p) => POSTCODE_PROVINCE[p.slice(0, 2)]).find(Boolean);
    if (postcode) {
      place = pick(inAddress, han, postcode);
      via = "postcode";
    }
  }
  if (!place.provinceAdcode || (place.provinceAdcode === SHANDONG_ADCODE && !place.cityAdcode)) {
    // The name often carries the place ("Zhucheng Hengwei Clothing", "Yantai Aucan Footwear").
    const fromName = pick(mentions(name), /\p{Script=Han}/u.test(name), place.provinceAdcode);
    if (fromName.provinceAdcode) {
      via ??= "name";
      place = fromName;
    }
  }
  return { inChina: true, ...place, via };
}

export interface CoordinateCheck {
  /** The coordinates when they can be believed, else null. */
  point: { lat: number; lng: number } | null;
  flags: CoordFlag[];
  /** Kilometres from the stated county/city centre (Shandong) when that was checked. */
  distanceKm: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Whether coordinates fall inside the stated place: the taxonomy's Shandong bounding box, then the
 * stated county (50 km) or city (120 km) centre; elsewhere a coarse radius around the province.
 */
export function checkCoordinates(place: Pick<StatedPlace, "provinceAdcode" | "cityAdcode" | "countyAdcode">, lat: number | null, lng: number | null): CoordinateCheck {
  if (lat === null || lng === null) return { point: null, flags: ["coords_missing"], distanceKm: null };
  const point = { lat, lng };
  if (greatCircleKm(point, CHINA_CENTROID) <= 5) return { point: null, flags: ["coords_country_centroid"], distanceKm: null };
  const province = place.provinceAdcode ? getProvince(place.provinceAdcode) : undefined;
  if (!province) return { point, flags: [], distanceKm: null };
  if (province.adcode === SHANDONG_ADCODE) {
    if (!inShandongBbox(lat, lng)) return { point: null, flags: ["coords_outside_province"], distanceKm: null };
    const county = place.countyAdcode ? getCounty(place.countyAdcode) : undefined;
    const city = place.cityAdcode ? getCity(place.cityAdcode) : undefined;
    const centre = county ?? city;
    if (!centre) return { point, flags: [], distanceKm: null };
    const d = greatCircleKm(point, centre);
    const radius = county ? COUNTY_RADIUS_KM : CITY_RADIUS_KM;
    return d > radius ? { point: null, flags: ["coords_outside_city"], distanceKm: round1(d) } : { point, flags: [], distanceKm: round1(d) };
  }
  const radius = PROVINCE_RADIUS_KM[province.adcode] ?? 600;
  return greatCircleKm(point, province) > radius ? { point: null, flags: ["coords_outside_province"], distanceKm: null } : { point, flags: [], distanceKm: null };
}

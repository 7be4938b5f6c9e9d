import "server-only";
import { getCity, getCounty } from "@/domain/taxonomy";
import type { ProfileKey } from "./profiles";
import type { Rng } from "./rng";

/**
 * Where the demo firms are: the taxonomy's clusters get most of them (Jimo children's wear, Haiyang
 * sweaters, Gaomi home textiles, Huimin ropes & nets, Dezhou geotextiles, Heze and Liaocheng cotton,
 * Linyi and Jining gloves, Zibo/Zouping/Binzhou spinning and weaving…), every city gets some.
 */
export interface Cluster {
  city: string;
  county?: string;
  /** Firms generated here, including anchors and the service centre. */
  n: number;
  anchors: number;
  /** Name of the cluster's service centre, when it has one ("家纺" → 高密市家纺产业集群服务中心). */
  service?: [zh: string, en: string];
  mix: [ProfileKey, number][];
}

export const clusters: Cluster[] = [
  { city: "370200", county: "370215", n: 48, anchors: 3, mix: [["childrenswear", 5], ["knit_apparel", 3], ["circular_knit", 2], ["dyeing", 1], ["printing", 1]] },
  { city: "370200", county: "370281", n: 12, anchors: 1, mix: [["knit_apparel", 3], ["circular_knit", 1], ["batik", 0.3]] },
  { city: "370200", n: 14, anchors: 2, mix: [["machinery_weaving", 3], ["machinery_knitting", 2], ["machinery_dyeing", 1], ["machinery_fibre", 1], ["machinery_sewing", 1], ["dyeing", 1]] },
  { city: "370600", county: "370687", n: 32, anchors: 2, service: ["毛衫", "Knitwear"], mix: [["sweater_knit", 4], ["sweater_garment", 3], ["wool_spinning", 1]] },
  { city: "370600", county: "370681", n: 8, anchors: 1, mix: [["wool_spinning", 2], ["woven_weaving", 1]] },
  { city: "370600", n: 8, anchors: 1, mix: [["hpf", 2], ["bedding", 1], ["knit_apparel", 1], ["polyester_fibre", 1]] },
  { city: "370700", county: "370785", n: 32, anchors: 2, service: ["家纺", "Home Textiles"], mix: [["towels", 3], ["bedding", 3], ["blankets", 1], ["terry_weaving", 1], ["cotton_spinning", 1], ["curtains", 1]] },
  { city: "370700", county: "370786", n: 20, anchors: 2, service: ["纺织", "Textile"], mix: [["woven_weaving", 3], ["dyeing", 2], ["printing", 1], ["functional_finishing", 1], ["cotton_spinning", 1]] },
  { city: "370700", county: "370782", n: 14, anchors: 1, mix: [["menswear", 3], ["workwear", 1]] },
  { city: "370700", county: "370725", n: 8, anchors: 0, mix: [["webbing", 2], ["ind_webbing", 1]] },
  { city: "370700", n: 8, anchors: 1, mix: [["nonwoven", 1], ["cotton_spinning", 1], ["carpets", 1], ["machinery_sewing", 1]] },
  { city: "371600", county: "371621", n: 32, anchors: 2, service: ["绳网", "Ropes & Nets"], mix: [["ropes", 3], ["nets", 3], ["ind_webbing", 1]] },
  { city: "371600", county: "371626", n: 24, anchors: 3, mix: [["cotton_spinning", 3], ["woven_weaving", 2], ["dyeing", 1], ["bedding", 1]] },
  { city: "371600", n: 12, anchors: 1, service: ["纺织", "Textile"], mix: [["towels", 1], ["bedding", 1], ["nonwoven", 1], ["dyeing", 1], ["melange", 1]] },
  { city: "371700", county: "371725", n: 18, anchors: 1, service: ["棉纺织", "Cotton Textile"], mix: [["cotton_spinning", 3], ["woven_weaving", 2], ["ginning", 1]] },
  { city: "371700", county: "371721", n: 12, anchors: 0, mix: [["hanfu", 4], ["womenswear", 1]] },
  { city: "371700", n: 8, anchors: 1, mix: [["cotton_spinning", 2], ["ginning", 1], ["woven_weaving", 1]] },
  { city: "371400", county: "371427", n: 18, anchors: 1, mix: [["cotton_spinning", 3], ["ginning", 1], ["melange", 1]] },
  { city: "371400", n: 20, anchors: 2, service: ["产业用纺织品", "Technical Textiles"], mix: [["geotextile", 4], ["nonwoven", 1], ["coated", 1], ["filtration", 1], ["cotton_spinning", 1]] },
  { city: "370800", county: "370829", n: 18, anchors: 1, service: ["手套", "Gloves"], mix: [["gloves", 1]] },
  { city: "370800", county: "370830", n: 10, anchors: 1, service: ["服装", "Apparel"], mix: [["casualwear", 3], ["knit_apparel", 1]] },
  { city: "370800", n: 4, anchors: 0, mix: [["gloves", 1], ["casualwear", 1]] },
  { city: "371300", county: "371326", n: 14, anchors: 1, mix: [["gloves", 1]] },
  { city: "371300", county: "371302", n: 18, anchors: 1, service: ["服装", "Apparel"], mix: [["menswear", 3], ["casualwear", 1], ["workwear", 1]] },
  { city: "371300", n: 6, anchors: 0, mix: [["gloves", 2], ["menswear", 1]] },
  { city: "370300", county: "370306", n: 10, anchors: 1, mix: [["woven_weaving", 2], ["yarn_dyed", 1], ["sewing_thread", 1]] },
  { city: "370300", county: "370302", n: 14, anchors: 1, service: ["纺织服装", "Textile & Apparel"], mix: [["woven_weaving", 2], ["yarn_dyed", 2], ["casualwear", 1]] },
  { city: "370300", n: 8, anchors: 1, mix: [["cotton_spinning", 1], ["dyeing", 1], ["melange", 1], ["polyester_fibre", 1]] },
  { city: "370100", county: "370105", n: 10, anchors: 0, mix: [["menswear", 1], ["womenswear", 2]] },
  { city: "370100", n: 8, anchors: 1, mix: [["cellulosic", 1], ["hpf", 1], ["womenswear", 1], ["machinery_spinning", 1]] },
  { city: "371500", county: "371581", n: 12, anchors: 1, mix: [["yarn_dyed", 3], ["cotton_spinning", 1]] },
  { city: "371500", n: 12, anchors: 1, mix: [["cotton_spinning", 2], ["batik", 1], ["woven_weaving", 1], ["yarn_dyeing", 1]] },
  { city: "371000", county: "371083", n: 8, anchors: 0, mix: [["knit_apparel", 2], ["circular_knit", 1]] },
  { city: "371000", n: 6, anchors: 1, mix: [["hpf", 1], ["menswear", 1], ["womenswear", 1], ["machinery_knitting", 1]] },
  { city: "370400", county: "370402", n: 14, anchors: 1, service: ["针织服装", "Knit Apparel"], mix: [["knit_apparel", 3], ["circular_knit", 1], ["hosiery", 1]] },
  { city: "370400", n: 4, anchors: 0, mix: [["woven_weaving", 1], ["circular_knit", 1]] },
  { city: "370900", n: 10, anchors: 1, mix: [["dyeing", 2], ["printing", 1], ["functional_finishing", 1], ["polyester_fibre", 1], ["recycled", 1], ["wool_tops", 1]] },
  { city: "370500", n: 8, anchors: 1, mix: [["nonwoven", 1], ["geotextile", 1], ["cotton_spinning", 1], ["industrial_yarn", 1], ["medical", 1]] },
  { city: "371100", n: 7, anchors: 0, mix: [["cotton_spinning", 1], ["casualwear", 1], ["knit_apparel", 1], ["medical", 1]] },
];

/** Telephone area codes, for the contact numbers (the local part is a fictional 0000xxxx). */
const AREA_CODES: Record<string, string> = {
  "370100": "0531", "370200": "0532", "370300": "0533", "370400": "0632", "370500": "0546", "370600": "0535",
  "370700": "0536", "370800": "0537", "370900": "0538", "371000": "0631", "371100": "0633", "371300": "0539",
  "371400": "0534", "371500": "0635", "371600": "0543", "371700": "0530",
};

export function demoPhone(rng: Rng, city: string): string {
  return `${AREA_CODES[city] ?? "0531"}-0000${String(rng.int(0, 9999)).padStart(4, "0")}`;
}

export interface Place {
  city: string;
  county: string | null;
  /** Name prefix as firms use it: 即墨, 高密, 德州… */
  prefixZh: string;
  prefixEn: string;
  lat: number;
  lng: number;
  address: string;
}

function stripZh(name: string): string {
  const base = name.replace(/（.*）$/, "");
  const short = base.replace(/(市|区|县)$/, "");
  return short.length >= 2 ? short : base; // 曹县 stays 曹县
}

const ROADS = ["工业园", "经济开发区", "高新区", "纺织工业园", "开发区"];
const STREETS = ["纺织路", "兴业路", "创业路", "工业一路", "工业二路", "泰山路", "黄河路", "长江路", "振兴路", "华山路", "民营路", "富民路", "实业路"];

/** A firm's place in a cluster: its county (or city) centre with a few kilometres of jitter. */
export function placeIn(rng: Rng, cluster: Cluster): Place {
  const city = getCity(cluster.city);
  if (!city) throw new Error(`seed: unknown city ${cluster.city}`);
  const county = cluster.county ? getCounty(cluster.county) : undefined;
  const centre = county ?? city;
  // About ±8 km around a county centre, ±15 km around a city centre, triangular so most sit close.
  const spread = county ? 0.07 : 0.13;
  const jitter = () => (rng() + rng() - 1) * spread;
  const countyZh = county ? county.zh.replace(/（.*）$/, "") : "";
  // Firms in a district usually carry the city's name (青岛), in a county-level city its own (即墨 is the exception).
  const usesCounty = county && (county.zh.endsWith("县") || county.zh.endsWith("市") || county.adcode === "370215" || county.adcode === "370306");
  const prefixZh = usesCounty ? stripZh(county.zh) : stripZh(city.zh);
  const prefixEn = usesCounty ? county.en.replace(/, .*$/, "") : city.en.replace("'", "");
  const address = `山东省${city.zh}${countyZh}${rng.pick(ROADS)}${rng.pick(STREETS)}${rng.int(1, 399)}号`;
  return { city: city.adcode, county: county?.adcode ?? null, prefixZh, prefixEn, lat: round(centre.lat + jitter()), lng: round(centre.lng + jitter() * 1.2), address };
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/** 高密市, 滨州市, 淄博市淄川区: a county-level city or county alone, a district with its city. */
export function placeFullName(cityAdcode: string, countyAdcode: string | null): string {
  const city = getCity(cityAdcode)!;
  const county = countyAdcode ? getCounty(countyAdcode) : undefined;
  if (!county) return city.zh;
  const zh = county.zh.replace(/（.*）$/, "");
  return zh.endsWith("区") ? city.zh + zh : zh;
}

/**
 * A dictionary of every taxonomy name and alias (chain links, processes, products, fibres,
 * certifications, places) with a longest-match scanner. This is the browser-safe segmentation of
 * demand text: dictionary words first, the rest of a Chinese run as bigrams. Longest match is what
 * keeps 毛巾 (towel) away from wool and 剑麻 (sisal) away from linen: neither 毛 nor 麻 is a word here.
 */
import { certificationSchemes, chainLinks, counties, fibers, products, shandongCities } from "../../taxonomy";
import { isCjk, isLatinOrDigit } from "./normalize";

export type LexKind = "chainLink" | "process" | "product" | "fiber" | "certification" | "place" | "block";

export interface PlaceRef {
  kind: "city" | "county" | "cluster";
  adcode?: string;
  name: string;
  lat: number;
  lng: number;
}

export interface LexHit {
  kind: LexKind;
  id: string;
  place?: PlaceRef;
}

/** Lower case, hyphens and runs of spaces as one space: "OEKO-TEX" and "oeko tex" are one key. */
export function lexKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s\-_®™]+/g, " ").trim();
}

const exact = new Map<string, LexHit[]>();
const partial = new Map<string, LexHit[]>();

function add(map: Map<string, LexHit[]>, term: string | undefined, hit: LexHit): void {
  if (!term) return;
  const key = lexKey(term);
  if (key.length < 1 || (key.length < 2 && !isCjk(key))) return;
  const list = map.get(key) ?? [];
  if (!list.some((h) => h.kind === hit.kind && h.id === hit.id)) list.push(hit);
  map.set(key, list);
}

const withoutParens = (s: string) => s.replace(/\s*[(（][^)）]*[)）]/g, "").trim();
// Chinese names list their variants with / · （） (转杯纺（气流纺）, 粘胶/莱赛尔纤维（湿法纺丝）).
const zhParts = (s: string) => s.split(/[/／·・（）()、，,；;]+/).map((p) => p.trim()).filter((p) => p.length >= 2);
// (MVS), (GOTS), (BCI): acronyms in an English name are what people type.
const acronyms = (s: string) => [...s.matchAll(/[(（]([A-Z][A-Za-z0-9 -]{1,12})[)）]/g)].map((m) => m[1]!).filter((a) => /^[A-Z0-9 -]+$/.test(a));
// Parts too generic to stand for a process on their own.
const GENERIC_PARTS = new Set(["包装", "检验", "复合", "后道", "整烫", "等", "纤维"]);

function englishForms(en: string | undefined): string[] {
  if (!en) return [];
  const base = withoutParens(en);
  const forms = [en, base, ...acronyms(en)];
  if (/^[a-z ]+s$/i.test(base)) forms.push(base.slice(0, -1));
  return forms;
}

for (const link of chainLinks) {
  const hit: LexHit = { kind: "chainLink", id: link.id };
  for (const t of [link.zh, ...zhParts(link.zh), ...englishForms(link.en)]) add(exact, t, hit);
  for (const p of link.processes) {
    const ph: LexHit = { kind: "process", id: p.id };
    for (const t of [p.zh, withoutParens(p.zh), ...p.aliases, ...englishForms(p.en)]) add(exact, t, ph);
    for (const t of zhParts(p.zh)) if (!GENERIC_PARTS.has(t)) add(partial, t, ph);
  }
}
for (const p of products) for (const t of [p.zh, ...p.aliases, ...englishForms(p.en)]) add(exact, t, { kind: "product", id: p.id });
for (const f of fibers) {
  for (const t of [f.zh, ...f.aliases, ...englishForms(f.en)]) add(exact, t, { kind: "fiber", id: f.id });
  for (const t of (f.en.match(/\(([^)]+)\)/)?.[1] ?? "").split(/[,/]/)) add(partial, t.trim(), { kind: "fiber", id: f.id });
}
for (const c of certificationSchemes) {
  for (const t of [c.name, withoutParens(c.name), c.zh, ...acronyms(c.name)]) add(exact, t, { kind: "certification", id: c.id });
}

// Trade words the taxonomy does not spell out. Each is a sourcing-manager reading, not a guess.
const EXTRA: [string, LexKind, string][] = [
  ["精梳", "process", "ring_combed"], ["普梳", "process", "ring_carded"], ["紧密", "process", "ring_compact"],
  ["赛络", "process", "siro"], ["针刺", "process", "needle_punch"], ["针刺毡", "process", "needle_punch"],
  ["水刺", "process", "spunlace"], ["纺粘", "process", "spunbond"], ["熔喷", "process", "meltblown"],
  ["滤料", "process", "filter_media"], ["滤料", "product", "filtration"], ["除尘", "process", "filter_media"],
  ["圆机", "process", "circular_knitting"], ["经编", "process", "warp_knitting"], ["数码印花", "process", "digital_printing"],
  ["分散染色", "process", "disperse_dyeing"], ["活性染色", "process", "reactive_dyeing"], ["酸性染色", "process", "acid_dyeing"],
  ["阳离子染色", "process", "cationic_dyeing"], ["靛蓝", "process", "vat_indigo"], ["筒子染色", "process", "yarn_package_dyeing"],
  ["熔喷布", "process", "meltblown"], ["熔喷布", "product", "nonwovens"], ["纺粘布", "process", "spunbond"], ["纺粘布", "product", "nonwovens"],
  ["水刺布", "process", "spunlace"], ["水刺布", "product", "nonwovens"], ["针刺布", "process", "needle_punch"], ["针刺布", "product", "nonwovens"],
  ["needle punched", "process", "needle_punch"], ["needle punch", "process", "needle_punch"], ["needlepunch", "process", "needle_punch"],
  ["spunlace", "process", "spunlace"], ["spunbond", "process", "spunbond"], ["meltblown", "process", "meltblown"],
  ["家纺", "chainLink", "home_textiles"], ["染整", "chainLink", "dyeing_printing_finishing"], ["染色", "chainLink", "dyeing_printing_finishing"],
  ["印花", "chainLink", "dyeing_printing_finishing"], ["dyeing", "chainLink", "dyeing_printing_finishing"], ["printing", "chainLink", "dyeing_printing_finishing"],
  ["织布", "chainLink", "weaving_knitting"], ["梭织", "chainLink", "weaving_knitting"], ["机织", "chainLink", "weaving_knitting"],
  ["weaving", "chainLink", "weaving_knitting"], ["knitting", "chainLink", "weaving_knitting"], ["纱厂", "chainLink", "spinning"],
  ["服装厂", "chainLink", "garment"], ["成衣", "chainLink", "garment"], ["服装", "chainLink", "garment"], ["garment", "chainLink", "garment"],
  ["garments", "chainLink", "garment"], ["apparel", "chainLink", "garment"],
  ["open end", "process", "open_end_rotor"], ["rotor", "process", "open_end_rotor"], ["combed", "process", "ring_combed"],
  ["carded", "process", "ring_carded"], ["compact", "process", "ring_compact"], ["flat knitting", "process", "flat_knitting"],
  ["circular knitting", "process", "circular_knitting"], ["full package", "process", "fob_full_package"], ["fob", "process", "fob_full_package"],
  ["non woven", "product", "nonwovens"], ["nonwoven", "product", "nonwovens"], ["无纺", "product", "nonwovens"],
  ["针织面料", "product", "knit_fabric"],
  // Garments knitted and sewn (针织套装 is kidswear or loungewear, made by a garment factory, not a knitter).
  ["针织套装", "product", "knit_apparel"], ["针织童装", "product", "childrenswear"], ["针织童装", "product", "knit_apparel"],
  ["kids wear", "product", "childrenswear"], ["kidswear", "product", "childrenswear"], ["childrens wear", "product", "childrenswear"],
  ["children wear", "product", "childrenswear"], ["babywear", "product", "childrenswear"], ["baby wear", "product", "childrenswear"],
  ["knitted sets", "product", "knit_apparel"], ["knit sets", "product", "knit_apparel"],
  // Greige poplin is woven on air-jet looms; denim named alone is the fabric.
  ["府绸", "product", "woven_fabric"], ["府绸", "process", "air_jet_loom"], ["poplin", "product", "woven_fabric"], ["poplin", "process", "air_jet_loom"],
  ["府绸衬衫", "product", "menswear"], ["greige", "product", "woven_fabric"], ["grey fabric", "product", "woven_fabric"], ["grey cloth", "product", "woven_fabric"],
  ["denim", "product", "denim_fabric"], ["经编面料", "product", "knit_fabric"], ["经编布", "product", "knit_fabric"],
  ["针织服饰", "product", "knit_apparel"], ["towel", "product", "towels"], ["sweaters", "product", "knitwear_sweaters"],
  ["rayon", "fiber", "viscose"], ["人丝", "fiber", "viscose"], ["tencel", "fiber", "lyocell"], ["polyamide", "fiber", "nylon"],
  ["羊绒", "fiber", "cashmere"], ["涤粘", "fiber", "polyester"], ["涤粘", "fiber", "viscose"],
  ["t shirt", "product", "knit_apparel"], ["t shirts", "product", "knit_apparel"], ["tee", "product", "knit_apparel"],
  ["oeko tex", "certification", "oeko_tex_100"], ["oekotex", "certification", "oeko_tex_100"], ["oeko tex 100", "certification", "oeko_tex_100"],
  ["standard 100", "certification", "oeko_tex_100"], ["oeko tex step", "certification", "oeko_tex_step"], ["bci", "certification", "better_cotton"],
  ["bsci", "certification", "amfori_bsci"], ["amfori", "certification", "amfori_bsci"], ["bluesign", "certification", "bluesign"],
  ["iso9001", "certification", "iso_9001"], ["iso14001", "certification", "iso_14001"], ["iso45001", "certification", "iso_45001"],
  ["iso13485", "certification", "iso_13485"], ["smeta", "certification", "sedex_smeta"], ["sedex", "certification", "sedex_smeta"],
  ["higg", "certification", "higg_fem"], ["en388", "certification", "en_388_ce"], ["en 388", "certification", "en_388_ce"],
  ["ce认证", "certification", "en_388_ce"], ["gb5725", "certification", "gb_5725"], ["gb 8965", "certification", "gb_8965_1"],
  ["cma", "certification", "cma_test_report"], ["排污许可", "certification", "discharge_permit"], ["高新企业", "certification", "high_tech_enterprise"],
  ["有机认证", "certification", "gots"], ["绳", "product", "ropes_nets"], ["rope", "product", "ropes_nets"], ["wrap", "certification", "wrap"],
  // 土工膜 is a plastic geomembrane and 膜 film generally: consume them so no textile word is read.
  ["土工膜", "block", "geomembrane"], ["复合土工膜", "block", "geomembrane"], ["geomembrane", "block", "geomembrane"],
];
for (const [t, kind, id] of EXTRA) add(exact, t, { kind, id });

// Places: city and county names with and without their 市/区/县 suffix; counties hosting a
// named industrial cluster are reported as clusters (海阳 is 中国毛衫名城).
const clusterSeats = new Set<string>();
for (const city of shandongCities) for (const c of city.localClusters) clusterSeats.add(c.zh.split("·")[0]!.replace(/[（(].*$/, ""));
const stripSuffix = (zh: string) => {
  const base = zh.replace(/[（(].*$/, "");
  const short = base.replace(/[市区县]$/, "");
  return short.length >= 2 && short !== "市中" ? [base, short] : [base];
};
for (const city of shandongCities) {
  const place: PlaceRef = { kind: "city", adcode: city.adcode, name: city.zh, lat: city.lat, lng: city.lng };
  for (const t of [...stripSuffix(city.zh), city.en]) add(exact, t, { kind: "place", id: city.adcode, place });
}
for (const county of counties) {
  const base = county.zh.replace(/[（(].*$/, "");
  const kind = clusterSeats.has(base) ? "cluster" : "county";
  const place: PlaceRef = { kind, adcode: county.adcode, name: base, lat: county.lat, lng: county.lng };
  const names = county.adcode === "370402" ? ["枣庄市中区"] : [...stripSuffix(county.zh), county.en];
  for (const t of names) add(exact, t, { kind: "place", id: county.adcode, place });
}
for (const [t, adcode] of [["泺口", "370105"], ["临沂商城", "371302"], ["即墨服装", "370215"]] as const) {
  const hit = exact.get(lexKey(adcode === "370105" ? "天桥" : adcode === "371302" ? "兰山" : "即墨"))?.[0];
  if (hit) add(exact, t, hit);
}

for (const [key, hits] of partial) if (!exact.has(key)) exact.set(key, hits);
const MAX_TERM = Math.max(...[...exact.keys()].map((k) => k.length));

export interface LexMatch {
  surface: string;
  start: number;
  hits: LexHit[];
  /** Written as an end use (毛巾用, 用于毛巾, for towels): says what the goods are for, not what they are. */
  endUse: boolean;
}

export interface Segmented {
  matches: LexMatch[];
  /** Dictionary words, leftover Latin words and CJK bigrams, for text relevance. */
  terms: string[];
}

const STOPWORDS = new Set(["the", "and", "for", "of", "with", "to", "in", "a", "an", "we", "need", "our", "by", "before", "per", "pcs", "需", "求购"]);

function boundaryOk(text: string, start: number, end: number): boolean {
  const first = text[start]!;
  const last = text[end - 1]!;
  if (isLatinOrDigit(first) && isLatinOrDigit(text[start - 1])) return false;
  if (isLatinOrDigit(last) && isLatinOrDigit(text[end])) return false;
  return true;
}

/** Longest dictionary match at each position of already-folded (lexKey) text. */
export function segment(folded: string): Segmented {
  const text = lexKey(folded);
  const matches: LexMatch[] = [];
  const terms: string[] = [];
  let run = "";
  const flushRun = () => {
    for (let k = 0; k + 1 < run.length; k++) terms.push(run.slice(k, k + 2));
    run = "";
  };
  let latin = "";
  const flushLatin = () => {
    if (latin.length >= 2 && /[a-z]/.test(latin) && !STOPWORDS.has(latin)) terms.push(latin);
    latin = "";
  };
  for (let i = 0; i < text.length; ) {
    let found: LexMatch | undefined;
    for (let len = Math.min(MAX_TERM, text.length - i); len >= 1 && !found; len--) {
      const surface = text.slice(i, i + len);
      const hits = exact.get(surface);
      if (hits && boundaryOk(text, i, i + len)) {
        const before = text.slice(Math.max(0, i - 4), i);
        const endUse = text[i + len] === "用" || /用于$|for $/.test(before);
        found = { surface, start: i, hits, endUse };
      }
    }
    if (found) {
      flushRun();
      flushLatin();
      matches.push(found);
      terms.push(found.surface);
      i += found.surface.length;
      continue;
    }
    const ch = text[i]!;
    if (isCjk(ch)) {
      flushLatin();
      run += ch;
    } else if (isLatinOrDigit(ch)) {
      flushRun();
      latin += ch;
    } else {
      flushRun();
      flushLatin();
    }
    i++;
  }
  flushRun();
  flushLatin();
  return { matches, terms: terms.filter((t) => !STOPWORDS.has(t)) };
}

/** Fibre words inside a longer product or process word (羊毛衫 → wool, 羊绒衫 → cashmere). */
export function innerFibers(surface: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < surface.length; i++) {
    for (let len = surface.length - i; len >= 2; len--) {
      if (i === 0 && len === surface.length) continue;
      const fiber = exact.get(surface.slice(i, i + len))?.find((h) => h.kind === "fiber");
      if (fiber && isCjk(surface[i])) {
        out.push(fiber.id);
        break;
      }
    }
  }
  return out;
}

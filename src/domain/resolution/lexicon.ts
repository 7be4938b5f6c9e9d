/**
 * Word lists for reading firm names: legal forms, industry words (weak tokens), branch markers, and
 * the index of place names (taxonomy + gazetteer) in the folded forms the normaliser compares.
 */
import { placeNames } from "../matching/geo";
import { provinces, SHANDONG_ADCODE } from "../taxonomy";
import { OTHER_CITIES, PROVINCE_SPELLINGS } from "./gazetteer";

// ---- Latin names ---------------------------------------------------------------------------------

/** Legal-form tokens dropped wherever they stand (after folding and splitting on punctuation). */
export const LEGAL_TOKENS = new Set([
  "co", "coltd", "ltd", "ltda", "limited", "company", "inc", "incorporated", "corp", "corporation", "llc", "plc",
  "pvt", "private", "pte", "pty", "jsc", "gmbh", "sas", "sarl", "srl", "sl", "slu", "spa", "bv", "nv", "ag", "kg",
  "tbk", "sdn", "bhd", "cv", "group", "grp", "holdings", "holding",
]);

/** Multi-token legal forms (token sequences), removed before the single tokens. Longest first. */
export const LEGAL_PHRASES: string[][] = [
  ["s", "de", "r", "l", "de", "c", "v"],
  ["s", "de", "rl", "de", "cv"],
  ["s", "a", "de", "c", "v"],
  ["sa", "de", "cv"],
  ["joint", "stock", "company"],
  ["sp", "z", "o", "o"],
  ["san", "ve", "tic"],
  ["de", "cv"],
  ["joint", "stock"],
  ["s", "a"],
  ["pt"],
  ["sa"],
].sort((a, b) => b.length - a.length);

/** Words that carry no identity at all. */
export const STOP_TOKENS = new Set(["the", "and", "of", "en", "y"]);

/**
 * Industry words (weak tokens): they say what a firm makes, not which firm it is. They are taken out
 * of the trade-name core and compared separately, by class, so "Knitting" and "Knitwear" agree.
 * `null` marks generic words that are dropped without a class.
 */
export const WEAK_WORDS: Record<string, string | null> = {
  garment: "garment", garments: "garment", apparel: "garment", apparels: "garment", clothing: "garment",
  clothes: "garment", costume: "garment", costumes: "garment", fashion: "garment", fashions: "garment",
  finery: "garment", dress: "garment", wear: "garment", sportswear: "garment", sportwear: "garment",
  outerwear: "garment", menswear: "garment", dresses: "garment", garmen: "garment",
  knit: "knit", knits: "knit", knitted: "knit", knitting: "knit", knitwear: "knit", knitters: "knit", sweater: "knit", sweaters: "knit",
  textile: "textile", textiles: "textile", tekstil: "textile", textil: "textile", fabric: "textile", fabrics: "textile",
  weaving: "textile", spinning: "textile", yarn: "textile",
  shoe: "shoes", shoes: "shoes", footwear: "shoes",
  sock: "socks", socks: "socks", hosiery: "socks",
  headwear: "headwear", cap: "headwear", caps: "headwear", hat: "headwear", hats: "headwear",
  glove: "gloves", gloves: "gloves",
  bag: "bags", bags: "bags", handbag: "bags", handbags: "bags", luggage: "bags",
  towel: "hometextile", towels: "hometextile", bedding: "hometextile",
  underwear: "underwear", lingerie: "underwear", intimate: "underwear",
  leather: "leather", fur: "leather",
  dyeing: "dyeing", printing: "dyeing", print: "dyeing", embroidery: "dyeing",
  sport: "sports", sports: "sports", sporting: "sports",
  factory: null, fty: null, manufactory: null, manufacturing: null, manufacturer: null, manufacture: null, mfg: null,
  industry: null, industries: null, industrial: null, ind: null, enterprise: null, enterprises: null,
  international: null, intl: null, trading: null, trade: null, development: null, products: null, product: null,
  goods: null, making: null, technology: null, tech: null, mill: null, mills: null, works: null, equipment: null,
  accessories: null, new: null, subsidiary: null,
};

/** Words that introduce a branch or unit number ("Unit 3", "Mill 2", "No. 2", "Branch 1"). */
export const BRANCH_WORDS = new Set(["branch", "unit", "mill", "plant", "factory", "fty", "division", "no", "number", "phase"]);

/** Number words and Roman numerals a branch marker may use. */
export const NUMBER_WORDS: Record<string, string> = {
  one: "1", two: "2", three: "3", four: "4", five: "5", six: "6",
  first: "1", second: "2", third: "3", fourth: "4", fifth: "5", sixth: "6",
  "1st": "1", "2nd": "2", "3rd": "3", "4th": "4", "5th": "5", "6th": "6",
  i: "1", ii: "2", iii: "3", iv: "4", v: "5", vi: "6", vii: "7", viii: "8", ix: "9", x: "10",
};

/** Place words that are not names: stripped from firm names along with the name before them. */
export const PLACE_WORDS = new Set(["city", "county", "province", "district", "china", "prc"]);

/** Address tokens read as a street name when they follow a place name ("Jinan Road" is in Heze). */
export const STREET_WORDS = new Set(["road", "rd", "street", "str", "st", "avenue", "ave", "lu", "jie", "dadao", "dajie", "lane", "ln", "highway"]);

// ---- Chinese names -------------------------------------------------------------------------------

/** Legal forms and the words for "firm/works", stripped from the end (longest first). */
export const ZH_LEGAL_SUFFIXES = [
  "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "集团公司", "控股集团", "总公司", "集团",
  "公司", "总厂", "工厂", "合作社", "商行", "经营部", "工作室", "厂",
].sort((a, b) => b.length - a.length);

/** Industry words at the end of a Chinese name, with their weak class (null = generic). */
export const ZH_WEAK_WORDS: Record<string, string | null> = {
  针织服装: "knit", 针织品: "knit", 针织: "knit", 毛衫: "knit", 羊毛衫: "knit", 毛织: "knit",
  服装: "garment", 服饰: "garment", 制衣: "garment", 时装: "garment", 衣业: "garment", 童装: "garment", 衬衫: "garment",
  纺织品: "textile", 纺织: "textile", 织造: "textile", 纱线: "textile", 纱业: "textile", 棉纺: "textile", 毛纺: "textile",
  化纤: "textile", 化学纤维: "textile", 纤维: "textile", 面料: "textile", 布业: "textile", 麻纺: "textile",
  家纺: "hometextile", 家用纺织品: "hometextile", 毛巾: "hometextile",
  印染: "dyeing", 染整: "dyeing", 印花: "dyeing", 刺绣: "dyeing",
  鞋业: "shoes", 鞋服: "shoes", 制鞋: "shoes", 鞋: "shoes",
  袜业: "socks", 帽业: "headwear", 手套: "gloves", 箱包: "bags", 皮革: "leather", 内衣: "underwear", 体育用品: "sports",
  实业: null, 工贸: null, 贸易: null, 商贸: null, 进出口: null, 国际: null, 科技: null, 技术: null, 新材料: null,
  材料: null, 发展: null, 投资: null, 控股: null, 产业: null, 工业: null, 企业: null, 制品: null, 用品: null,
  股份: null, 有限: null,
};
export const ZH_WEAK_LIST = Object.keys(ZH_WEAK_WORDS).sort((a, b) => b.length - a.length);

/** Branch endings of a Chinese name: …有限公司高密分公司, …第二分厂. */
export const ZH_BRANCH = /^(.+(?:有限责任公司|有限公司|集团|公司|厂))(.{1,12}?(?:分公司|分厂|车间))$/;

const ZH_NUMERALS: Record<string, string> = { 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 十: "10" };
export const zhNumerals = (s: string): string => s.replace(/[一二三四五六七八九十]/g, (c) => ZH_NUMERALS[c] ?? c);

// ---- Places --------------------------------------------------------------------------------------

export interface PlaceEntry {
  kind: "province" | "city" | "county" | "town";
  provinceAdcode: string;
  /** Shandong city adcode (cities and counties); null for provinces and towns elsewhere. */
  cityAdcode: string | null;
  countyAdcode: string | null;
}

/** Letters and digits only, lower case: how Latin place names are compared. */
export const letters = (s: string): string =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

function buildIndexes() {
  const latin = new Map<string, PlaceEntry>();
  const zh: Array<{ name: string; entry: PlaceEntry }> = [];
  const addLatin = (name: string, entry: PlaceEntry) => {
    const key = letters(name);
    if (key.length >= 3 && !latin.has(key)) latin.set(key, entry);
  };
  for (const [adcode, spellings] of Object.entries(PROVINCE_SPELLINGS)) {
    const entry: PlaceEntry = { kind: "province", provinceAdcode: adcode, cityAdcode: null, countyAdcode: null };
    for (const s of spellings) addLatin(s, entry);
  }
  for (const p of provinces) {
    const entry: PlaceEntry = { kind: "province", provinceAdcode: p.adcode, cityAdcode: null, countyAdcode: null };
    for (const suffix of ["", "省", "市", "自治区", "特别行政区"]) zh.push({ name: p.zh + suffix, entry });
  }
  for (const full of ["广西壮族自治区", "宁夏回族自治区", "新疆维吾尔自治区"]) {
    const p = provinces.find((x) => full.startsWith(x.zh));
    if (p) zh.push({ name: full, entry: { kind: "province", provinceAdcode: p.adcode, cityAdcode: null, countyAdcode: null } });
  }
  for (const p of placeNames) {
    const entry: PlaceEntry = {
      kind: p.kind,
      provinceAdcode: SHANDONG_ADCODE,
      cityAdcode: p.cityAdcode,
      countyAdcode: p.kind === "county" ? p.adcode : null,
    };
    for (const n of p.names) {
      if (hasHan(n)) {
        if (n.length >= 2) zh.push({ name: n, entry });
      } else addLatin(n, entry);
    }
  }
  for (const [en, name, province] of OTHER_CITIES) {
    // An ambiguous name (province "") is still a place in a firm's name, but places no row.
    const entry: PlaceEntry = { kind: "town", provinceAdcode: province, cityAdcode: null, countyAdcode: null };
    addLatin(en, entry);
    zh.push({ name, entry }, { name: `${name}市`, entry });
  }
  zh.sort((a, b) => b.name.length - a.name.length);
  return { latin, zh };
}

const indexes = buildIndexes();

/** Latin place names keyed by their letters-only form ("taian", "zhongshan", "innermongolia"). */
export const LATIN_PLACES: ReadonlyMap<string, PlaceEntry> = indexes.latin;
/** Chinese place names, longest first (青岛市 before 青岛). */
export const ZH_PLACES: ReadonlyArray<{ name: string; entry: PlaceEntry }> = indexes.zh;

/**
 * Firm names and addresses in the forms the resolver compares. A Chinese firm name is
 * 行政区划 + 字号 + 行业 + 组织形式 (place + trade name + industry + legal form); the trade-name core
 * (字号) is what identifies the firm, so normalising a name means peeling the other three off. The
 * same is done for the romanised names of facility lists ("Zhucheng Hengwei Clothing Co., Ltd.").
 */
import * as OpenCC from "opencc-js/t2cn";
import { pinyin } from "pinyin-pro";
import {
  BRANCH_WORDS,
  LATIN_PLACES,
  LEGAL_PHRASES,
  LEGAL_TOKENS,
  letters,
  NUMBER_WORDS,
  PLACE_WORDS,
  STOP_TOKENS,
  WEAK_WORDS,
  ZH_BRANCH,
  ZH_LEGAL_SUFFIXES,
  ZH_PLACES,
  ZH_WEAK_LIST,
  ZH_WEAK_WORDS,
  zhNumerals,
  type PlaceEntry,
} from "./lexicon";
import { editDistance } from "./metrics";

// Taiwan and Hong Kong standard forms both fold to Mainland simplified characters.
const twToCn = OpenCC.Converter({ from: "tw", to: "cn" });
const hkToCn = OpenCC.Converter({ from: "hk", to: "cn" });

const HAN = /\p{Script=Han}/u;
const HAN_ALL = /\p{Script=Han}/gu;

/** Traditional → simplified Chinese (臺灣紡織 → 台湾纺织); other text is left as it is. */
export function toSimplified(text: string): string {
  return HAN.test(text) ? hkToCn(twToCn(text)) : text;
}

/**
 * The one folding every comparison starts from: NFKC (full-width ＡＢＣ１２３（） → ABC123()),
 * traditional → simplified, accents off (Químicas → quimicas), lower case, apostrophes dropped
 * (Tai'an → taian, Int’l → intl).
 */
export function fold(text: string): string {
  return toSimplified(text.normalize("NFKC"))
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’‘`´]/g, "");
}

/** Folded words: Latin letters/digits runs and Chinese runs, everything else a separator. */
export function words(text: string): string[] {
  return fold(text)
    .replace(/&/g, " and ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const fuzzyCache = new Map<string, PlaceEntry | null>();

/**
 * A province name written with one slip (Jiansgu, Guandong, ShanDonq): edit distance 1 to a
 * province name of at least seven letters starting with the same letter. Cities and shorter names
 * match exactly only: Haiyan is not Hainan, Xinxing is not Xinxiang, Dongjing is not Dongying.
 */
function fuzzyPlace(key: string): PlaceEntry | null {
  const hit = fuzzyCache.get(key);
  if (hit !== undefined) return hit;
  let found: PlaceEntry | null = null;
  if (key.length >= 7 && !/\d/.test(key)) {
    for (const [name, entry] of LATIN_PLACES) {
      if (entry.kind !== "province" || name.length < 7) continue;
      if (name[0] === key[0] && editDistance(name, key, 1) <= 1) {
        found = entry;
        break;
      }
    }
  }
  // Words repeat across a list; bound the memo so a long-lived server does not grow it forever.
  if (fuzzyCache.size > 50_000) fuzzyCache.clear();
  fuzzyCache.set(key, found);
  return found;
}

/**
 * The place name starting at `tokens[i]`, written as one to three words ("zhong shan", "tai an",
 * "inner mongolia"): the longest match wins; exact spellings before near misses.
 */
export function placeAt(tokens: readonly string[], i: number, fuzzy = true): { entry: PlaceEntry; length: number } | null {
  for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
    const key = tokens.slice(i, i + n).join("");
    const entry = LATIN_PLACES.get(key);
    if (entry) return { entry, length: n };
  }
  if (!fuzzy) return null;
  for (let n = Math.min(2, tokens.length - i); n >= 1; n--) {
    const entry = fuzzyPlace(tokens.slice(i, i + n).join(""));
    if (entry) return { entry, length: n };
  }
  return null;
}

export interface NormalisedName {
  raw: string;
  script: "han" | "latin";
  /** 字号, the trade-name core without spaces ("即发", "hengwei"); "" when nothing distinctive is left. */
  core: string;
  /** The core in Latin letters: itself for Latin names, its pinyin for Chinese ones ("jifa"). */
  coreLatin: string;
  /** Classes of the industry words (weak tokens) the name carries: "garment", "knit", … */
  weak: string[];
  /** Branch or unit number ("Unit 3", "Second Branch", 第二分公司 → "2"), or null. */
  branch: string | null;
  /** Province adcodes of the place words taken off the name. */
  places: string[];
  /** The name without legal forms and punctuation, for similarity when a core is missing. */
  full: string;
}

/** Latin branch markers: "unit 3", "mill 2", "no 2", "second branch", a trailing "ii" or "3". */
function takeBranch(tokens: string[]): { tokens: string[]; branch: string | null } {
  const num = (t: string | undefined) => (t === undefined ? undefined : /^\d{1,3}$/.test(t) ? String(Number(t)) : Object.hasOwn(NUMBER_WORDS, t) ? NUMBER_WORDS[t] : undefined);
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    const n = num(next);
    if (BRANCH_WORDS.has(t) && n !== undefined) return { tokens: [...tokens.slice(0, i), ...tokens.slice(i + 2)], branch: n };
    const ordinal = /^(first|second|third|fourth|fifth|sixth|\d(st|nd|rd|th))$/.test(t) ? num(t) : undefined;
    if (ordinal !== undefined && BRANCH_WORDS.has(next)) return { tokens: [...tokens.slice(0, i), ...tokens.slice(i + 2)], branch: ordinal };
  }
  const last = tokens.at(-1);
  if (tokens.length > 1 && last !== undefined && (/^\d{1,2}$/.test(last) || /^(ii|iii|iv|vi|vii|viii|ix)$/.test(last))) {
    return { tokens: tokens.slice(0, -1), branch: num(last) ?? last };
  }
  return { tokens, branch: null };
}

function removeLegal(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = LEGAL_PHRASES.find((p) => p.every((w, k) => tokens[i + k] === w));
    if (phrase) {
      i += phrase.length;
      continue;
    }
    if (!LEGAL_TOKENS.has(tokens[i]!)) out.push(tokens[i]!);
    i++;
  }
  return out;
}

const QUALIFIER = /[(（[【{]([^)）\]】}]*)[)）\]】}]?/g;

function latinName(raw: string): NormalisedName {
  const qualifiers: string[] = [];
  const main = raw.replace(QUALIFIER, (_m, inner: string) => {
    qualifiers.push(inner);
    return " ";
  });
  const { tokens, branch } = takeBranch(removeLegal(words(main)));
  const qualifierBranch = branch ?? takeBranch(removeLegal(words(qualifiers.join(" ")))).branch;
  const places: string[] = [];
  let i = 0;
  let lastPlace = 0;
  // Leading places: "Fujian Jinjiang Huamei …", "Zhong Shan City Yi Jun …".
  while (i < tokens.length) {
    if (PLACE_WORDS.has(tokens[i]!)) {
      i++;
      continue;
    }
    const m = placeAt(tokens, i);
    if (!m) break;
    places.push(m.entry.provinceAdcode);
    lastPlace = i;
    i += m.length;
  }
  let end = tokens.length;
  // Trailing places: "Automax Anhui", "Well Mart Vietnam" stays (not a Chinese place).
  for (let again = true; again && end > i; ) {
    again = false;
    for (let n = Math.min(3, end - i); n >= 1; n--) {
      const m = placeAt(tokens.slice(end - n, end), 0, false);
      if (m?.length === n || PLACE_WORDS.has(tokens[end - 1]!)) {
        if (m?.length === n) places.push(m.entry.provinceAdcode);
        end -= m?.length === n ? n : 1;
        again = true;
        break;
      }
    }
  }
  const { core, weak } = coreOf(tokens.slice(i, end));
  // When the name proper is all place and industry, the qualifiers identify the firm ("Suzhou
  // Industrial (Shamash) (Freesilk)"), else the place word was the trade name ("Shanghai Weifang
  // Garments Factory" → weifang).
  const fallback = () => coreOf(removeLegal(words(qualifiers.join(" ")))).core.join("") || tokens.slice(lastPlace, i).filter((t) => !PLACE_WORDS.has(t)).join("");
  const coreText = core.join("") || fallback();
  return {
    raw,
    script: "latin",
    core: coreText,
    coreLatin: letters(coreText),
    weak: [...weak].sort(),
    branch: qualifierBranch,
    places,
    full: removeLegal(words(raw)).join(" "),
  };
}

function coreOf(rest: string[]): { core: string[]; weak: Set<string> } {
  const core: string[] = [];
  const weak = new Set<string>();
  for (let k = 0; k < rest.length; k++) {
    const t = rest[k]!;
    // "Rongcheng City …": a word followed by city/county/district is a place whatever it is.
    if (["city", "county", "district"].includes(rest[k + 1] ?? "")) {
      k++;
      continue;
    }
    if (PLACE_WORDS.has(t) || STOP_TOKENS.has(t)) continue;
    if (Object.hasOwn(WEAK_WORDS, t)) {
      const cls = WEAK_WORDS[t];
      if (cls) weak.add(cls);
      continue;
    }
    if (t.length > 1) core.push(t);
  }
  return { core, weak };
}

/** Peels `list` entries off the end of `s` while at least `keep` characters remain. */
function stripSuffixes(s: string, list: readonly string[], keep: number, onStrip?: (w: string) => void): string {
  for (let again = true; again; ) {
    again = false;
    for (const w of list) {
      if (s.endsWith(w) && [...s].length - [...w].length >= keep) {
        s = s.slice(0, -w.length);
        onStrip?.(w);
        again = true;
        break;
      }
    }
  }
  return s;
}

function hanName(raw: string): NormalisedName {
  let s = fold(raw).replace(/\s+/g, "").replace(QUALIFIER, "");
  let branch: string | null = null;
  const b = ZH_BRANCH.exec(s);
  if (b) {
    s = b[1]!;
    branch = zhNumerals(b[2]!).replace(/第|分公司|分厂|车间/g, "") || b[2]!;
  }
  s = stripSuffixes(s, ZH_LEGAL_SUFFIXES, 2);
  const places: string[] = [];
  // Leading places (山东省青岛市即墨区…), each perhaps followed by its 省/市/区/县.
  for (let again = true; again; ) {
    again = false;
    if (s.startsWith("中国") && [...s].length > 4) {
      s = s.slice(2);
      again = true;
      continue;
    }
    for (const { name, entry } of ZH_PLACES) {
      if (!s.startsWith(name)) continue;
      let rest = s.slice(name.length);
      if (/^[省市区县]/.test(rest)) rest = rest.slice(1);
      if ([...rest].length < 2) continue;
      s = rest;
      places.push(entry.provinceAdcode);
      again = true;
      break;
    }
  }
  const weak = new Set<string>();
  s = stripSuffixes(s, ZH_WEAK_LIST, 2, (w) => {
    const cls = ZH_WEAK_WORDS[w];
    if (cls) weak.add(cls);
  });
  s = stripSuffixes(s, ZH_LEGAL_SUFFIXES, 2);
  const latin = pinyin(s, { toneType: "none", type: "array", nonZh: "consecutive" }).join("");
  return {
    raw,
    script: "han",
    core: s,
    coreLatin: letters(latin),
    weak: [...weak].sort(),
    branch,
    places,
    full: fold(raw).replace(/[^\p{L}\p{N}]+/gu, ""),
  };
}

/** Reads a firm name (Chinese or romanised) into its trade-name core and the rest. */
export function normaliseName(raw: string): NormalisedName {
  const han = raw.match(HAN_ALL)?.length ?? 0;
  return han >= 2 ? hanName(raw) : latinName(raw);
}

/** The trade-name core (字号) of a firm name: 青岛即发集团股份有限公司 → 即发. */
export function tradeNameCore(raw: string): string {
  return normaliseName(raw).core;
}

/**
 * Whether two names are the same name as written, ignoring width, case, script variant, spacing
 * and punctuation ("BAI NA SHOES INDUSTRY CO., LTD" = "Bai Na Shoes Industry Co.,Ltd"): a new
 * spelling is kept as an alias, the same one is not.
 */
export function nameKey(raw: string): string {
  return fold(raw).replace(/[^\p{L}\p{N}]+/gu, "");
}

// ---- Addresses -----------------------------------------------------------------------------------

const ADDRESS_CANON: Record<string, string | null> = {
  road: "rd", rd: "rd", lu: "rd", street: "st", str: "st", st: "st", jie: "st", avenue: "ave", ave: "ave", dadao: "ave",
  industrial: "ind", industry: "ind", industial: "ind", indus: "ind", ind: "ind", development: "dev", developing: "dev",
  develop: "dev", devlopment: "dev", dev: "dev", economic: "eco", economical: "eco", economy: "eco", building: "bldg",
  bldg: "bldg", no: null, number: null, china: null, prc: null, province: null, city: null, county: null,
  district: null, town: null, village: null, the: null, of: null, and: null,
};

export interface NormalisedAddress {
  /** Canonical words joined by single spaces ("dongshan shenhu jinjiang fujian"); Chinese kept as is. */
  text: string;
  /** House and lot numbers (digit runs other than postcodes). */
  numbers: string[];
  /** Six-digit Chinese postcodes found in the address. */
  postcodes: string[];
}

export function normaliseAddress(raw: string): NormalisedAddress {
  const numbers: string[] = [];
  const postcodes: string[] = [];
  const out: string[] = [];
  for (const w of words(raw)) {
    if (/^\d{6}$/.test(w)) {
      postcodes.push(w);
      continue;
    }
    // Digit runs inside a word count too: 鹤山路8号, "No.8".
    for (const d of w.match(/\d+/g) ?? []) numbers.push(String(Number(d)));
    const canon = Object.hasOwn(ADDRESS_CANON, w) ? ADDRESS_CANON[w] : w;
    if (canon) out.push(canon);
  }
  return { text: out.join(" "), numbers, postcodes };
}

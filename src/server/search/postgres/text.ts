import "server-only";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { taxonomySynonyms } from "../settings";

/**
 * Text handling shared by indexing and querying in the embedded engine: one normalisation (NFKC,
 * so full-width letters and digits become half-width, then lower case), one jieba instance per
 * process with the taxonomy's Chinese names added to its dictionary (so 天丝 or 无纺布 stay one
 * word), and one splitter for everything that is not Chinese (letters and digits; every other
 * character separates words, so no query syntax survives).
 */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

const HAN = /\p{Script=Han}/u;
const NON_WORD = /[^\p{L}\p{N}]+/u;

export const isHan = (s: string) => HAN.test(s);

/** Chinese function words that would only make a query stricter. */
const HAN_STOP = new Set(["的", "了", "和", "与", "及", "或", "在", "是", "等", "及其", "以及"]);

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(dict);
    const words = Object.keys(taxonomySynonyms()).filter((w) => isHan(w) && !/\s/.test(w));
    // A high frequency makes the taxonomy's names win over the general dictionary's splits.
    j.loadDict(Buffer.from(words.map((w) => `${w} 200000 n`).join("\n")));
    jieba = j;
  }
  return jieba;
}

export interface Token {
  text: string;
  han: boolean;
}

/**
 * Normalised words: Chinese words from jieba (for indexing, also the dictionary words inside and
 * across longer ones), other words split on anything that is not a letter or digit.
 */
export function tokenize(text: string, mode: "index" | "query"): Token[] {
  const t = normalize(text);
  if (!t.trim()) return [];
  const out: Token[] = [];
  let pieces = [t];
  if (isHan(t) && mode === "query") pieces = segmenter().cut(t, false);
  else if (isHan(t)) {
    // Search mode plus every other dictionary word of two or more characters the text contains:
    // 精梳棉纱 cuts as 精梳棉|纱, and 棉纱 must still find it. Single characters stay out, so 毛
    // (wool) never finds 羊毛巾被 through its 毛.
    pieces = segmenter().cutForSearch(t, false);
    const seen = new Set(pieces);
    for (const w of segmenter().cutAll(t)) {
      if (w.length < 2 || seen.has(w) || !isHan(w)) continue;
      pieces.push(w);
      seen.add(w);
    }
  }
  for (const piece of pieces) {
    if (isHan(piece)) {
      // A dictionary word may carry other characters (T恤): keep its letters and digits only.
      const word = piece.split(NON_WORD).join("");
      if (word && !HAN_STOP.has(word)) out.push({ text: word, han: true });
      continue;
    }
    for (const w of piece.split(NON_WORD)) if (w) out.push({ text: w, han: false });
  }
  return out;
}

/** A field's text for the index: Chinese words (for to_tsvector('simple')) and the rest (for 'english'). */
export function indexText(parts: readonly (string | null | undefined)[]): { han: string; latin: string; words: string[] } {
  const han: string[] = [];
  const latin: string[] = [];
  for (const p of parts) {
    if (!p) continue;
    for (const tok of tokenize(p, "index")) (tok.han ? han : latin).push(tok.text.slice(0, 100));
  }
  return { han: han.join(" "), latin: latin.join(" "), words: latin };
}

// ---- Synonyms ----------------------------------------------------------------------------------

let synonymIndex: Map<string, string[]> | undefined;

/** A term as a key: its tokens joined by one space ("air-jet loom" → "air jet loom"). */
export function termKey(term: string): string {
  return tokenize(term, "query")
    .map((t) => t.text)
    .join(" ");
}

/** Taxonomy synonyms keyed by `termKey`, so a query's words find them whatever the punctuation. */
export function synonymsOf(key: string): readonly string[] {
  if (!synonymIndex) {
    const m = new Map<string, Set<string>>();
    for (const [term, others] of Object.entries(taxonomySynonyms())) {
      const k = termKey(term);
      if (!k) continue;
      const set = m.get(k) ?? new Set<string>();
      for (const o of others) if (termKey(o) !== k) set.add(o);
      m.set(k, set);
    }
    synonymIndex = new Map([...m].map(([k, v]) => [k, [...v]]));
  }
  return synonymIndex.get(key) ?? [];
}

/** The longest synonym key, in words, worth trying as a phrase. */
export const MAX_PHRASE_WORDS = 4;

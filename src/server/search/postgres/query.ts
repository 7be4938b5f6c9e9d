import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/types";
import { rows } from "./sql";
import { MAX_PHRASE_WORDS, synonymsOf, tokenize, type Token } from "./text";

/**
 * A search box's text as a tsquery. Every query word is a slot; slots are AND-ed, and within a
 * slot the word, its taxonomy synonyms (涤纶 → polyester, pet, 聚酯) and, for a Latin word the index
 * has never seen, its nearest vocabulary words by trigram similarity ("polyster" → polyester) are
 * OR-ed. The last word is a prefix, so results come as the user types. The string is built from
 * tokens that hold only letters and digits, each single-quoted, and reaches the database as one
 * bound parameter of to_tsquery('english', …): no input can inject tsquery operators or SQL.
 */
interface Slot {
  key: string;
  /** Alternatives; each is a sequence of words that must all match. */
  alts: Token[][];
  /** The last word of the query, matched as a prefix. */
  prefix: boolean;
  /** Set when the slot is one non-Chinese word: checked against the vocabulary. */
  latin?: string;
}

export interface HighlightTerm {
  text: string;
  han: boolean;
  prefix: boolean;
}

export interface TextQuery {
  /** The tsquery source, or null when the text holds no searchable word. */
  tsquery: string | null;
  /** Every word the query can match, for highlighting. */
  terms: HighlightTerm[];
}

/** Words shorter than this are never replaced by a typo correction (Meilisearch: one typo from 5). */
const MIN_TYPO_LENGTH = 5;
const MIN_COMPLETION_LENGTH = 3;

function slotsOf(q: string): Slot[] {
  const toks = tokenize(q, "query").map((t) => ({ ...t, text: t.text.slice(0, 100) }));
  const slots: Slot[] = [];
  for (let i = 0; i < toks.length; ) {
    let n = Math.min(MAX_PHRASE_WORDS, toks.length - i);
    // A multi-word taxonomy name ("organic cotton") is one slot so its synonyms (有机棉) apply.
    for (; n >= 2; n--) if (synonymsOf(toks.slice(i, i + n).map((t) => t.text).join(" ")).length) break;
    n = Math.max(1, n);
    const seq = toks.slice(i, i + n);
    const key = seq.map((t) => t.text).join(" ");
    slots.push({ key, alts: [seq], prefix: false, latin: n === 1 && !seq[0]!.han && !/^\d+$/.test(seq[0]!.text) ? seq[0]!.text : undefined });
    i += n;
  }
  const last = slots[slots.length - 1];
  if (last && last.alts[0]!.length === 1) {
    const tok = last.alts[0]![0]!;
    // A lone Chinese character is not a prefix: 毛 (wool) must not find 毛巾 (towels).
    last.prefix = !tok.han || tok.text.length >= 2;
  }
  return slots;
}

function addAlternatives(slot: Slot, terms: readonly string[]) {
  for (const term of terms) {
    const toks = tokenize(term, "query").map((t) => ({ ...t, text: t.text.slice(0, 100) }));
    if (toks.length) slot.alts.push(toks);
  }
}

interface VocabularyAnswer {
  word: string;
  exact: boolean;
  stop: boolean;
  similar: string[] | null;
  completions: string[] | null;
}

/** One round trip for every Latin word: known?, an English stop word?, nearest words, completions. */
async function lookUp(db: Db, slots: Slot[]): Promise<Map<string, VocabularyAnswer>> {
  const words = slots
    .filter((s) => s.latin)
    .map((s) => ({ word: s.latin!, prefix: s.prefix && s.latin!.length >= MIN_COMPLETION_LENGTH, typo: s.latin!.length >= MIN_TYPO_LENGTH }));
  if (words.length === 0) return new Map();
  const answers = await rows<VocabularyAnswer>(
    db,
    // Neighbours and completions only for words the index does not know (the trigram search is the costly part).
    sql`select w.word, e.exact,
        numnode(plainto_tsquery('english', w.word)) = 0 as stop,
        case when w.typo and not e.exact then array(
          select v.word from search_vocabulary v where v.word % w.word and v.word <> w.word
          order by similarity(v.word, w.word) desc, v.documents desc, v.word limit 3) end as similar,
        case when w.prefix and not e.exact then array(
          select v.word from search_vocabulary v where v.word like w.word || '%' and v.word <> w.word
          order by v.documents desc, v.word limit 5) end as completions
      from jsonb_to_recordset(${JSON.stringify(words)}::jsonb) as w(word text, prefix boolean, typo boolean)
        cross join lateral (select exists (select 1 from search_vocabulary v where v.word = w.word) as exact) as e`,
  );
  return new Map(answers.map((a) => [a.word, a]));
}

const lexeme = (t: Token, prefix: boolean) => `'${t.text}'${prefix ? ":*" : ""}`;

/** Parses the text and resolves typos against the vocabulary (one query when there are Latin words). */
export async function textQuery(db: Db, q: string | undefined): Promise<TextQuery> {
  const slots = slotsOf(q ?? "");
  const vocabulary = await lookUp(db, slots);
  const kept: Slot[] = [];
  for (const slot of slots) {
    const synonyms = synonymsOf(slot.key);
    const known = slot.latin ? vocabulary.get(slot.latin) : undefined;
    // English stop words ("the", "for") are not in the index; a slot of one would match nothing.
    if (known?.stop && synonyms.length === 0) continue;
    addAlternatives(slot, synonyms);
    if (known && !known.exact && synonyms.length === 0) {
      if (known.completions?.length) addAlternatives(slot, known.completions);
      else if (known.similar?.length) {
        addAlternatives(slot, known.similar);
        for (const w of known.similar) addAlternatives(slot, synonymsOf(w));
      }
    }
    kept.push(slot);
  }
  if (kept.length === 0) return { tsquery: null, terms: [] };
  const terms = new Map<string, HighlightTerm>();
  const parts = kept.map((slot) => {
    const alts = new Set<string>();
    slot.alts.forEach((alt, i) => {
      const prefix = slot.prefix && i === 0;
      for (const t of alt) {
        const prev = terms.get(t.text);
        terms.set(t.text, { text: t.text, han: t.han, prefix: prefix || (prev?.prefix ?? false) });
      }
      alts.add(alt.length === 1 ? lexeme(alt[0]!, prefix) : `(${alt.map((t) => lexeme(t, false)).join(" & ")})`);
    });
    return alts.size === 1 ? [...alts][0]! : `(${[...alts].join(" | ")})`;
  });
  return { tsquery: parts.join(" & "), terms: [...terms.values()] };
}

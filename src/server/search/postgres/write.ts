import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/types";
import type { DemandDocument, ListingDocument } from "../documents";
import type { SearchEntity } from "../engine";
import { FILTERABLE, SORTABLE } from "../settings";
import { isTokenized, token } from "./sql-filter";
import { boostOf } from "./boost";
import { indexText } from "./text";

/**
 * Writing documents into `search_documents` and `search_vocabulary`. A batch goes as one JSON
 * parameter (jsonb_to_recordset), which PGlite takes far faster than thousands of bound values;
 * the tsvector is built in SQL from pre-segmented text: Chinese through 'simple' (jieba already
 * cut it), everything else through 'english' (stemming), weighted title A, taxonomy terms and
 * organisation B, description C.
 */
type Doc = ListingDocument | DemandDocument;

interface Row {
  id: string;
  version: number;
  doc: Doc;
  lat: number | null;
  lng: number | null;
  tokens: string[];
  facts: Record<string, unknown>;
  updatedMs: number;
  boost: number;
  ah: string;
  al: string;
  bh: string;
  bl: string;
  ch: string;
  cl: string;
}

export interface Prepared {
  rows: Row[];
  /** Distinct Latin words per document, counted over the batch. */
  words: Map<string, number>;
}

const WORD_MAX = 60;

const FACT_ATTRIBUTES: Record<SearchEntity, string[]> = {
  listing: [...new Set([...FILTERABLE.listing, ...SORTABLE.listing])].filter((a) => a !== "_geo"),
  demand: [...new Set([...FILTERABLE.demand, ...SORTABLE.demand])].filter((a) => a !== "_geo"),
};

/**
 * What filters read instead of the document: `attr=value` tokens for string and boolean values
 * (each element of arrays; identifiers excepted), and the scalar filterable/sortable attributes as
 * a small JSON object (arrays are only tokens).
 */
export function filterColumns(entity: SearchEntity, doc: Doc): { tokens: string[]; facts: Record<string, unknown> } {
  const tokens = new Set<string>();
  const facts: Record<string, unknown> = {};
  const record = doc as unknown as Record<string, unknown>;
  for (const attr of FACT_ATTRIBUTES[entity]) {
    const value = record[attr];
    if (value === undefined) continue;
    if (!Array.isArray(value)) facts[attr] = value;
    if (!isTokenized(attr)) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string" || typeof v === "boolean") tokens.add(token(attr, v));
  }
  return { tokens: [...tokens].sort(), facts };
}

/** Segments a batch (the newest version of each id wins within it). */
export function prepare(entity: SearchEntity, documents: readonly Doc[]): Prepared {
  const newest = new Map<string, Doc>();
  for (const d of documents) {
    const prev = newest.get(d.id);
    if (!prev || d.version >= prev.version) newest.set(d.id, d);
  }
  const words = new Map<string, number>();
  const rows = [...newest.values()].map((doc): Row => {
    const a = indexText([doc.titleZh, doc.titleEn]);
    const b = indexText([...doc.termsZh, ...doc.termsEn, doc.orgNameZh, doc.orgNameEn]);
    const c = indexText([doc.descriptionZh, doc.descriptionEn]);
    const own = new Set([...a.words, ...b.words, ...c.words].filter((w) => /\p{L}/u.test(w) && w.length <= WORD_MAX));
    for (const w of own) words.set(w, (words.get(w) ?? 0) + 1);
    return { id: doc.id, version: doc.version, doc, lat: doc._geo?.lat ?? null, lng: doc._geo?.lng ?? null, ...filterColumns(entity, doc), updatedMs: doc.updatedAt, boost: boostOf(doc), ah: a.han, al: a.latin, bh: b.han, bl: b.latin, ch: c.han, cl: c.latin };
  });
  return { rows, words };
}

const weighted = (han: string, latin: string, weight: "A" | "B" | "C") =>
  sql.raw(`setweight(to_tsvector('simple', r.${han}) || to_tsvector('english', r.${latin}), '${weight}')`);

/** Upserts the rows; an older version never overwrites a newer one. Returns the ids written. */
export async function writeDocuments(db: Db, entity: SearchEntity, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into search_documents as d (entity, id, version, doc, tsv, tokens, facts, updated_ms, boost, lat, lng, indexed_at)
    select ${entity}, r.id, r.version, r.doc,
      ${weighted("ah", "al", "A")} || ${weighted("bh", "bl", "B")} || ${weighted("ch", "cl", "C")},
      array(select jsonb_array_elements_text(r.tokens)), r.facts, r."updatedMs", r.boost, r.lat, r.lng, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(id uuid, version integer, doc jsonb, tokens jsonb, facts jsonb, "updatedMs" bigint, boost float8, lat float8, lng float8, ah text, al text, bh text, bl text, ch text, cl text)
    on conflict (entity, id) do update set version = excluded.version, doc = excluded.doc, tsv = excluded.tsv,
      tokens = excluded.tokens, facts = excluded.facts, updated_ms = excluded.updated_ms, boost = excluded.boost,
      lat = excluded.lat, lng = excluded.lng, indexed_at = excluded.indexed_at
    where d.version <= excluded.version`);
}

/**
 * Adds words to the vocabulary (typo correction and completion read it). `documents` counts the
 * documents a word was written with, so it only grows between rebuilds: it orders candidates, and
 * `reindex` makes it exact again. Sorted, so concurrent writers lock words in the same order.
 */
export async function addVocabulary(db: Db, words: Map<string, number>, mode: "add" | "replace" = "add"): Promise<void> {
  const list = [...words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < list.length; i += 5000) {
    const chunk = list.slice(i, i + 5000).map(([word, documents]) => ({ word, documents }));
    await db.execute(sql`
      insert into search_vocabulary as v (word, documents)
      select w.word, w.documents from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as w(word text, documents integer)
      on conflict (word) do update set documents = ${mode === "add" ? sql`v.documents + excluded.documents` : sql`excluded.documents`}`);
  }
}

export async function deleteDocuments(db: Db, entity: SearchEntity, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`delete from search_documents
    where entity = ${entity} and id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
}

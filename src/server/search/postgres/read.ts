import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/types";
import type { SearchEntity, SearchHit, SearchQuery } from "../engine";
import { FilterError } from "../filter";
import { FILTERABLE, HIGHLIGHTED, SORTABLE } from "../settings";
import { highlight, highlighter } from "./highlight";
import { textQuery, type TextQuery } from "./query";
import { distanceSql, numberOf, toSqlFilter } from "./sql-filter";
import { rows } from "./sql";

/**
 * The read side of the embedded engine: one statement for the page of hits (ranked by ts_rank_cd
 * with title > terms/organisation > description weights, a small boost for verified organisations,
 * then recency; or by the requested sort, or by distance), and one for the exact total and every
 * requested facet's counts over all matches (the caller caches it, it is the expensive part).
 */
const RANK_WEIGHTS = "{0.2,0.4,0.7,1.0}"; // D, C (description), B (terms, organisation), A (title)
const VERIFIED_BOOST = 0.1;
const MAX_FACET_VALUES = 200;

export interface Plan {
  entity: SearchEntity;
  text: TextQuery;
  where: SQL;
  page: number;
  hitsPerPage: number;
  orderBy: SQL;
  score: SQL;
  distance: SQL | null;
  facets: string[];
  /** Identifies the set of matches (for the count/facet cache). */
  matchKey: string;
}

export async function plan(db: Db, entity: SearchEntity, query: SearchQuery): Promise<Plan> {
  const filterable = new Set(FILTERABLE[entity]);
  const facets = [...new Set(query.facets ?? [])];
  for (const a of facets) if (a === "_geo" || !filterable.has(a)) throw new FilterError(`${a} is not filterable on ${entity}`);
  const sortable = new Set(SORTABLE[entity]);
  for (const s of query.sort ?? []) {
    if (!sortable.has(s.attr)) throw new FilterError(`${s.attr} is not sortable on ${entity}`);
    if (s.attr === "_geo" && !query.near) throw new FilterError("sorting by _geo needs `near`");
  }
  const filter = toSqlFilter(entity, query.filter);
  const text = await textQuery(db, query.q);
  const tsq = text.tsquery ? sql`to_tsquery('english', ${text.tsquery}::text)` : null;
  const where = sql.join([sql`entity = ${entity}`, ...(tsq ? [sql`tsv @@ ${tsq}`] : []), ...(filter ? [filter] : [])], sql` and `);

  const boost = sql`(case when doc -> 'orgVerified' = 'true'::jsonb then ${VERIFIED_BOOST}::float8 else 0 end)`;
  const relevance = tsq ? sql`(ts_rank_cd(${RANK_WEIGHTS}::float4[], tsv, ${tsq}, 32) + ${boost})` : boost;
  const distance = query.near ? distanceSql(query.near.lat, query.near.lng) : null;
  const dir = (d: "asc" | "desc") => sql.raw(d === "desc" ? "desc" : "asc");
  const order: SQL[] = (query.sort ?? []).map((s) => (s.attr === "_geo" ? sql`${distance!} ${dir(s.dir)} nulls last` : sql`${numberOf(s.attr)} ${dir(s.dir)} nulls last`));
  if (distance && !(query.sort ?? []).some((s) => s.attr === "_geo")) order.push(sql`${distance} asc nulls last`);
  if (tsq) order.push(sql`${relevance} desc`);
  order.push(sql`${numberOf("updatedAt")} desc nulls last`, sql`id`);

  return {
    entity,
    text,
    where,
    page: Math.max(1, Math.trunc(query.page ?? 1)),
    hitsPerPage: Math.min(100, Math.max(1, Math.trunc(query.hitsPerPage ?? 20))),
    orderBy: sql.join(order, sql`, `),
    score: sql`least(1, ${relevance} / ${1 + VERIFIED_BOOST}::float8)`,
    distance,
    facets,
    matchKey: JSON.stringify([entity, text.tsquery, query.filter ?? null]),
  };
}

interface HitRow {
  doc: Record<string, unknown>;
  score: number;
  distance: number | null;
}

export async function hits(db: Db, p: Plan, highlightFields: boolean): Promise<SearchHit<unknown>[]> {
  const offset = (p.page - 1) * p.hitsPerPage;
  const found = await rows<HitRow>(
    db,
    sql`select doc, ${p.score} as score, ${p.distance ?? sql`null::float8`} as distance
      from search_documents where ${p.where}
      order by ${p.orderBy} limit ${p.hitsPerPage} offset ${offset}`,
  );
  const re = highlightFields ? highlighter(p.text.terms) : null;
  return found.map((r) => {
    const hit: SearchHit<unknown> = { document: r.doc, score: Number(r.score) };
    if (r.distance !== null && r.distance !== undefined) hit.distanceMeters = Math.round(Number(r.distance));
    if (highlightFields) {
      const highlights: Record<string, string> = {};
      for (const field of HIGHLIGHTED) {
        const v = r.doc[field];
        const h = re && typeof v === "string" ? highlight(v, re) : null;
        if (h) highlights[field] = h;
      }
      hit.highlights = highlights;
    }
    return hit;
  });
}

export interface Counts {
  total: number;
  facets: Record<string, Record<string, number>>;
}

/** The exact number of matches and, in the same statement, each facet's value counts over them. */
export async function counts(db: Db, p: Plan): Promise<Counts> {
  if (p.facets.length === 0) {
    const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from search_documents where ${p.where}`);
    return { total: Number(r?.n ?? 0), facets: {} };
  }
  const found = await rows<{ attr: string | null; value: string | null; n: number }>(
    db,
    sql`with m as materialized (select doc from search_documents where ${p.where})
      select null::text as attr, null::text as value, count(*)::int as n from m
      union all
      select f.attr, v.value, count(*)::int from m
        cross join jsonb_array_elements_text(${JSON.stringify(p.facets)}::jsonb) as f(attr)
        cross join lateral jsonb_array_elements_text(case jsonb_typeof(m.doc -> f.attr)
          when 'array' then m.doc -> f.attr when 'null' then '[]'::jsonb else jsonb_build_array(m.doc -> f.attr) end) as v(value)
        where v.value is not null
        group by f.attr, v.value`,
  );
  const facets: Record<string, Record<string, number>> = Object.fromEntries(p.facets.map((a) => [a, {}]));
  let total = 0;
  for (const r of found) {
    if (r.attr === null) total = Number(r.n);
    else facets[r.attr]![r.value!] = Number(r.n);
  }
  for (const a of p.facets) {
    const entries = Object.entries(facets[a]!);
    if (entries.length > MAX_FACET_VALUES) facets[a] = Object.fromEntries(entries.sort((x, y) => y[1] - x[1]).slice(0, MAX_FACET_VALUES));
  }
  return { total, facets };
}

import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { SearchEntity } from "../engine";
import { FilterError, type Filter, type FilterValue } from "../filter";
import { FILTERABLE } from "../settings";

/**
 * The `Filter` tree as a SQL condition on `search_documents` (alias-free: `tokens`, `facts`, `lat`,
 * `lng`), with every value and attribute name a bound parameter. Attributes must be filterable on
 * the entity. String and boolean equality (array attributes: "any element equals") compile to
 * `tokens @> {attr=value}` and `in` to `tokens && {…}`, which the GIN index answers; numbers,
 * ranges and presence tests read `facts`. Never the document itself, which lives out of line.
 * Every leaf is two-valued (never NULL), so NOT means what it says: NOT (x > 5) includes documents
 * without x, as in Meilisearch.
 */
export const ARRAY_ATTRIBUTES: ReadonlySet<string> = new Set(["processes", "processesCovered", "fibers", "fibersCovered", "products", "certifications", "requiredCertifications"]);

const EARTH_RADIUS_M = 6_371_000;
const METERS_PER_DEGREE = (Math.PI * EARTH_RADIUS_M) / 180;

function finite(n: number, what: string): number {
  if (typeof n !== "number" || !Number.isFinite(n)) throw new FilterError(`${what} must be a finite number, got ${String(n)}`);
  return n;
}

function checkValue(v: FilterValue): FilterValue {
  if (typeof v === "number") return finite(v, "filter value");
  if (typeof v === "string" || typeof v === "boolean") return v;
  throw new FilterError(`unsupported filter value: ${typeof v}`);
}

/** The token a string or boolean value of an attribute is indexed as (write.ts writes the same). */
export const token = (attr: string, value: string | boolean): string => `${attr}=${String(value)}`;

/** A text[] of bound parameters. */
const textArray = (tokens: readonly string[]): SQL => sql`array[${sql.join(tokens.map((t) => sql`${t}::text`), sql`, `)}]`;

/**
 * Identifiers: one value per document, so a token would only bloat the row; equality on them reads
 * `facts` (they are filtered together with something selective anyway).
 */
export const UNTOKENIZED_ATTRIBUTES: ReadonlySet<string> = new Set(["id", "organizationId", "ref"]);

/**
 * Values most documents share (status=published, kind=capability, orgVerified=…): a GIN lookup of
 * such a token merges posting lists of most of the index, so their tests are written so the planner
 * checks them on the rows another condition found (the text, a selective token, or the recency
 * index of an empty query) instead of through the GIN index. The other values of the same
 * attributes are selective (kind=capacity is a fifth of the listings, status=paused a few per
 * cent) and go through the index, where the planner can AND them with another token's bitmap
 * instead of walking the recency index past every other row.
 */
const COMMON_TOKENS: ReadonlySet<string> = new Set([
  "status=published",
  "status=open",
  "visibility=public",
  "kind=capability",
  "orgVerified=true",
  "orgVerified=false",
  "orgFeatured=false",
  "orgPriority=false",
]);

/** Whether string/boolean values of the attribute are indexed as tokens (write.ts asks the same). */
export const isTokenized = (attr: string): boolean => !UNTOKENIZED_ATTRIBUTES.has(attr);

const contains = (attr: string, v: FilterValue): SQL => {
  const value = checkValue(v);
  if (typeof value === "number") return bool(sql`${numberOf(attr)} = ${value}::float8`);
  if (!isTokenized(attr)) return bool(sql`(facts ->> ${attr}::text) = ${String(value)}::text`);
  if (COMMON_TOKENS.has(token(attr, value))) return sql`((tokens @> ${textArray([token(attr, value)])}) is true)`;
  return sql`tokens @> ${textArray([token(attr, value)])}`;
};

const containsAny = (attr: string, values: readonly FilterValue[]): SQL => {
  const checked = values.map(checkValue);
  const toks = isTokenized(attr) ? checked.filter((v): v is string | boolean => typeof v !== "number").map((v) => token(attr, v)) : [];
  const rest = checked.filter((v) => typeof v === "number" || !isTokenized(attr));
  const parts: SQL[] = [];
  // Any common value among them makes the union common.
  if (toks.length) parts.push(toks.some((t) => COMMON_TOKENS.has(t)) ? sql`((tokens && ${textArray(toks)}) is true)` : sql`tokens && ${textArray(toks)}`);
  for (const v of rest) parts.push(contains(attr, v));
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
};

/** Arrays live only in `tokens`: empty = no token of the attribute. */
const arrayEmpty = (attr: string): SQL => sql`not exists (select 1 from unnest(tokens) as t where starts_with(t, ${`${attr}=`}::text))`;

/** The attribute as a number, or NULL when it is absent or not a number. */
export const numberOf = (attr: string): SQL =>
  sql`(case when jsonb_typeof(facts -> ${attr}::text) = 'number' then (facts ->> ${attr}::text)::float8 end)`;

const bool = (cond: SQL): SQL => sql`coalesce(${cond}, false)`;

/**
 * Nearest first as the GiST index on ll_to_earth(lat, lng) serves it (KNN on chord distance, which
 * orders exactly as great-circle distance; documents without a point come last).
 */
export function nearest(point: { lat: number; lng: number }): SQL {
  return sql`ll_to_earth(lat, lng) <-> ll_to_earth(${finite(point.lat, "latitude")}::float8, ${finite(point.lng, "longitude")}::float8)`;
}

/** Great-circle metres from a point to the document's lat/lng (NULL without a point). */
export function distanceSql(lat: number, lng: number): SQL {
  finite(lat, "latitude");
  finite(lng, "longitude");
  // least() skips NULLs, so a document without a point is tested first.
  return sql`(case when lat is null or lng is null then null else 2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
    power(sin(radians(lat - ${lat}::float8) / 2), 2) +
    cos(radians(${lat}::float8)) * cos(radians(lat)) * power(sin(radians(lng - ${lng}::float8) / 2), 2)))) end)`;
}

/**
 * The latitude/longitude box that holds every point within `meters` of (lat, lng) on the sphere:
 * the cap's latitude extent is r/R, its longitude extent asin(sin(r/R) / cos(lat)) (wider than
 * r/(R cos lat), the usual shortcut, which misses points at the cap's widest by metres). Null when
 * the cap reaches a pole or crosses the antimeridian (then no box bounds it in these coordinates).
 */
export function capBox(lat: number, lng: number, meters: number): { south: number; north: number; west: number; east: number } | null {
  const rho = meters / EARTH_RADIUS_M;
  const dLat = rho * (180 / Math.PI);
  if (Math.abs(lat) + dLat >= 90) return null;
  const x = Math.sin(Math.min(rho, Math.PI / 2)) / Math.cos((lat * Math.PI) / 180);
  if (x >= 1) return null;
  // A hair wider than exact, so rounding never drops a point on the edge (the exact distance decides).
  const dLng = Math.asin(x) * (180 / Math.PI) * (1 + 1e-9) + 1e-9;
  if (lng - dLng < -180 || lng + dLng > 180) return null;
  const pad = dLat * 1e-9 + 1e-9;
  return { south: lat - dLat - pad, north: lat + dLat + pad, west: lng - dLng, east: lng + dLng };
}

function geoRadius(lat: number, lng: number, meters: number): SQL {
  finite(meters, "geo radius");
  if (meters < 0) throw new FilterError("geo radius must not be negative");
  return bool(withinCap(lat, lng, meters));
}

/**
 * Documents within `meters` of a point: the cap's box first (lat/lng ranges the btree index on
 * (lat, lng) serves, migration 0012, as a bitmap the planner can AND with the full-text index's),
 * then the exact distance.
 */
export function withinCap(lat: number, lng: number, meters: number): SQL {
  return sql`(${capRanges(lat, lng, meters)} and ${distanceSql(lat, lng)} <= ${meters}::float8)`;
}

/** The box of a cap as lat/lng ranges (the part of withinCap the index serves). */
export function capRanges(lat: number, lng: number, meters: number): SQL {
  const b = capBox(finite(lat, "latitude"), finite(lng, "longitude"), finite(meters, "radius"));
  const box = b
    ? [sql`lat between ${b.south}::float8 and ${b.north}::float8`, sql`lng between ${b.west}::float8 and ${b.east}::float8`]
    : [sql`lat between ${lat - meters / METERS_PER_DEGREE}::float8 and ${lat + meters / METERS_PER_DEGREE}::float8`];
  return sql.join(box, sql` and `);
}

function geoBox(topRight: readonly [number, number], bottomLeft: readonly [number, number]): SQL {
  const [top, right] = [finite(topRight[0], "latitude"), finite(topRight[1], "longitude")];
  const [bottom, left] = [finite(bottomLeft[0], "latitude"), finite(bottomLeft[1], "longitude")];
  const lngCond = left <= right ? sql`lng between ${left}::float8 and ${right}::float8` : sql`(lng >= ${left}::float8 or lng <= ${right}::float8)`;
  return bool(sql`(lat between ${bottom}::float8 and ${top}::float8 and ${lngCond})`);
}

function compile(node: Filter, filterable: ReadonlySet<string>): SQL | null {
  const attrOf = (name: string) => {
    if (name === "_geo" || !filterable.has(name)) throw new FilterError(`${name} is not filterable here`);
    return name;
  };
  switch (node.op) {
    case "=":
      return contains(attrOf(node.attr), node.value);
    case "!=":
      return sql`not (${contains(attrOf(node.attr), node.value)})`;
    case ">":
    case ">=":
    case "<":
    case "<=": {
      if (typeof node.value !== "number") throw new FilterError(`${node.op} needs a number`);
      const attr = attrOf(node.attr);
      return bool(sql`${numberOf(attr)} ${sql.raw(node.op)} ${finite(node.value, "filter value")}::float8`);
    }
    case "to":
      return bool(sql`${numberOf(attrOf(node.attr))} between ${finite(node.from, "range start")}::float8 and ${finite(node.to, "range end")}::float8`);
    case "in":
    case "notIn": {
      const attr = attrOf(node.attr);
      const any = node.values.length ? containsAny(attr, node.values) : sql`false`;
      return node.op === "in" ? any : sql`not ${any}`;
    }
    case "exists":
    case "notExists": {
      // Documents always carry their arrays (possibly empty).
      const has = ARRAY_ATTRIBUTES.has(attrOf(node.attr)) ? sql`true` : sql`(facts -> ${node.attr}::text) is not null`;
      return node.op === "exists" ? has : sql`not ${has}`;
    }
    case "isNull":
      if (ARRAY_ATTRIBUTES.has(attrOf(node.attr))) return sql`false`;
      return bool(sql`jsonb_typeof(facts -> ${node.attr}::text) = 'null'`);
    case "isEmpty":
      if (ARRAY_ATTRIBUTES.has(attrOf(node.attr))) return arrayEmpty(node.attr);
      return bool(sql`(facts -> ${node.attr}::text) in ('""'::jsonb, '[]'::jsonb, '{}'::jsonb)`);
    case "and":
    case "or": {
      const parts = node.items.filter((i): i is Filter => Boolean(i)).map((i) => compile(i, filterable)).filter((s): s is SQL => s !== null);
      if (parts.length === 0) {
        if (node.op === "and") return null;
        throw new FilterError("OR of no conditions");
      }
      if (parts.length === 1) return parts[0]!;
      return sql`(${sql.join(parts, node.op === "and" ? sql` and ` : sql` or `)})`;
    }
    case "not": {
      const inner = compile(node.item, filterable);
      if (inner === null) throw new FilterError("NOT of no condition");
      return sql`not (${inner})`;
    }
    case "geoRadius":
      if (!filterable.has("_geo")) throw new FilterError("_geo is not filterable here");
      return geoRadius(finite(node.lat, "latitude"), finite(node.lng, "longitude"), node.meters);
    case "geoBoundingBox":
      if (!filterable.has("_geo")) throw new FilterError("_geo is not filterable here");
      return geoBox(node.topRight, node.bottomLeft);
    default:
      throw new FilterError(`unknown filter operator ${JSON.stringify((node as { op?: unknown }).op)}`);
  }
}

/** The condition for an entity's filter, or null when it constrains nothing. Throws FilterError. */
export function toSqlFilter(entity: SearchEntity, node: Filter | null | undefined): SQL | null {
  if (!node) return null;
  return compile(node, new Set(FILTERABLE[entity]));
}

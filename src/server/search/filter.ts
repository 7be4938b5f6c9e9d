import "server-only";

/**
 * Search filters as data, so every engine translates the same structure: Meilisearch gets a filter
 * string from `toMeiliFilter` (every value quoted and escaped, never spliced in raw); the embedded
 * Postgres engine maps the same tree onto SQL with bound parameters.
 */
export type FilterValue = string | number | boolean;
export type Comparison = "=" | "!=" | ">" | ">=" | "<" | "<=";
export type LatLng = readonly [lat: number, lng: number];

export type Filter =
  | { op: Comparison; attr: string; value: FilterValue }
  | { op: "to"; attr: string; from: number; to: number }
  | { op: "in" | "notIn"; attr: string; values: readonly FilterValue[] }
  | { op: "exists" | "notExists" | "isNull" | "isEmpty"; attr: string }
  | { op: "and" | "or"; items: readonly (Filter | null | undefined | false)[] }
  | { op: "not"; item: Filter }
  | { op: "geoRadius"; lat: number; lng: number; meters: number }
  | { op: "geoBoundingBox"; topRight: LatLng; bottomLeft: LatLng };

/** Builders; `and`/`or` drop null/undefined/false items so optional conditions read naturally. */
export const f = {
  eq: (attr: string, value: FilterValue): Filter => ({ op: "=", attr, value }),
  ne: (attr: string, value: FilterValue): Filter => ({ op: "!=", attr, value }),
  gt: (attr: string, value: number): Filter => ({ op: ">", attr, value }),
  gte: (attr: string, value: number): Filter => ({ op: ">=", attr, value }),
  lt: (attr: string, value: number): Filter => ({ op: "<", attr, value }),
  lte: (attr: string, value: number): Filter => ({ op: "<=", attr, value }),
  between: (attr: string, from: number, to: number): Filter => ({ op: "to", attr, from, to }),
  in: (attr: string, values: readonly FilterValue[]): Filter => ({ op: "in", attr, values }),
  notIn: (attr: string, values: readonly FilterValue[]): Filter => ({ op: "notIn", attr, values }),
  exists: (attr: string): Filter => ({ op: "exists", attr }),
  notExists: (attr: string): Filter => ({ op: "notExists", attr }),
  isNull: (attr: string): Filter => ({ op: "isNull", attr }),
  isEmpty: (attr: string): Filter => ({ op: "isEmpty", attr }),
  and: (...items: (Filter | null | undefined | false)[]): Filter => ({ op: "and", items }),
  or: (...items: (Filter | null | undefined | false)[]): Filter => ({ op: "or", items }),
  not: (item: Filter): Filter => ({ op: "not", item }),
  geoRadius: (lat: number, lng: number, meters: number): Filter => ({ op: "geoRadius", lat, lng, meters }),
  geoBoundingBox: (topRight: LatLng, bottomLeft: LatLng): Filter => ({ op: "geoBoundingBox", topRight, bottomLeft }),
};

export class FilterError extends Error {}

// Attribute names go into the filter unquoted, so they are restricted to a safe identifier form
// (dotted paths for nested fields); anything else is a programming error, not user input.
const ATTR = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function attr(name: string): string {
  if (!ATTR.test(name)) throw new FilterError(`invalid filter attribute: ${JSON.stringify(name)}`);
  return name;
}

/** A string value in double quotes with `\` and `"` escaped, per the Meilisearch filter grammar. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function number(n: number): string {
  if (!Number.isFinite(n)) throw new FilterError(`filter number must be finite, got ${n}`);
  const s = String(n);
  // Plain decimal notation: no exponent for very large or small values.
  return /e/i.test(s) ? n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

function value(v: FilterValue): string {
  if (typeof v === "number") return number(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v !== "string") throw new FilterError(`unsupported filter value: ${typeof v}`);
  return quote(v);
}

function compile(node: Filter): string | null {
  switch (node.op) {
    case "=":
    case "!=":
    case ">":
    case ">=":
    case "<":
    case "<=":
      if ((node.op !== "=" && node.op !== "!=") && typeof node.value !== "number") throw new FilterError(`${node.op} needs a number`);
      return `${attr(node.attr)} ${node.op} ${value(node.value)}`;
    case "to":
      return `${attr(node.attr)} ${number(node.from)} TO ${number(node.to)}`;
    case "in":
      return `${attr(node.attr)} IN [${node.values.map(value).join(", ")}]`;
    case "notIn":
      return `${attr(node.attr)} NOT IN [${node.values.map(value).join(", ")}]`;
    case "exists":
      return `${attr(node.attr)} EXISTS`;
    case "notExists":
      return `${attr(node.attr)} NOT EXISTS`;
    case "isNull":
      return `${attr(node.attr)} IS NULL`;
    case "isEmpty":
      return `${attr(node.attr)} IS EMPTY`;
    case "and":
    case "or": {
      const parts = node.items.filter((i): i is Filter => Boolean(i)).map(compile).filter((s): s is string => s !== null);
      if (parts.length === 0) {
        // An empty AND constrains nothing; an empty OR would match nothing, which is never meant.
        if (node.op === "and") return null;
        throw new FilterError("OR of no conditions");
      }
      if (parts.length === 1) return parts[0]!;
      return `(${parts.join(node.op === "and" ? " AND " : " OR ")})`;
    }
    case "not": {
      const inner = compile(node.item);
      if (inner === null) throw new FilterError("NOT of no condition");
      return `NOT (${inner})`;
    }
    case "geoRadius":
      if (node.meters < 0) throw new FilterError("geo radius must not be negative");
      return `_geoRadius(${number(node.lat)}, ${number(node.lng)}, ${number(node.meters)})`;
    case "geoBoundingBox":
      return `_geoBoundingBox([${number(node.topRight[0])}, ${number(node.topRight[1])}], [${number(node.bottomLeft[0])}, ${number(node.bottomLeft[1])}])`;
  }
}

/** The Meilisearch filter string for a tree, or undefined when it constrains nothing. */
export function toMeiliFilter(node: Filter | null | undefined): string | undefined {
  if (!node) return undefined;
  return compile(node) ?? undefined;
}

/** Every attribute a tree filters on (engines check them against their filterable attributes). */
export function filterAttributes(node: Filter | null | undefined, out = new Set<string>()): Set<string> {
  if (!node) return out;
  switch (node.op) {
    case "and":
    case "or":
      for (const i of node.items) if (i) filterAttributes(i, out);
      break;
    case "not":
      filterAttributes(node.item, out);
      break;
    case "geoRadius":
    case "geoBoundingBox":
      out.add("_geo");
      break;
    default:
      out.add(node.attr);
  }
  return out;
}

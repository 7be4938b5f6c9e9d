/**
 * Entity resolution of incoming firm rows against existing organisations, pure: plain records in,
 * a decision per row and the resulting records out. Per row: rejected (not in China, province
 * unknown, unreadable), merged into an organisation (same USCC, or a score ≥ MERGE_THRESHOLD) or
 * unchanged when that adds nothing, review against the candidates scoring ≥ REVIEW_THRESHOLD, else
 * created. Rows of the same file are resolved against each other too (the lists repeat), so
 * resolving a list against its own result creates nothing new.
 */
import { englishMessage } from "../import/messages";
import { checkUscc } from "../uscc";
import { nameKey, normaliseAddress, normaliseName } from "./normalise";
import { checkCoordinates, statedPlace, type CoordFlag, type StatedPlace } from "./place";
import { blockedApart, blockingKeys, compare, lookupKeys, mayMatch, REVIEW_THRESHOLD, type Comparison, type Entity, type ScorePart, type ScoreRule } from "./score";

export type SourcedField = "name" | "alias" | "uscc" | "province" | "city" | "county" | "address" | "coordinates";

/** Where a field's value came from: `source` names the list (file) and line, or the caller's label. */
export interface FieldSource {
  field: SourcedField;
  value: string;
  source: string;
}

export interface OrgRecord {
  id: string;
  name: string;
  aliases: string[];
  uscc: string | null;
  provinceAdcode: string;
  cityAdcode: string | null;
  countyAdcode: string | null;
  address: string | null;
  /** Only coordinates that passed the place check are kept. */
  lat: number | null;
  lng: number | null;
  sources: FieldSource[];
  /** Fields an import must not write, even when empty (the owner's data wins). */
  locked?: readonly SourcedField[];
}

export interface IncomingRow {
  line: number;
  name: string;
  country: string;
  address: string;
  lat: number | null;
  lng: number | null;
  uscc?: string | null;
}

export type Outcome = "created" | "merged" | "review" | "unchanged" | "rejected";
export type RowFlag = CoordFlag | "uscc_invalid";

export interface Reason {
  /** i18n key (`imports.osh.reasons.*`) with its parameters, and the same in English. */
  code: string;
  params: Record<string, string | number>;
  message: string;
}

export interface CandidateMatch {
  id: string;
  name: string;
  score: number;
  rule: ScoreRule | null;
  parts: ScorePart[];
}

export interface RowDecision {
  line: number;
  name: string;
  outcome: Outcome;
  flags: RowFlag[];
  reason: Reason;
  /** The organisation created, merged into or matched; null for review and rejected rows. */
  organizationId: string | null;
  /** Merged: the fields the row added ("alias", "address", …). */
  changes: SourcedField[];
  /** Review: the organisations to compare side by side, best first (also the match for merged/unchanged). */
  candidates: CandidateMatch[];
  /** The record the row describes, as it would be created (null when rejected). */
  incoming: Omit<OrgRecord, "id"> | null;
  place: StatedPlace | null;
}

export interface ResolveCounts {
  created: number;
  merged: number;
  review: number;
  unchanged: number;
  rejected: number;
  /** Rows with at least one flag, whatever their outcome. */
  flagged: number;
}

export interface ResolveResult {
  rows: RowDecision[];
  /** The existing organisations (updated by merges) followed by the created ones. */
  organizations: OrgRecord[];
  counts: ResolveCounts;
}

export interface ResolveOptions {
  /** Label for field sources, usually the file name ("Winter_2019_Compliance_List.csv"). */
  source: string;
  /** Id for a created organisation; default `${source}#${line}`. */
  newId?: (row: IncomingRow) => string;
  /** How many review candidates to keep per row (default 3). */
  maxCandidates?: number;
}

const R = "imports.osh.reasons";

export function reason(code: string, params: Record<string, string | number> = {}): Reason {
  return { code, params, message: englishMessage(code, params) };
}

/** A record prepared for scoring. */
export function entityOf(org: Omit<OrgRecord, "id" | "sources">): Entity {
  return {
    names: [org.name, ...org.aliases].map(normaliseName),
    uscc: org.uscc,
    provinceAdcode: org.provinceAdcode,
    cityAdcode: org.cityAdcode,
    countyAdcode: org.countyAdcode,
    address: org.address ? normaliseAddress(org.address) : null,
    point: org.lat !== null && org.lng !== null ? { lat: org.lat, lng: org.lng } : null,
  };
}

/** Files records under their blocking keys and finds the candidates of a new one. */
class CandidateIndex {
  private readonly byKey = new Map<string, Set<number>>();
  readonly entities: Entity[] = [];

  put(i: number, e: Entity) {
    this.entities[i] = e;
    for (const k of blockingKeys(e)) {
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(i);
    }
  }

  candidates(e: Entity): number[] {
    const out = new Set<number>();
    for (const k of lookupKeys(e)) for (const i of this.byKey.get(k) ?? []) out.add(i);
    return [...out].filter((i) => !blockedApart(e, this.entities[i]!) && mayMatch(e, this.entities[i]!)).sort((a, b) => a - b);
  }
}

function recordOf(row: IncomingRow, place: StatedPlace, point: { lat: number; lng: number } | null, uscc: string | null, source: string): Omit<OrgRecord, "id"> {
  const at = `${source}:${row.line}`;
  const record: Omit<OrgRecord, "id"> = {
    name: row.name,
    aliases: [],
    uscc,
    provinceAdcode: place.provinceAdcode!,
    cityAdcode: place.cityAdcode,
    countyAdcode: place.countyAdcode,
    address: row.address || null,
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    sources: [],
  };
  const add = (field: SourcedField, value: string | null) => value && record.sources.push({ field, value, source: at });
  add("name", record.name);
  add("uscc", uscc);
  add("province", record.provinceAdcode);
  add("city", record.cityAdcode);
  add("county", record.countyAdcode);
  add("address", record.address);
  add("coordinates", point ? `${point.lat},${point.lng}` : null);
  return record;
}

/**
 * Adds what the incoming record knows and the organisation does not (never a field it has `locked`);
 * returns the fields added. Modifies `org`.
 */
export function mergeInto(org: OrgRecord, incoming: Omit<OrgRecord, "id">): SourcedField[] {
  const changes: SourcedField[] = [];
  const from = (field: SourcedField) => incoming.sources.find((s) => s.field === field || (field === "alias" && s.field === "name"));
  const note = (field: SourcedField, value: string) => {
    changes.push(field);
    org.sources.push({ field, value, source: from(field)?.source ?? "" });
  };
  const known = new Set([org.name, ...org.aliases].map(nameKey));
  if (!known.has(nameKey(incoming.name))) {
    org.aliases.push(incoming.name);
    note("alias", incoming.name);
  }
  const open = (field: SourcedField) => !org.locked?.includes(field);
  if (open("uscc") && !org.uscc && incoming.uscc) note("uscc", (org.uscc = incoming.uscc));
  const sameProvince = org.provinceAdcode === incoming.provinceAdcode;
  if (open("city") && sameProvince && !org.cityAdcode && incoming.cityAdcode) note("city", (org.cityAdcode = incoming.cityAdcode));
  if (open("county") && sameProvince && !org.countyAdcode && incoming.countyAdcode && org.cityAdcode === incoming.cityAdcode) note("county", (org.countyAdcode = incoming.countyAdcode));
  if (open("address") && !org.address && incoming.address) note("address", (org.address = incoming.address));
  if (open("coordinates") && (org.lat === null || org.lng === null) && incoming.lat !== null && incoming.lng !== null) {
    org.lat = incoming.lat;
    org.lng = incoming.lng;
    note("coordinates", `${incoming.lat},${incoming.lng}`);
  }
  return changes;
}

function countsOf(rows: RowDecision[]): ResolveCounts {
  const counts: ResolveCounts = { created: 0, merged: 0, review: 0, unchanged: 0, rejected: 0, flagged: 0 };
  for (const r of rows) {
    counts[r.outcome]++;
    if (r.flags.length > 0) counts.flagged++;
  }
  return counts;
}

const rejected = (row: Pick<IncomingRow, "line" | "name">, why: Reason, place: StatedPlace | null = null): RowDecision => ({
  line: row.line,
  name: row.name,
  outcome: "rejected",
  flags: [],
  reason: why,
  organizationId: null,
  changes: [],
  candidates: [],
  incoming: null,
  place,
});

/** Resolves rows in order against `existing` (not modified: the result holds updated copies). */
export function resolveRows(rows: readonly IncomingRow[], existing: readonly OrgRecord[], options: ResolveOptions): ResolveResult {
  const orgs: OrgRecord[] = existing.map((o) => ({ ...o, aliases: [...o.aliases], sources: [...o.sources] }));
  const createdAt = new Map<string, number>();
  const index = new CandidateIndex();
  orgs.forEach((o, i) => index.put(i, entityOf(o)));
  const newId = options.newId ?? ((row: IncomingRow) => `${options.source}#${row.line}`);
  const decisions: RowDecision[] = [];

  for (const row of rows) {
    const place = statedPlace(row.country, row.address, row.name);
    if (!place.inChina) {
      decisions.push(rejected(row, reason(`${R}.notInChina`, { country: row.country }), place));
      continue;
    }
    if (!place.provinceAdcode) {
      decisions.push(rejected(row, reason(`${R}.unknownProvince`), place));
      continue;
    }
    const flags: RowFlag[] = [];
    const coords = checkCoordinates(place, row.lat, row.lng);
    flags.push(...coords.flags);
    let uscc: string | null = null;
    if (row.uscc) {
      const checked = checkUscc(row.uscc);
      if (checked.ok) uscc = checked.value;
      else flags.push("uscc_invalid");
    }
    const incoming = recordOf(row, place, coords.point, uscc, options.source);
    const entity = entityOf(incoming);
    const scored = index
      .candidates(entity)
      .map((i) => ({ i, c: compare(entity, index.entities[i]!) }))
      .filter(({ c }) => c.score >= REVIEW_THRESHOLD)
      .sort((a, b) => b.c.score - a.c.score || a.i - b.i);
    const toCandidate = ({ i, c }: { i: number; c: Comparison }): CandidateMatch => ({ id: orgs[i]!.id, name: orgs[i]!.name, score: c.score, rule: c.rule, parts: c.parts });
    const base = { line: row.line, name: row.name, flags, incoming, place };
    const best = scored[0];

    if (best && best.c.verdict === "same") {
      const org = orgs[best.i]!;
      const changes = mergeInto(org, incoming);
      if (changes.length > 0) index.put(best.i, entityOf(org));
      const firstLine = createdAt.get(org.id);
      const why =
        best.c.rule === "usccEqual"
          ? reason(`${R}.sameUscc`, { name: org.name })
          : firstLine !== undefined
            ? reason(`${R}.repeatInFile`, { line: firstLine, name: org.name })
            : reason(`${R}.sameFirm`, { name: org.name, score: best.c.score });
      decisions.push({ ...base, outcome: changes.length > 0 ? "merged" : "unchanged", reason: why, organizationId: org.id, changes, candidates: [toCandidate(best)] });
    } else if (best) {
      const candidates = scored.slice(0, options.maxCandidates ?? 3).map(toCandidate);
      decisions.push({ ...base, outcome: "review", reason: reason(`${R}.possibleMatch`, { name: orgs[best.i]!.name, score: best.c.score }), organizationId: null, changes: [], candidates });
    } else {
      const org: OrgRecord = { id: newId(row), ...incoming, aliases: [], sources: [...incoming.sources] };
      orgs.push(org);
      index.put(orgs.length - 1, entity);
      createdAt.set(org.id, row.line);
      decisions.push({ ...base, outcome: "created", reason: reason(`${R}.newFirm`), organizationId: org.id, changes: [], candidates: [] });
    }
  }
  return { rows: decisions, organizations: orgs, counts: countsOf(decisions) };
}

import "server-only";
import { and, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { FieldSource, OrgRecord, SourcedField } from "@/domain/resolution";
import { SHANDONG_ADCODE } from "@/domain/taxonomy";
import type { Db } from "../db/types";
import { auditLog, organizationAliases, organizations, sites } from "../db/schema";
import { enqueueOrganizationDocuments } from "../search/outbox";
import { writeAudit } from "./audit";

/**
 * Organisations as entity resolution sees them (`OrgRecord`), read from and written back to the
 * database: the import of a facility list and the review queue's decisions share these, so a
 * merge is written the same way whoever decides it.
 *
 * Field sources (`organizations.field_sources`): `{ address: { source, at, line? } }`, where source
 * is `import:<jobId>`, `owner` or `centre:<orgId>`. An organisation with an owner (a signed-up or
 * claimed firm) has every field locked: an import adds other names as aliases and nothing else.
 */

export type FieldSources = Record<string, { source: string; at: string; line?: number }>;

export const SOURCED_FIELDS = ["name", "uscc", "province", "city", "county", "address", "coordinates"] as const satisfies readonly SourcedField[];

/** Profile columns and the sourced field each one holds. */
const COLUMN_FIELD: Record<string, SourcedField> = {
  nameZh: "name",
  uscc: "uscc",
  provinceAdcode: "province",
  cityAdcode: "city",
  countyAdcode: "county",
  address: "address",
  lat: "coordinates",
  lng: "coordinates",
};

/**
 * The owner's sources for the profile columns they just wrote (sign-up, profile edit, approved
 * claim); a service centre writing for a firm it manages passes `centre:<centreOrgId>`.
 */
export function ownerSources(columns: Iterable<string>, at: Date, source = "owner"): FieldSources {
  const out: FieldSources = {};
  for (const c of columns) {
    const field = COLUMN_FIELD[c];
    if (field) out[field] = { source, at: at.toISOString() };
  }
  return out;
}

/** `import:<jobId>:<line>` (how the domain labels a row) → `{ source: "import:<jobId>", line }`. */
function sourceOf(label: string, at: Date): { source: string; at: string; line?: number } {
  const m = /^(.*):(\d+)$/.exec(label);
  return m ? { source: m[1]!, at: at.toISOString(), line: Number(m[2]) } : { source: label, at: at.toISOString() };
}

/** The field sources a record's new `sources` add (the last one of a field wins; aliases have their own table). */
function sourcesPatch(sources: readonly FieldSource[], at: Date): FieldSources {
  const out: FieldSources = {};
  for (const s of sources) if (s.field !== "alias") out[s.field] = sourceOf(s.source, at);
  return out;
}

function aliasRows(orgId: string, names: readonly string[], sources: readonly FieldSource[], at: Date) {
  return names.map((name) => {
    const s = sources.find((x) => x.field === "alias" && x.value === name) ?? sources.find((x) => x.field === "name");
    return { organizationId: orgId, name, source: s ? sourceOf(s.source, at).source : "import", createdAt: at };
  });
}

/** Whether the organisation has an owner (signed up, or claimed and approved). */
// Spelled out: drizzle renders a lone table's columns unqualified, and "id" would then be the membership's.
export const ownedOrganization = sql<boolean>`exists (select 1 from memberships m where m.organization_id = "organizations"."id" and m.role = 'owner')`;

/** Organisations matching `where` (platform accounts excluded) as resolution records: aliases, English name, locks. */
export async function loadOrgRecords(db: Db, where: SQL | undefined): Promise<OrgRecord[]> {
  const filter = and(ne(organizations.type, "platform"), where);
  const rows = await db
    .select({
      id: organizations.id,
      nameZh: organizations.nameZh,
      nameEn: organizations.nameEn,
      uscc: organizations.uscc,
      provinceAdcode: organizations.provinceAdcode,
      cityAdcode: organizations.cityAdcode,
      countyAdcode: organizations.countyAdcode,
      address: organizations.address,
      lat: organizations.lat,
      lng: organizations.lng,
      fieldSources: organizations.fieldSources,
      owned: ownedOrganization,
    })
    .from(organizations)
    .where(filter)
    .orderBy(organizations.createdAt, organizations.id);
  const aliases = new Map<string, string[]>();
  if (rows.length > 0) {
    const found = await db
      .select({ organizationId: organizationAliases.organizationId, name: organizationAliases.name })
      .from(organizationAliases)
      .where(inArray(organizationAliases.organizationId, db.select({ id: organizations.id }).from(organizations).where(filter)))
      .orderBy(organizationAliases.createdAt, organizationAliases.name);
    for (const a of found) aliases.set(a.organizationId, [...(aliases.get(a.organizationId) ?? []), a.name]);
  }
  return rows.map((o) => {
    const own = aliases.get(o.id) ?? [];
    const locked: SourcedField[] = o.owned ? [...SOURCED_FIELDS] : SOURCED_FIELDS.filter((f) => o.fieldSources[f]?.source === "owner");
    return {
      id: o.id,
      name: o.nameZh,
      aliases: o.nameEn && o.nameEn !== o.nameZh && !own.includes(o.nameEn) ? [o.nameEn, ...own] : own,
      uscc: o.uscc,
      provinceAdcode: o.provinceAdcode,
      cityAdcode: o.cityAdcode,
      countyAdcode: o.countyAdcode,
      address: o.address,
      lat: o.lat,
      lng: o.lng,
      // Only the sources this run adds are written back; what is stored stays in field_sources.
      sources: [],
      locked,
    };
  });
}

/**
 * The organisations rows in these places could match: the whole province, except in Shandong where
 * a row with a city only meets organisations of that city or of no city (resolution blocks the rest).
 */
export async function loadCandidates(db: Db, places: ReadonlyArray<{ provinceAdcode: string; cityAdcode: string | null }>): Promise<OrgRecord[]> {
  const provinces = new Set(places.map((p) => p.provinceAdcode));
  if (provinces.size === 0) return [];
  const shandong = places.filter((p) => p.provinceAdcode === SHANDONG_ADCODE);
  const conds: SQL[] = [];
  const others = [...provinces].filter((p) => p !== SHANDONG_ADCODE);
  if (others.length > 0) conds.push(inArray(organizations.provinceAdcode, others));
  if (shandong.length > 0) {
    const inShandong = eq(organizations.provinceAdcode, SHANDONG_ADCODE);
    const cities = [...new Set(shandong.map((p) => p.cityAdcode))];
    if (cities.includes(null)) conds.push(inShandong);
    else conds.push(and(inShandong, or(isNull(organizations.cityAdcode), inArray(organizations.cityAdcode, cities as string[])))!);
  }
  return loadOrgRecords(db, or(...conds));
}

/**
 * When a firm renames itself, its former names stay as aliases: a later list that spells the old
 * name still finds the organisation instead of creating another.
 */
export async function keepFormerNames(tx: Db, organizationId: string, before: { nameZh: string; nameEn: string | null }, after: { nameZh: string; nameEn: string | null }) {
  const former = [before.nameZh, before.nameEn].filter((n): n is string => !!n && n !== after.nameZh && n !== after.nameEn);
  if (former.length > 0) await tx.insert(organizationAliases).values(former.map((name) => ({ organizationId, name, source: "owner" }))).onConflictDoNothing();
}

export interface WriteMeta {
  jobId: string;
  actorUserId: string | null;
  /** The service centre whose import (or review decision) this is; null for the platform. */
  centreOrgId: string | null;
  at: Date;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const CHUNK = 500;

/** Inserts organisations a list created (ids chosen by the caller), one site each, their aliases and audit rows. */
export async function insertImportedOrgs(tx: Db, records: readonly OrgRecord[], meta: WriteMeta & { lines?: ReadonlyMap<string, number> }): Promise<void> {
  for (const part of chunks(records, CHUNK)) {
    await tx.insert(organizations).values(
      part.map((r) => ({
        id: r.id,
        type: "sme" as const,
        nameZh: r.name,
        uscc: r.uscc,
        provinceAdcode: r.provinceAdcode,
        cityAdcode: r.cityAdcode,
        countyAdcode: r.countyAdcode,
        address: r.address,
        lat: r.lat,
        lng: r.lng,
        fieldSources: sourcesPatch(r.sources, meta.at),
        createdVia: meta.centreOrgId ? ("centre" as const) : ("import" as const),
        createdByOrgId: meta.centreOrgId,
        createdAt: meta.at,
        updatedAt: meta.at,
      })),
    );
    await tx.insert(sites).values(
      part.map((r) => ({ organizationId: r.id, address: r.address, provinceAdcode: r.provinceAdcode, cityAdcode: r.cityAdcode, countyAdcode: r.countyAdcode, lat: r.lat, lng: r.lng, createdAt: meta.at })),
    );
    const aliases = part.flatMap((r) => aliasRows(r.id, r.aliases, r.sources, meta.at));
    if (aliases.length > 0) await tx.insert(organizationAliases).values(aliases).onConflictDoNothing();
    // `importedBy` is what the Listings import reads to let a service centre update the firms it onboarded.
    await tx.insert(auditLog).values(
      part.map((r) => ({
        organizationId: r.id,
        actorUserId: meta.actorUserId,
        action: "organization.imported",
        entityType: "organization",
        entityId: r.id,
        changes: { importedBy: meta.centreOrgId ?? "platform", jobId: meta.jobId, format: "osh", line: meta.lines?.get(r.id) ?? null },
        createdAt: meta.at,
      })),
    );
  }
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * Writes what merges added to existing organisations: `after` against the record as loaded. New
 * aliases go to their table; filled fields to the organisation (and its sites where they are empty),
 * with their sources; documents of a changed organisation are re-sent to search. Returns the ids changed.
 */
export async function applyMerges(tx: Db, before: ReadonlyMap<string, OrgRecord>, after: readonly OrgRecord[], meta: WriteMeta): Promise<string[]> {
  const changed: string[] = [];
  for (const org of after) {
    const was = before.get(org.id);
    if (!was) continue;
    const newAliases = org.aliases.filter((a) => !was.aliases.includes(a));
    const set: Partial<typeof organizations.$inferInsert> = {};
    if (!same(was.uscc, org.uscc)) set.uscc = org.uscc;
    if (!same(was.cityAdcode, org.cityAdcode)) set.cityAdcode = org.cityAdcode;
    if (!same(was.countyAdcode, org.countyAdcode)) set.countyAdcode = org.countyAdcode;
    if (!same(was.address, org.address)) set.address = org.address;
    if (!same(was.lat, org.lat) || !same(was.lng, org.lng)) Object.assign(set, { lat: org.lat, lng: org.lng });
    const added = org.sources.slice(was.sources.length);
    if (newAliases.length === 0 && Object.keys(set).length === 0) continue;
    changed.push(org.id);
    if (newAliases.length > 0) await tx.insert(organizationAliases).values(aliasRows(org.id, newAliases, added, meta.at)).onConflictDoNothing();
    if (Object.keys(set).length > 0) {
      const patch = sourcesPatch(added, meta.at);
      await tx
        .update(organizations)
        .set({ ...set, fieldSources: sql`${organizations.fieldSources} || ${JSON.stringify(patch)}::jsonb`, updatedAt: meta.at })
        .where(eq(organizations.id, org.id));
      await fillSites(tx, org, set);
      await enqueueOrganizationDocuments(tx, org.id);
    }
    await writeAudit(tx, {
      organizationId: org.id,
      actorUserId: meta.actorUserId,
      action: "organization.mergedByImport",
      entityType: "organization",
      entityId: org.id,
      changes: { jobId: meta.jobId, by: meta.centreOrgId ?? "platform", aliases: newAliases, ...set },
    });
  }
  return changed;
}

/** The organisation's sites get what they lack of the filled fields; an organisation without a site gets one. */
async function fillSites(tx: Db, org: OrgRecord, set: Partial<typeof organizations.$inferInsert>) {
  const [any] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.organizationId, org.id)).limit(1);
  if (!any) {
    await tx.insert(sites).values({ organizationId: org.id, address: org.address, provinceAdcode: org.provinceAdcode, cityAdcode: org.cityAdcode, countyAdcode: org.countyAdcode, lat: org.lat, lng: org.lng });
    return;
  }
  if (set.address) await tx.update(sites).set({ address: set.address }).where(and(eq(sites.organizationId, org.id), isNull(sites.address)));
  if (set.lat !== undefined && set.lng !== undefined)
    await tx.update(sites).set({ lat: set.lat, lng: set.lng }).where(and(eq(sites.organizationId, org.id), or(isNull(sites.lat), isNull(sites.lng))));
  if (set.cityAdcode) await tx.update(sites).set({ cityAdcode: set.cityAdcode }).where(and(eq(sites.organizationId, org.id), isNull(sites.cityAdcode)));
  if (set.countyAdcode) await tx.update(sites).set({ countyAdcode: set.countyAdcode }).where(and(eq(sites.organizationId, org.id), isNull(sites.countyAdcode)));
}

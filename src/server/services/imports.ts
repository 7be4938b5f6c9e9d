import "server-only";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import {
  groupRows,
  issue,
  readListingsSheet,
  validateSheet,
  type ImportIssue,
  type ImportListingRecord,
  type ImportRow,
  type ImportSite,
  type SourceEncoding,
} from "@/domain/import";
import type { Db } from "../db/types";
import { auditLog, certifications, importJobs, listingCertifications, listings, organizations, sites } from "../db/schema";
import { invalid } from "../errors";
import { enqueueSearchUpdate } from "../search/outbox";
import { planCompanies, writeCompanies } from "./imports-companies";

/**
 * Bulk import of the Listings CSV/XLSX (formats §1). Every row is validated first (pure, in
 * src/domain/import); then companies are resolved against the database and the account's rights,
 * rows are compared with what is stored (created / updated / unchanged) and written in batches of
 * about 1,000 rows per transaction, a failing batch being retried row by row.
 *
 * Accounts and what they may touch:
 * - the platform (CLI, `ref_owner` = `platform`): any organisation; creates the ones it does not find;
 * - a service centre (`org:<id>`): itself, organisations it created by import before (recorded as an
 *   `organization.imported` audit row with `importedBy`), and new ones; others are refused;
 * - any other organisation (`org:<id>`): rows must describe itself (same USCC, else same name); its
 *   profile is never changed by an import (that goes through the profile page and verification).
 */

export type ImportAccount = { kind: "platform" } | { kind: "org"; organizationId: string };

export interface ImportReport {
  jobId: string | null;
  encoding: SourceEncoding;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Per accepted row: its ref and outcome (not part of the CLI's JSON line). */
  rows: Array<{ line: number; ref: string; outcome: "created" | "updated" | "unchanged"; listingId: string | null }>;
}

export const IMPORT_BATCH_SIZE = 1000;
const CHUNK = 1000;

type OrgRow = typeof organizations.$inferSelect;
type ListingRow = typeof listings.$inferSelect;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const siteKey = (orgId: string, s: ImportSite | typeof sites.$inferSelect) =>
  JSON.stringify([orgId, s.address ?? null, s.provinceAdcode, s.cityAdcode ?? null, s.countyAdcode ?? null, s.lat ?? null, s.lng ?? null]);
const certKey = (orgId: string, schemeId: string, validTo: string | null) => `${orgId}|${schemeId}|${validTo ?? ""}`;

const RECORD_FIELDS = [
  "kind",
  "chainLink",
  "processes",
  "products",
  "fibers",
  "title",
  "description",
  "capacityValue",
  "capacityUnit",
  "capacityInputValue",
  "capacityInputUnit",
  "moqValue",
  "moqUnit",
  "moqInputValue",
  "moqInputUnit",
  "leadTimeDays",
  "yarnCountNeMin",
  "yarnCountNeMax",
  "gsmMin",
  "gsmMax",
  "widthCmMax",
  "equipment",
  "priceValue",
  "priceUnit",
  "priceTaxIncluded",
  "availableFrom",
  "availableTo",
] as const satisfies ReadonlyArray<keyof ImportListingRecord>;

/** JSON with object keys sorted (jsonb does not keep key order). */
function stable(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
  );
}

function sameRecord(a: ImportListingRecord, b: ListingRow): boolean {
  return RECORD_FIELDS.every((f) => stable(a[f]) === stable(b[f]));
}

interface Plan {
  row: ImportRow;
  orgId: string;
  outcome: "created" | "updated" | "unchanged";
  existing?: ListingRow;
}

interface RunInput {
  bytes: Uint8Array;
  fileName?: string | null;
  account: ImportAccount;
  userId?: string | null;
  now?: Date;
  batchSize?: number;
  /** Tests only: makes the write of these refs fail, to exercise the row-by-row fallback. */
  failRefs?: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
  /** The file already read by analyseListingsFile (the CLI reads it before opening the database). */
  analysed?: Awaited<ReturnType<typeof analyseListingsFile>>;
}

/** Reads and validates without touching the database. Throws ImportRefusal for a file refused whole. */
export async function analyseListingsFile(bytes: Uint8Array) {
  const sheet = await readListingsSheet(bytes);
  return { sheet, validation: validateSheet(sheet) };
}

export async function importListingsFile(db: Db, input: RunInput): Promise<ImportReport> {
  const { sheet, validation } = input.analysed ?? (await analyseListingsFile(input.bytes));
  const at = input.now ?? new Date();
  const actor = input.userId ?? null;
  const refOwner = input.account.kind === "platform" ? "platform" : `org:${input.account.organizationId}`;
  const errors = [...validation.errors];
  const warnings = [...validation.warnings];
  const rejected = new Set(validation.rejectedLines);
  const reject = (row: ImportRow, column: string, code: string, params: Record<string, string | number> = {}) => {
    errors.push(issue(row.line, column, code, params));
    rejected.add(row.line);
  };

  // ---- the importing account
  let account: OrgRow | null = null;
  if (input.account.kind === "org") {
    [account] = (await db.select().from(organizations).where(eq(organizations.id, input.account.organizationId))) as [OrgRow];
    if (!account) throw invalid("notFound");
  }

  // ---- companies → organisations (imports-companies.ts)
  const groups = groupRows(validation.rows);
  const { orgOfGroup, newOrgs, orgUpdates } = await planCompanies(db, { account, importAccount: input.account, groups, reject });

  // ---- existing listings of this account, by ref
  const accepted = validation.rows.filter((r) => !rejected.has(r.line));
  const existingByRef = new Map<string, ListingRow>();
  for (const part of chunks(
    accepted.map((r) => r.ref),
    CHUNK,
  ))
    for (const l of await db
      .select()
      .from(listings)
      .where(and(eq(listings.refOwner, refOwner), inArray(listings.ref, part))))
      existingByRef.set(l.ref!, l);

  // ---- the import job (its id goes into the audit rows)
  const [job] = await db
    .insert(importJobs)
    .values({ organizationId: account?.id ?? null, userId: actor, format: "listings", fileName: input.fileName ?? null })
    .returning({ id: importJobs.id });
  const jobId = job!.id;

  // ---- organisations: created and updated first (all in one transaction, else one by one)
  await writeCompanies(db, { orgOfGroup, newOrgs, orgUpdates }, { account, groups, jobId, actor, at, rejected, reject });

  // ---- sites and certificates already stored for these organisations
  const orgIds = [...new Set(orgOfGroup.values())];
  const siteIds = new Map<string, string>();
  const siteById = new Map<string, typeof sites.$inferSelect>();
  const certIds = new Map<string, string>();
  const certById = new Map<string, typeof certifications.$inferSelect>();
  for (const part of chunks(orgIds, CHUNK)) {
    for (const s of await db.select().from(sites).where(inArray(sites.organizationId, part))) {
      siteById.set(s.id, s);
      if (!siteIds.has(siteKey(s.organizationId, s))) siteIds.set(siteKey(s.organizationId, s), s.id);
    }
    for (const c of await db.select().from(certifications).where(inArray(certifications.organizationId, part))) {
      certById.set(c.id, c);
      certIds.set(certKey(c.organizationId, c.schemeId, c.validTo), c.id);
    }
  }
  const linkedCerts = new Map<string, string[]>(); // listing id → sorted cert keys
  const existingIds = [...existingByRef.values()].map((l) => l.id);
  for (const part of chunks(existingIds, CHUNK))
    for (const link of await db.select().from(listingCertifications).where(inArray(listingCertifications.listingId, part))) {
      const c = certById.get(link.certificationId);
      const list = linkedCerts.get(link.listingId) ?? [];
      list.push(c ? certKey(c.organizationId, c.schemeId, c.validTo) : link.certificationId);
      linkedCerts.set(link.listingId, list);
    }

  // ---- compare each accepted row with what is stored
  const plans: Plan[] = [];
  for (const row of validation.rows) {
    if (rejected.has(row.line)) continue;
    const orgId = orgOfGroup.get(row.groupKey);
    if (!orgId) continue; // its company was refused above
    const existing = existingByRef.get(row.ref);
    if (!existing) {
      plans.push({ row, orgId, outcome: "created" });
      continue;
    }
    const site = existing.siteId ? siteById.get(existing.siteId) : undefined;
    const sameSite = site !== undefined && siteKey(site.organizationId, site) === siteKey(orgId, row.site);
    const wantCerts = row.certifications.map((c) => certKey(orgId, c.schemeId, c.validTo)).sort();
    const haveCerts = [...(linkedCerts.get(existing.id) ?? [])].sort();
    const same = existing.organizationId === orgId && sameSite && JSON.stringify(wantCerts) === JSON.stringify(haveCerts) && sameRecord(row.listing, existing);
    plans.push({ row, orgId, existing, outcome: same ? "unchanged" : "updated" });
  }

  // ---- write created and updated rows in batches
  const toWrite = plans.filter((p) => p.outcome !== "unchanged");
  const listingIdByRef = new Map<string, string>();
  for (const p of plans) if (p.existing) listingIdByRef.set(p.row.ref, p.existing.id);
  const failed = new Set<number>();
  const batchSize = input.batchSize ?? IMPORT_BATCH_SIZE;

  const writeBatch = async (tx: Db, batch: Plan[]) => {
    if (input.failRefs) for (const p of batch) if (input.failRefs.has(p.row.ref)) throw new Error(`simulated failure for ${p.row.ref}`);
    const newSites = new Map<string, typeof sites.$inferInsert>();
    const newCerts = new Map<string, typeof certifications.$inferInsert>();
    for (const p of batch) {
      const sk = siteKey(p.orgId, p.row.site);
      if (!siteIds.has(sk)) newSites.set(sk, { organizationId: p.orgId, ...p.row.site });
      for (const c of p.row.certifications) {
        const ck = certKey(p.orgId, c.schemeId, c.validTo);
        if (!certIds.has(ck)) newCerts.set(ck, { organizationId: p.orgId, schemeId: c.schemeId, validTo: c.validTo });
      }
    }
    const batchSites = new Map<string, string>();
    if (newSites.size > 0) {
      const keys = [...newSites.keys()];
      const made = await tx.insert(sites).values([...newSites.values()]).returning({ id: sites.id });
      made.forEach((m, i) => batchSites.set(keys[i]!, m.id));
    }
    const batchCerts = new Map<string, string>();
    if (newCerts.size > 0) {
      await tx.insert(certifications).values([...newCerts.values()]).onConflictDoNothing();
      const orgs = [...new Set([...newCerts.values()].map((c) => c.organizationId))];
      for (const c of await tx.select().from(certifications).where(inArray(certifications.organizationId, orgs))) batchCerts.set(certKey(c.organizationId, c.schemeId, c.validTo), c.id);
    }
    const siteOf = (p: Plan) => siteIds.get(siteKey(p.orgId, p.row.site)) ?? batchSites.get(siteKey(p.orgId, p.row.site))!;
    const certOf = (p: Plan, c: { schemeId: string; validTo: string | null }) => {
      const k = certKey(p.orgId, c.schemeId, c.validTo);
      return certIds.get(k) ?? batchCerts.get(k)!;
    };

    const values = batch.map((p) => ({
      organizationId: p.orgId,
      siteId: siteOf(p),
      status: "published" as const,
      refOwner,
      ref: p.row.ref,
      createdBy: actor,
      ...p.row.listing,
    }));
    const updatable = ["organizationId", "siteId", ...RECORD_FIELDS] as const;
    const cols = getTableColumns(listings);
    const set: Record<string, unknown> = Object.fromEntries(updatable.map((f) => [f, sql.raw(`excluded."${cols[f].name}"`)]));
    set.version = sql`${listings.version} + 1`;
    set.updatedAt = at;
    const written = await tx
      .insert(listings)
      .values(values)
      .onConflictDoUpdate({ target: [listings.refOwner, listings.ref], targetWhere: sql`${listings.ref} is not null`, set })
      .returning({ id: listings.id, ref: listings.ref, version: listings.version });
    const idByRef = new Map(written.map((w) => [w.ref!, w.id]));
    const updatedIds = batch.filter((p) => p.existing).map((p) => idByRef.get(p.row.ref)!);
    if (updatedIds.length > 0) await tx.delete(listingCertifications).where(inArray(listingCertifications.listingId, updatedIds));
    const links = batch.flatMap((p) => p.row.certifications.map((c) => ({ listingId: idByRef.get(p.row.ref)!, certificationId: certOf(p, c) })));
    if (links.length > 0) await tx.insert(listingCertifications).values(links).onConflictDoNothing();
    await enqueueSearchUpdate(tx, written.map((w) => ({ entity: "listing" as const, entityId: w.id, version: w.version, op: "upsert" as const })));

    const perOrg = new Map<string, { created: string[]; updated: string[] }>();
    for (const p of batch) {
      const e = perOrg.get(p.orgId) ?? { created: [], updated: [] };
      (p.outcome === "created" ? e.created : e.updated).push(p.row.ref);
      perOrg.set(p.orgId, e);
    }
    await tx.insert(auditLog).values(
      [...perOrg].map(([orgId, e]) => ({
        organizationId: orgId,
        actorUserId: actor,
        action: "listing.imported",
        entityType: "import_job",
        entityId: jobId,
        changes: { refOwner, created: e.created, updated: e.updated },
      })),
    );
    return { idByRef, batchSites, batchCerts };
  };

  let done = 0;
  for (const batch of chunks(toWrite, batchSize)) {
    try {
      const r = await db.transaction((tx) => writeBatch(tx, batch));
      for (const [k, v] of r.batchSites) siteIds.set(k, v);
      for (const [k, v] of r.batchCerts) certIds.set(k, v);
      for (const [ref, id] of r.idByRef) listingIdByRef.set(ref, id);
    } catch {
      // One bad row must not lose the others: retry this batch row by row.
      for (const p of batch) {
        try {
          const r = await db.transaction((tx) => writeBatch(tx, [p]));
          for (const [k, v] of r.batchSites) siteIds.set(k, v);
          for (const [k, v] of r.batchCerts) certIds.set(k, v);
          for (const [ref, id] of r.idByRef) listingIdByRef.set(ref, id);
        } catch {
          failed.add(p.row.line);
          reject(p.row, "", "imports.reasons.writeFailed");
        }
      }
    }
    done += batch.length;
    input.onProgress?.(done, toWrite.length);
  }

  const landed = plans.filter((p) => !failed.has(p.row.line));
  errors.sort((a, b) => a.line - b.line);
  const report: ImportReport = {
    jobId,
    encoding: sheet.encoding,
    totalRows: validation.totalRows,
    created: landed.filter((p) => p.outcome === "created").length,
    updated: landed.filter((p) => p.outcome === "updated").length,
    unchanged: landed.filter((p) => p.outcome === "unchanged").length,
    rejected: rejected.size,
    errors,
    warnings,
    rows: landed.map((p) => ({ line: p.row.line, ref: p.row.ref, outcome: p.outcome, listingId: listingIdByRef.get(p.row.ref) ?? null })),
  };
  await db
    .update(importJobs)
    .set({
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected,
      report: { encoding: report.encoding, totalRows: report.totalRows, errors, warnings },
    })
    .where(eq(importJobs.id, jobId));
  return report;
}

import "server-only";
import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { chinaToday, certificateStatus } from "@/domain/certificates";
import type { ListingValues } from "@/domain/schemas/market";
import { toCanonical } from "@/domain/units";
import type { Db } from "../db/types";
import { certifications, files, listingCertifications, listings, organizations, sites } from "../db/schema";
import { DomainError } from "../errors";
import { enqueueSearchUpdate } from "../search/outbox";
import { diffFields, writeAudit } from "./audit";
import { assertWithinLimit, withFeatured } from "./billing-limits";
import { assertRole } from "./authz";
import { now, type OrgContext, type ServiceContext } from "./context";
import { actFor } from "./managed-access";

export type Listing = typeof listings.$inferSelect;

const listingError = (key: string, field?: string) => new DomainError("INVALID", `listings.errors.${key}`, {}, field);
// Someone else's certificate, photo or site is, for this organisation, simply not there.
const notOwn = (key: string, field: string) => new DomainError("NOT_FOUND", `listings.errors.${key}`, {}, field);

/** Members write listings; archiving (which takes one off the market for good) is for owners and admins. */
const WRITERS = ["owner", "admin", "member"] as const;
const ARCHIVERS = ["owner", "admin"] as const;

/** A capacity listing is open while its window has not ended (China's calendar day). */
const notExpired = (today: string) => or(ne(listings.kind, "capacity"), gte(listings.availableTo, today))!;

function toColumns(v: ListingValues) {
  const capacity = toCanonical(v.capacityValue, v.capacityUnit, "rate");
  if (!capacity) throw listingError("badUnit", "capacityUnit");
  const moq = v.moqValue !== undefined && v.moqUnit ? toCanonical(v.moqValue, v.moqUnit, "quantity") : null;
  if (v.moqValue !== undefined && !moq) throw listingError("badUnit", "moqUnit");
  return {
    kind: v.kind,
    chainLink: v.chainLink,
    processes: v.processes,
    products: v.products,
    fibers: v.fibers,
    title: v.title,
    titleEn: v.titleEn ?? null,
    description: v.description ?? null,
    descriptionEn: v.descriptionEn ?? null,
    capacityValue: capacity.value,
    capacityUnit: capacity.unit,
    capacityInputValue: v.capacityValue,
    capacityInputUnit: v.capacityUnit.trim(),
    moqValue: moq?.value ?? null,
    moqUnit: moq?.unit ?? null,
    moqInputValue: moq ? v.moqValue! : null,
    moqInputUnit: moq ? v.moqUnit!.trim() : null,
    leadTimeDays: v.leadTimeDays ?? null,
    yarnCountNeMin: v.yarnCountNeMin ?? null,
    yarnCountNeMax: v.yarnCountNeMax ?? null,
    gsmMin: v.gsmMin ?? null,
    gsmMax: v.gsmMax ?? null,
    widthCmMax: v.widthCmMax ?? null,
    sampling: v.sampling ?? null,
    equipment: v.equipment.length ? v.equipment : null,
    priceValue: v.priceValue ?? null,
    priceUnit: v.priceUnit?.trim() ?? null,
    priceTaxIncluded: v.priceValue !== undefined ? (v.priceTaxIncluded ?? false) : null,
    safetyClass: v.safetyClass ?? null,
    // A capability listing has no window; only capacity keeps one.
    availableFrom: v.kind === "capacity" ? (v.availableFrom ?? null) : null,
    availableTo: v.kind === "capacity" ? (v.availableTo ?? null) : null,
    photoFileIds: [...new Set(v.photoFileIds)],
    siteId: v.siteId ?? null,
  };
}

/** Certificates, photos and the site must be the organisation's own; the window must not have passed. */
async function checkReferences(tx: Db, organizationId: string, v: ListingValues, today: string) {
  if (v.kind === "capacity" && v.availableTo && v.availableTo < today) throw listingError("windowPassed", "availableTo");
  const certIds = [...new Set(v.certificationIds)];
  if (certIds.length) {
    const found = await tx
      .select({ id: certifications.id })
      .from(certifications)
      .where(and(inArray(certifications.id, certIds), eq(certifications.organizationId, organizationId)));
    if (found.length !== certIds.length) throw notOwn("certificateNotOwn", "certificationIds");
  }
  const photoIds = [...new Set(v.photoFileIds)];
  if (photoIds.length) {
    const found = await tx
      .select({ id: files.id })
      .from(files)
      .where(and(inArray(files.id, photoIds), eq(files.organizationId, organizationId), eq(files.purpose, "photo")));
    if (found.length !== photoIds.length) throw notOwn("photoNotOwn", "photoFileIds");
  }
  if (v.siteId) {
    const [site] = await tx.select({ id: sites.id }).from(sites).where(and(eq(sites.id, v.siteId), eq(sites.organizationId, organizationId)));
    if (!site) throw notOwn("siteNotOwn", "siteId");
  }
  return certIds;
}

async function setCertifications(tx: Db, listingId: string, certIds: string[]) {
  await tx.delete(listingCertifications).where(eq(listingCertifications.listingId, listingId));
  if (certIds.length) await tx.insert(listingCertifications).values(certIds.map((certificationId) => ({ listingId, certificationId })));
}

/**
 * Writes are the active organisation's; a service centre's member may name (`organizationId`) a firm
 * it manages (managed-access.ts): the listing is the firm's, its plan's limits apply, and the audit
 * row names the centre (`managedBy`).
 */
export async function createListing({ ctx, input, publish = false, organizationId: target }: { ctx: OrgContext; input: ListingValues; publish?: boolean; organizationId?: string }) {
  assertRole(ctx, WRITERS);
  const today = chinaToday(now(ctx));
  return ctx.db.transaction(async (tx) => {
    const { organizationId, centreOrgId } = await actFor(tx, ctx, target, WRITERS);
    if (publish) await assertWithinLimit(tx, organizationId, "publishedListings", now(ctx));
    const certIds = await checkReferences(tx, organizationId, input, today);
    const columns = toColumns(input);
    const [row] = await tx
      .insert(listings)
      .values({ ...columns, organizationId, status: publish ? "published" : "draft", createdBy: ctx.actor.userId, createdAt: now(ctx), updatedAt: now(ctx) })
      .returning();
    await setCertifications(tx, row!.id, certIds);
    await enqueueSearchUpdate(tx, { entity: "listing", entityId: row!.id, version: row!.version, op: "upsert" });
    await writeAudit(tx, {
      organizationId,
      actorUserId: ctx.actor.userId,
      action: "listing.created",
      entityType: "listing",
      entityId: row!.id,
      changes: { ...columns, status: row!.status, certificationIds: certIds, ...managedBy(centreOrgId) },
    });
    return row!;
  });
}

/** The audit's mark of a write a centre made for a firm it manages. */
const managedBy = (centreOrgId: string | null) => (centreOrgId ? { managedBy: centreOrgId } : {});

/** Locks the organisation's listing, or not found (another organisation's listing does not exist for you). */
async function lockOwn(tx: Db, organizationId: string, id: string) {
  const [row] = await tx
    .select()
    .from(listings)
    .where(and(eq(listings.id, id), eq(listings.organizationId, organizationId)))
    .for("update");
  if (!row) throw new DomainError("NOT_FOUND", "listings.errors.notFound");
  return row;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v ?? null);
}

function checkVersion(row: Listing, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw new DomainError("CONFLICT", "listings.errors.staleVersion");
}

export async function updateListing({ ctx, input }: { ctx: OrgContext; input: { id: string; expectedVersion?: number; values: ListingValues; organizationId?: string } }) {
  assertRole(ctx, WRITERS);
  const today = chinaToday(now(ctx));
  return ctx.db.transaction(async (tx) => {
    const { organizationId, centreOrgId } = await actFor(tx, ctx, input.organizationId, WRITERS);
    const before = await lockOwn(tx, organizationId, input.id);
    if (before.status === "archived") throw new DomainError("CONFLICT", "listings.errors.archived");
    checkVersion(before, input.expectedVersion);
    const certIds = await checkReferences(tx, before.organizationId, input.values, today);
    const columns = toColumns(input.values);
    const beforeCerts = (await tx.select({ id: listingCertifications.certificationId }).from(listingCertifications).where(eq(listingCertifications.listingId, before.id))).map((c) => c.id).sort();
    const changes: Record<string, unknown> = diffFields(before as unknown as Record<string, unknown>, columns);
    // jsonb stores object keys in its own order: compare those fields by content, not by text.
    for (const k of ["sampling", "equipment"] as const) if (k in changes && stable(before[k]) === stable(columns[k])) delete changes[k];
    if (JSON.stringify(beforeCerts) !== JSON.stringify([...certIds].sort())) changes.certificationIds = [beforeCerts, certIds];
    if (Object.keys(changes).length === 0) return before;
    const [after] = await tx
      .update(listings)
      .set({ ...columns, version: before.version + 1, updatedAt: now(ctx) })
      .where(eq(listings.id, before.id))
      .returning();
    await setCertifications(tx, before.id, certIds);
    await enqueueSearchUpdate(tx, { entity: "listing", entityId: before.id, version: after!.version, op: "upsert" });
    await writeAudit(tx, { organizationId: before.organizationId, actorUserId: ctx.actor.userId, action: "listing.updated", entityType: "listing", entityId: before.id, changes: { ...changes, ...managedBy(centreOrgId) } });
    return after!;
  });
}

type Transition = "publish" | "pause" | "archive";
const transitions: Record<Transition, { from: Listing["status"][]; to: Listing["status"]; roles: readonly ("owner" | "admin" | "member")[] }> = {
  publish: { from: ["draft", "paused"], to: "published", roles: WRITERS },
  pause: { from: ["published"], to: "paused", roles: WRITERS },
  archive: { from: ["draft", "published", "paused"], to: "archived", roles: ARCHIVERS },
};

export async function changeListingStatus({ ctx, input }: { ctx: OrgContext; input: { id: string; action: Transition; expectedVersion?: number; organizationId?: string } }) {
  const rule = transitions[input.action];
  assertRole(ctx, rule.roles);
  const today = chinaToday(now(ctx));
  return ctx.db.transaction(async (tx) => {
    const { organizationId, centreOrgId } = await actFor(tx, ctx, input.organizationId, rule.roles);
    const before = await lockOwn(tx, organizationId, input.id);
    checkVersion(before, input.expectedVersion);
    if (before.status === rule.to) return before;
    if (!rule.from.includes(before.status)) throw new DomainError("CONFLICT", `listings.errors.cannot.${input.action}`);
    if (input.action === "publish" && before.kind === "capacity" && before.availableTo !== null && before.availableTo < today)
      throw listingError("windowPassed", "availableTo");
    if (input.action === "publish") await assertWithinLimit(tx, before.organizationId, "publishedListings", now(ctx));
    const [after] = await tx.update(listings).set({ status: rule.to, version: before.version + 1, updatedAt: now(ctx) }).where(eq(listings.id, before.id)).returning();
    await enqueueSearchUpdate(tx, { entity: "listing", entityId: before.id, version: after!.version, op: "upsert" });
    await writeAudit(tx, {
      organizationId: before.organizationId,
      actorUserId: ctx.actor.userId,
      action: `listing.${input.action}`,
      entityType: "listing",
      entityId: before.id,
      changes: { status: [before.status, rule.to], ...managedBy(centreOrgId) },
    });
    return after!;
  });
}

/**
 * Archives capacity listings whose window ended before today in China. Browsing already hides them
 * by date; this job makes the state say so too. Run it from a schedule (or the CLI); returns the ids.
 */
export async function expireListings(db: Db, at: Date = new Date()): Promise<string[]> {
  const today = chinaToday(at);
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(listings)
      .set({ status: "archived", version: sql`${listings.version} + 1`, updatedAt: at })
      .where(and(eq(listings.kind, "capacity"), ne(listings.status, "archived"), lt(listings.availableTo, today)))
      .returning({ id: listings.id, organizationId: listings.organizationId, availableTo: listings.availableTo, version: listings.version });
    await enqueueSearchUpdate(tx, expired.map((l) => ({ entity: "listing" as const, entityId: l.id, version: l.version, op: "upsert" as const })));
    for (const l of expired)
      await writeAudit(tx, { organizationId: l.organizationId, actorUserId: null, action: "listing.expired", entityType: "listing", entityId: l.id, changes: { availableTo: l.availableTo } });
    return expired.map((l) => l.id);
  });
}

/** Public read rule for /api/files: a photo shown on a published listing is viewable by anyone. */
export async function isPublicListingPhoto(db: Db, fileId: string): Promise<boolean> {
  const [hit] = await db
    .select({ id: listings.id })
    .from(listings)
    .innerJoin(files, and(eq(files.id, fileId), eq(files.purpose, "photo"), eq(files.organizationId, listings.organizationId)))
    .where(and(eq(listings.status, "published"), sql`${fileId}::uuid = any(${listings.photoFileIds})`))
    .limit(1);
  return Boolean(hit);
}

// ---------------------------------------------------------------------------------------------
// Reads

const orgColumns = {
  orgId: organizations.id,
  orgNameZh: organizations.nameZh,
  orgNameEn: organizations.nameEn,
  orgVerificationState: organizations.verificationState,
  orgCityAdcode: organizations.cityAdcode,
};

/** The city a listing is made in: its site's, else its organisation's. */
const cityOf = sql<string | null>`coalesce(${sites.cityAdcode}, ${organizations.cityAdcode})`;

async function certificatesOf(db: Db, listingIds: string[], today: string) {
  if (listingIds.length === 0) return new Map<string, CertificateBadge[]>();
  const rows = await db
    .select({
      listingId: listingCertifications.listingId,
      id: certifications.id,
      schemeId: certifications.schemeId,
      number: certifications.number,
      validFrom: certifications.validFrom,
      validTo: certifications.validTo,
      verificationState: certifications.verificationState,
    })
    .from(listingCertifications)
    .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
    .where(inArray(listingCertifications.listingId, listingIds))
    .orderBy(asc(certifications.schemeId));
  const out = new Map<string, CertificateBadge[]>();
  for (const { listingId, ...c } of rows) {
    const list = out.get(listingId) ?? [];
    list.push({ ...c, status: certificateStatus(c, today) });
    out.set(listingId, list);
  }
  return out;
}

export interface CertificateBadge {
  id: string;
  schemeId: string;
  number: string | null;
  validFrom: string | null;
  validTo: string | null;
  verificationState: string;
  status: ReturnType<typeof certificateStatus>;
}

/** A listing for its page: anyone sees a published one; members of its organisation (and admins) see any. */
export async function getListing({ ctx, id }: { ctx: ServiceContext; id: string }) {
  const today = chinaToday(now(ctx));
  const [row] = await ctx.db
    .select({ listing: listings, ...orgColumns, cityAdcode: cityOf })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(eq(listings.id, id));
  if (!row) throw new DomainError("NOT_FOUND", "listings.errors.notFound");
  const isMember = ctx.membership?.organizationId === row.listing.organizationId;
  if (row.listing.status !== "published" && !isMember && !ctx.actor?.isPlatformAdmin) throw new DomainError("NOT_FOUND", "listings.errors.notFound");
  const certs = (await certificatesOf(ctx.db, [id], today)).get(id) ?? [];
  const expired = row.listing.kind === "capacity" && row.listing.availableTo !== null && row.listing.availableTo < today;
  const { createdBy: _createdBy, refOwner: _refOwner, ...listing } = row.listing;
  return {
    listing,
    organization: { id: row.orgId, nameZh: row.orgNameZh, nameEn: row.orgNameEn, verificationState: row.orgVerificationState },
    cityAdcode: row.cityAdcode,
    certifications: certs,
    certificationIds: certs.map((c) => c.id),
    expired,
    canEdit: isMember,
  };
}

/** The active organisation's listings, newest change first. */
export async function listMyListings({ ctx, input }: { ctx: OrgContext; input: { status?: Listing["status"] } }) {
  const today = chinaToday(now(ctx));
  const rows = await ctx.db
    .select()
    .from(listings)
    .where(and(eq(listings.organizationId, ctx.membership.organizationId), input.status ? eq(listings.status, input.status) : undefined))
    .orderBy(desc(listings.updatedAt), desc(listings.id));
  return rows.map((l) => ({ ...l, expired: l.kind === "capacity" && l.availableTo !== null && l.availableTo < today }));
}

export interface BrowseFilters {
  chainLink?: string;
  process?: string;
  cityAdcode?: string;
  certification?: string;
  kind?: "capability" | "capacity";
  organizationId?: string;
  page: number;
  pageSize: number;
}

function browseConditions(f: Omit<BrowseFilters, "page" | "pageSize">, today: string): SQL {
  const conds: (SQL | undefined)[] = [eq(listings.status, "published"), notExpired(today)];
  if (f.chainLink) conds.push(eq(listings.chainLink, f.chainLink));
  if (f.process) conds.push(sql`${f.process} = any(${listings.processes})`);
  if (f.kind) conds.push(eq(listings.kind, f.kind));
  if (f.organizationId) conds.push(eq(listings.organizationId, f.organizationId));
  if (f.cityAdcode) conds.push(sql`${cityOf} = ${f.cityAdcode}`);
  if (f.certification)
    // Only a certificate that counts today: not rejected, in its dates.
    conds.push(
      sql`exists (select 1 from ${listingCertifications} lc join ${certifications} c on c.id = lc.certification_id
        where lc.listing_id = ${listings.id} and c.scheme_id = ${f.certification} and c.verification_state <> 'rejected'
        and (c.valid_to is null or c.valid_to >= ${today}) and (c.valid_from is null or c.valid_from <= ${today}))`,
    );
  return and(...conds)!;
}

/** Published, unexpired listings matching the filters, a page at a time. */
export async function browseListings({ ctx, input }: { ctx: ServiceContext; input: BrowseFilters }) {
  const today = chinaToday(now(ctx));
  const where = browseConditions(input, today);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(where);
  const rows = await ctx.db
    .select({
      id: listings.id,
      kind: listings.kind,
      chainLink: listings.chainLink,
      processes: listings.processes,
      title: listings.title,
      titleEn: listings.titleEn,
      capacityInputValue: listings.capacityInputValue,
      capacityInputUnit: listings.capacityInputUnit,
      availableFrom: listings.availableFrom,
      availableTo: listings.availableTo,
      photoFileIds: listings.photoFileIds,
      updatedAt: listings.updatedAt,
      ...orgColumns,
      cityAdcode: cityOf,
    })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(where)
    .orderBy(desc(listings.updatedAt), desc(listings.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const certs = await certificatesOf(
    ctx.db,
    rows.map((r) => r.id),
    today,
  );
  return {
    items: (await withFeatured(ctx.db, rows, now(ctx))).map((r) => ({ ...r, certifications: certs.get(r.id) ?? [] })),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
    pages: Math.max(1, Math.ceil((total?.n ?? 0) / input.pageSize)),
  };
}

// ---------------------------------------------------------------------------------------------
// Capacity board

export interface BoardCell {
  count: number;
  /** summed canonical capacity per canonical rate unit (t_per_month, m_per_month, …) */
  totals: Record<string, number>;
}

/** The first day of each of `n` months starting with the month of `today` (YYYY-MM). */
export function boardMonths(today: string, n: number): string[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Pure: counts each window in every month it overlaps and sums its canonical rate there. */
export function aggregateBoard(
  items: Array<{ chainLink: string; capacityValue: number; capacityUnit: string; availableFrom: string | null; availableTo: string | null }>,
  months: string[],
  today: string,
) {
  const rows = new Map<string, Record<string, BoardCell>>();
  for (const l of items) {
    if (!l.availableTo || l.availableTo < today) continue;
    const from = l.availableFrom ?? today;
    for (const month of months) {
      if (from > monthEnd(month) || l.availableTo < `${month}-01`) continue;
      const row = rows.get(l.chainLink) ?? {};
      const cell = (row[month] ??= { count: 0, totals: {} });
      cell.count += 1;
      cell.totals[l.capacityUnit] = Number(((cell.totals[l.capacityUnit] ?? 0) + l.capacityValue).toPrecision(12));
      rows.set(l.chainLink, row);
    }
  }
  return rows;
}

/** Open spare capacity by chain link and month, plus the listings behind it in window order. */
export async function capacityBoard({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { chainLink?: string; process?: string; cityAdcode?: string; certification?: string; months: number };
}) {
  const today = chinaToday(now(ctx));
  const months = boardMonths(today, input.months);
  const lastDay = monthEnd(months[months.length - 1]!);
  const where = and(
    browseConditions({ chainLink: input.chainLink, process: input.process, cityAdcode: input.cityAdcode, certification: input.certification, kind: "capacity" }, today),
    or(sql`${listings.availableFrom} is null`, sql`${listings.availableFrom} <= ${lastDay}`),
  );
  const items = await ctx.db
    .select({
      id: listings.id,
      chainLink: listings.chainLink,
      processes: listings.processes,
      title: listings.title,
      titleEn: listings.titleEn,
      capacityValue: listings.capacityValue,
      capacityUnit: listings.capacityUnit,
      capacityInputValue: listings.capacityInputValue,
      capacityInputUnit: listings.capacityInputUnit,
      availableFrom: listings.availableFrom,
      availableTo: listings.availableTo,
      ...orgColumns,
      cityAdcode: cityOf,
    })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(where)
    .orderBy(asc(listings.availableFrom), asc(listings.availableTo), asc(listings.id))
    .limit(2000);
  const grid = aggregateBoard(items, months, today);
  return {
    today,
    months,
    rows: [...grid.entries()].map(([chainLink, cells]) => ({ chainLink, cells })),
    timeline: await withFeatured(ctx.db, items.slice(0, 60), now(ctx)),
    total: items.length,
  };
}

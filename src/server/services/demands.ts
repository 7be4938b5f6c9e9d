import "server-only";
import { and, arrayContains, count, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { chinaDay, effectiveDemandStatus, quoteDeadlineInstant, type DemandStatus } from "@/domain/demand-text";
import { OPEN_INQUIRY_STATUSES } from "@/domain/deals/inquiry-rules";
import type { DemandValues } from "@/domain/schemas/market";
import { toCanonical } from "@/domain/units";
import type { Db } from "../db/types";
import { demands, files, inquiries, memberships, organizations } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { enqueueSearchUpdate } from "../search/outbox";
import { nudgeAlerts } from "./alerts";
import { diffFields, writeAudit } from "./audit";
import { assertWithinLimit } from "./billing-limits";
import { assertRole } from "./authz";
import { now, type OrgContext, type ServiceContext } from "./context";
import { notify } from "./notifications";
import { supplierInquiryOn, userHasInquiryOn } from "./inquiry-access";

export type DemandRow = typeof demands.$inferSelect;

const SAFETY_CLASS_LINKS: readonly string[] = ["garment", "home_textiles"];
const EDITORS = ["owner", "admin", "member"] as const;
const MANAGERS = ["owner", "admin"] as const;

const demandError = (key: string, field?: string) => new DomainError("INVALID", `demands.errors.${key}`, {}, field);

/**
 * Turns validated input into columns: canonical quantity (keeping what was typed), the deadline as
 * an instant (a date is the end of that day in China), payment days only for monthly terms.
 * Checks what the shared schema cannot: the clock, and that GB 18401 fits the chain link.
 */
function demandColumns(input: DemandValues, at: Date) {
  let quantity: { value: number; unit: string } | null = null;
  if (input.quantityValue !== undefined && input.quantityUnit !== undefined) {
    quantity = toCanonical(input.quantityValue, input.quantityUnit, "quantity");
    if (!quantity) throw new DomainError("INVALID", "validation.quantityUnit", {}, "quantityUnit");
  }
  let deadline: Date | null = null;
  if (input.quoteDeadline !== undefined) {
    deadline = quoteDeadlineInstant(input.quoteDeadline);
    if (!deadline) throw demandError("deadlineInvalid", "quoteDeadline");
    if (deadline.getTime() <= at.getTime()) throw demandError("deadlinePassed", "quoteDeadline");
  }
  if (input.needBy !== undefined && input.needBy < chinaDay(at)) throw demandError("needByPassed", "needBy");
  if (input.safetyClass && !(input.chainLink && SAFETY_CLASS_LINKS.includes(input.chainLink)))
    throw new DomainError("INVALID", "validation.safetyClassLink", {}, "safetyClass");
  return {
    title: input.title,
    text: input.text ?? null,
    chainLink: input.chainLink ?? null,
    processes: input.processes,
    products: input.products,
    fibers: input.fibers,
    yarnCountNe: input.yarnCountNe ?? null,
    gsm: input.gsm ?? null,
    widthCm: input.widthCm ?? null,
    quantityValue: quantity?.value ?? null,
    quantityUnit: quantity?.unit ?? null,
    quantityInputValue: quantity ? input.quantityValue! : null,
    quantityInputUnit: quantity ? input.quantityUnit!.trim() : null,
    needBy: input.needBy ?? null,
    deliverCityAdcode: input.deliverCityAdcode ?? null,
    deliverLat: input.deliverLat ?? null,
    deliverLng: input.deliverLng ?? null,
    maxDistanceKm: input.maxDistanceKm ?? null,
    requiredCertifications: [...new Set(input.requiredCertifications)],
    targetPriceValue: input.targetPriceValue ?? null,
    targetPriceUnit: input.targetPriceUnit?.trim() ?? null,
    targetPriceTaxIncluded: input.targetPriceValue !== undefined ? (input.targetPriceTaxIncluded ?? false) : null,
    paymentTerms: input.paymentTerms ?? null,
    paymentDays: input.paymentTerms === "monthly" ? (input.paymentDays ?? null) : null,
    invoiceType: input.invoiceType ?? null,
    samplesWanted: input.samplesWanted,
    safetyClass: input.safetyClass ?? null,
    quoteDeadline: deadline,
    visibility: input.visibility,
    attachmentFileIds: [...new Set(input.attachmentFileIds)],
  };
}

/** Attachments must be files the organisation uploaded as attachments (tech packs, not licences). */
async function assertAttachments(tx: Db, organizationId: string, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, ids), eq(files.organizationId, organizationId), eq(files.purpose, "attachment")));
  if (rows.length !== ids.length) throw demandError("attachmentNotFound", "attachmentFileIds");
}

export async function createDemand({ ctx, input }: { ctx: OrgContext; input: DemandValues }) {
  assertRole(ctx, EDITORS);
  const cols = demandColumns(input, now(ctx));
  const created = await ctx.db.transaction(async (tx) => {
    await assertWithinLimit(tx, ctx.membership.organizationId, "openDemands", now(ctx));
    await assertAttachments(tx, ctx.membership.organizationId, cols.attachmentFileIds);
    const [row] = await tx
      .insert(demands)
      .values({ ...cols, organizationId: ctx.membership.organizationId, createdBy: ctx.actor.userId, createdAt: now(ctx), updatedAt: now(ctx) })
      .returning();
    await enqueueSearchUpdate(tx, { entity: "demand", entityId: row!.id, version: row!.version, op: "upsert" });
    await writeAudit(tx, {
      organizationId: ctx.membership.organizationId,
      actorUserId: ctx.actor.userId,
      action: "demand.create",
      entityType: "demand",
      entityId: row!.id,
      changes: { title: row!.title, visibility: row!.visibility },
    });
    return row!;
  });
  // Committed: tell suppliers whose listings fit now rather than at the next alert pass (background).
  if (created.visibility === "public") nudgeAlerts();
  return created;
}

/** The active organisation's demand, locked for the change; another organisation's is not found. */
async function ownDemandForUpdate(tx: Db, ctx: OrgContext, id: string) {
  const [row] = await tx
    .select()
    .from(demands)
    .where(and(eq(demands.id, id), eq(demands.organizationId, ctx.membership.organizationId)))
    .for("update");
  if (!row) throw notFound("notFound");
  return row;
}

function assertOpen(row: DemandRow, at: Date) {
  if (effectiveDemandStatus(row.status, row.quoteDeadline, at) !== "open") throw new DomainError("CONFLICT", "demands.errors.notOpen");
}

export async function updateDemand({ ctx, id, version, input }: { ctx: OrgContext; id: string; version?: number; input: DemandValues }) {
  assertRole(ctx, EDITORS);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await ownDemandForUpdate(tx, ctx, id);
    assertOpen(before, at);
    if (version !== undefined && version !== before.version) throw new DomainError("CONFLICT", "demands.errors.stale");
    const cols = demandColumns(input, at);
    await assertAttachments(tx, ctx.membership.organizationId, cols.attachmentFileIds);
    const changes = diffFields(before as Record<string, unknown>, cols);
    if (Object.keys(changes).length === 0) return before;
    const [row] = await tx
      .update(demands)
      .set({ ...cols, version: before.version + 1, updatedAt: at })
      .where(eq(demands.id, id))
      .returning();
    await enqueueSearchUpdate(tx, { entity: "demand", entityId: id, version: row!.version, op: "upsert" });
    await writeAudit(tx, { organizationId: before.organizationId, actorUserId: ctx.actor.userId, action: "demand.update", entityType: "demand", entityId: id, changes });
    return row!;
  });
}

/**
 * Closes (withdraws) an open demand; a closed one is final. Its open inquiries end (`lost`) and
 * their suppliers are notified. A demand is awarded only through a
 * supplier's quote (services/inquiry-award.ts), which creates the order in the same transaction.
 */
export async function setDemandStatus({ ctx, id, status }: { ctx: OrgContext; id: string; status: "closed" }) {
  assertRole(ctx, MANAGERS);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await ownDemandForUpdate(tx, ctx, id);
    const current = effectiveDemandStatus(before.status, before.quoteDeadline, at);
    if (current !== "open") throw new DomainError("CONFLICT", "demands.errors.notOpen");
    const [row] = await tx
      .update(demands)
      .set({ status, version: before.version + 1, updatedAt: at })
      .where(eq(demands.id, id))
      .returning();
    await enqueueSearchUpdate(tx, { entity: "demand", entityId: id, version: row!.version, op: "upsert" });
    // Open inquiries end with the demand (locked after it, as an award locks them): their quotes no
    // longer stand, and each supplier is told.
    const ended = await tx
      .update(inquiries)
      .set({ status: "lost", updatedAt: at })
      .where(and(eq(inquiries.demandId, id), inArray(inquiries.status, [...OPEN_INQUIRY_STATUSES])))
      .returning({ id: inquiries.id, supplierOrgId: inquiries.supplierOrgId });
    await writeAudit(tx, {
      organizationId: before.organizationId,
      actorUserId: ctx.actor.userId,
      action: "demand.close",
      entityType: "demand",
      entityId: id,
      changes: { status: [current, status], inquiriesEnded: ended.map((e) => e.id) },
    });
    for (const e of ended)
      await notify(tx, { organizationId: e.supplierOrgId, kind: "demandClosed", params: { demand: before.title }, link: `/inquiries/${e.id}`, dedupeKey: `demandClosed:${e.id}` });
    return row!;
  });
}

/**
 * The expiry job: every open demand whose quote deadline has passed becomes expired, with an audit
 * row each (no actor: the platform did it). Returns the ids it expired. Reads already treat such
 * demands as expired, so running this late changes nothing a user sees.
 */
export async function expireDemands(db: Db, at: Date = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(demands)
      .set({ status: "expired", version: sql`${demands.version} + 1`, updatedAt: at })
      .where(and(eq(demands.status, "open"), lte(demands.quoteDeadline, at)))
      .returning({ id: demands.id, organizationId: demands.organizationId, version: demands.version });
    await enqueueSearchUpdate(tx, rows.map((r) => ({ entity: "demand" as const, entityId: r.id, version: r.version, op: "upsert" as const })));
    for (const r of rows)
      await writeAudit(tx, { organizationId: r.organizationId, action: "demand.expire", entityType: "demand", entityId: r.id, changes: { status: ["open", "expired"] } });
    return rows.map((r) => r.id);
  });
}

// ---- Reads ----

const buyerColumns = {
  buyerId: organizations.id,
  buyerNameZh: organizations.nameZh,
  buyerNameEn: organizations.nameEn,
  buyerVerificationState: organizations.verificationState,
  buyerCityAdcode: organizations.cityAdcode,
};

/** The organisations the caller belongs to (any of them, not only the active one). */
async function memberOf(db: Db, userId: string | undefined, organizationId: string): Promise<boolean> {
  if (!userId) return false;
  const [m] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return Boolean(m);
}

function present<T extends DemandRow>(row: T, at: Date) {
  return { ...row, status: effectiveDemandStatus(row.status, row.quoteDeadline, at) as DemandStatus, storedStatus: row.status };
}

/**
 * One demand. Public demands: anyone. Invited demands: the buyer organisation and the members of
 * suppliers holding an inquiry on it (docs/deals.md). Attachments are listed to the buyer
 * organisation and to those suppliers.
 */
export async function getDemand({ ctx, id }: { ctx: ServiceContext; id: string }) {
  const [row] = await ctx.db.select({ demand: demands, ...buyerColumns }).from(demands).innerJoin(organizations, eq(organizations.id, demands.organizationId)).where(eq(demands.id, id));
  if (!row) throw notFound("notFound");
  const isBuyer = await memberOf(ctx.db, ctx.actor?.userId, row.demand.organizationId);
  // Suppliers holding an inquiry see an invited-only demand and its attachments (the tech pack they quote on).
  const isInvited = !isBuyer && (await userHasInquiryOn(ctx.db, ctx.actor?.userId, id));
  if (row.demand.visibility !== "public" && !isBuyer && !isInvited) throw notFound("notFound");
  const role = isBuyer && ctx.membership?.organizationId === row.demand.organizationId ? ctx.membership.role : null;
  const attachments = (isBuyer || isInvited) && row.demand.attachmentFileIds.length
    ? await ctx.db
        .select({ id: files.id, mime: files.mime, size: files.size, originalName: files.originalName })
        .from(files)
        .where(and(inArray(files.id, row.demand.attachmentFileIds), eq(files.organizationId, row.demand.organizationId)))
    : [];
  const { attachmentFileIds, createdBy, ...demand } = row.demand;
  const at = now(ctx);
  return {
    demand: { ...present(demand as DemandRow, at), attachmentFileIds: isBuyer ? attachmentFileIds : [], createdBy: isBuyer ? createdBy : null },
    attachmentCount: attachmentFileIds.length,
    buyer: { id: row.buyerId, nameZh: row.buyerNameZh, nameEn: row.buyerNameEn, verificationState: row.buyerVerificationState, cityAdcode: row.buyerCityAdcode },
    viewer: {
      isBuyer,
      /** Set when the buyer organisation is the caller's active one: what the caller may do here. */
      canEdit: role !== null,
      canManage: role === "owner" || role === "admin",
      /** The active organisation's inquiry on this demand as a supplier (quote or open it), if any. */
      inquiry: await supplierInquiryOn(ctx.db, ctx.membership?.organizationId, id),
    },
    attachments,
  };
}

/** The active organisation's demands, newest first, with their effective status. */
export async function listMyDemands({ ctx, status }: { ctx: OrgContext; status?: DemandStatus }) {
  const at = now(ctx);
  const conds: SQL[] = [eq(demands.organizationId, ctx.membership.organizationId)];
  if (status === "open") conds.push(eq(demands.status, "open"), or(isNull(demands.quoteDeadline), gt(demands.quoteDeadline, at))!);
  else if (status === "expired") conds.push(or(eq(demands.status, "expired"), and(eq(demands.status, "open"), lte(demands.quoteDeadline, at)))!);
  else if (status) conds.push(eq(demands.status, status));
  const rows = await ctx.db.select().from(demands).where(and(...conds)).orderBy(desc(demands.createdAt), desc(demands.id)).limit(500);
  return rows.map((r) => present(r, at));
}

export interface BoardFilters {
  chainLink?: string;
  process?: string;
  city?: string;
  certification?: string;
  page: number;
  pageSize: number;
}

/** The public demand board: open public demands whose deadline has not passed, filtered and paged. */
export async function listDemandBoard({ ctx, filters }: { ctx: ServiceContext; filters: BoardFilters }) {
  const at = now(ctx);
  const conds: SQL[] = [eq(demands.status, "open"), eq(demands.visibility, "public"), or(isNull(demands.quoteDeadline), gt(demands.quoteDeadline, at))!];
  if (filters.chainLink) conds.push(eq(demands.chainLink, filters.chainLink));
  if (filters.process) conds.push(arrayContains(demands.processes, [filters.process]));
  if (filters.city) conds.push(eq(demands.deliverCityAdcode, filters.city));
  if (filters.certification) conds.push(arrayContains(demands.requiredCertifications, [filters.certification]));
  const where = and(...conds);
  const [total] = await ctx.db.select({ n: count() }).from(demands).where(where);
  const rows = await ctx.db
    .select({
      id: demands.id,
      title: demands.title,
      chainLink: demands.chainLink,
      processes: demands.processes,
      products: demands.products,
      quantityInputValue: demands.quantityInputValue,
      quantityInputUnit: demands.quantityInputUnit,
      needBy: demands.needBy,
      deliverCityAdcode: demands.deliverCityAdcode,
      requiredCertifications: demands.requiredCertifications,
      quoteDeadline: demands.quoteDeadline,
      samplesWanted: demands.samplesWanted,
      createdAt: demands.createdAt,
      ...buyerColumns,
    })
    .from(demands)
    .innerJoin(organizations, eq(organizations.id, demands.organizationId))
    .where(where)
    .orderBy(desc(demands.createdAt), desc(demands.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  return { items: rows, total: total?.n ?? 0, page: filters.page, pageSize: filters.pageSize };
}

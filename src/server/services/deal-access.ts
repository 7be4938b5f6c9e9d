import "server-only";
import { and, eq } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import type { DealSide, DealStage } from "@/domain/deals/stages";
import type { Db } from "../db/types";
import { dealEvents, deals, dealStages } from "../db/schema";
import { DomainError, forbidden } from "../errors";
import { writeAudit } from "./audit";
import { assertRole } from "./authz";
import { now, type OrgContext } from "./context";
import { notify } from "./notifications";

/**
 * Shared by the deal services (docs/deals.md): who the caller is on a deal, the locked deal row for
 * an action, its history (deal_events + audit) and the counterpart's notification.
 */

export type DealRow = typeof deals.$inferSelect;
export type StageRow = typeof dealStages.$inferSelect;
export type DealViewer = DealSide | "introducer";

/** Roles that act for a side: the ones that may post demands or quote. */
export const DEAL_ROLES = ["owner", "admin", "member"] as const;

export const dealError = (code: DomainError["code"], key: string, params: Record<string, string | number> = {}, field?: string) =>
  new DomainError(code, `deals.errors.${key}`, params, field);

/** Strangers never learn that a deal exists. */
export const dealNotFound = () => dealError("NOT_FOUND", "notFound");

export function viewerOf(deal: Pick<DealRow, "buyerOrgId" | "supplierOrgId" | "introducedByOrgId">, organizationId: string): DealViewer | null {
  if (deal.buyerOrgId === organizationId) return "buyer";
  if (deal.supplierOrgId === organizationId) return "supplier";
  if (deal.introducedByOrgId === organizationId) return "introducer";
  return null;
}

/** China's date at the context's clock: stage dates and receipts are calendar days in China. */
export const todayOf = (ctx: { now?: Date }) => chinaToday(now(ctx));

/**
 * The deal locked for an action by the active organisation (`FOR UPDATE`: two clicks or two people
 * act one after the other, the second seeing the first's result). A stranger gets NOT_FOUND, the
 * introducing service centre FORBIDDEN (it sees the deal, read-only); `side`, when given, is the
 * only side allowed (`notYourTurn`).
 */
export async function lockDeal(tx: Db, ctx: OrgContext, dealId: string, side?: DealSide): Promise<{ deal: DealRow; side: DealSide }> {
  const [deal] = await tx.select().from(deals).where(eq(deals.id, dealId)).for("update");
  const viewer = deal ? viewerOf(deal, ctx.membership.organizationId) : null;
  if (!deal || !viewer) throw dealNotFound();
  if (viewer === "introducer") throw forbidden();
  assertRole(ctx, DEAL_ROLES);
  if (side && viewer !== side) throw dealError("FORBIDDEN", "notYourTurn");
  return { deal, side: viewer };
}

export function assertActive(deal: DealRow): void {
  if (deal.status !== "active") throw dealError("CONFLICT", "dealClosed");
}

/**
 * Writes the deal's new columns and bumps `version`, conditional on the version read under the
 * lock: if anything slipped past the lock the action fails rather than advancing twice.
 */
export async function updateDeal(tx: Db, ctx: OrgContext, deal: DealRow, set: Partial<Omit<DealRow, "id" | "version">>): Promise<DealRow> {
  const [row] = await tx
    .update(deals)
    .set({ ...set, version: deal.version + 1, updatedAt: now(ctx) })
    .where(and(eq(deals.id, deal.id), eq(deals.version, deal.version)))
    .returning();
  if (!row) throw dealError("CONFLICT", "wrongStage");
  return row;
}

export async function stagesOf(db: Db, dealId: string): Promise<StageRow[]> {
  return db.select().from(dealStages).where(eq(dealStages.dealId, dealId));
}

export async function setStage(tx: Db, ctx: OrgContext, dealId: string, stage: DealStage, set: Partial<Omit<StageRow, "dealId" | "stage">>) {
  await tx
    .update(dealStages)
    .set({ ...set, updatedAt: now(ctx) })
    .where(and(eq(dealStages.dealId, dealId), eq(dealStages.stage, stage)));
}

export interface DealHappening {
  /** The stage it concerns (the deal's current stage for shipments, money and ratings). */
  stage: DealStage | null;
  /** A stage action (submit, approve …) or an operation (ship, receive, invoice, cancel …). */
  action: string;
  comment?: string | null;
  /** Extra audit detail. */
  changes?: Record<string, unknown>;
  /** Tell the counterpart (`dealStageChanged`); money and plan tweaks are on the page only when false. */
  notifyCounterpart?: boolean;
}

/**
 * Records what happened: a deal_events row (the deal's history both sides read), an audit row and,
 * by default, the counterpart's `dealStageChanged` notification — all in the action's transaction.
 */
// The event's time is the database's (transaction start), not ctx.now: the history must keep its order.
export async function recordHappening(tx: Db, ctx: OrgContext, deal: DealRow, side: DealSide, h: DealHappening): Promise<string> {
  const [event] = await tx
    .insert(dealEvents)
    .values({ dealId: deal.id, stage: h.stage, action: h.action, comment: h.comment ?? null, actorOrgId: ctx.membership.organizationId, actorUserId: ctx.actor.userId })
    .returning({ id: dealEvents.id });
  await writeAudit(tx, {
    organizationId: ctx.membership.organizationId,
    actorUserId: ctx.actor.userId,
    action: `deal.${h.action}`,
    entityType: "deal",
    entityId: deal.id,
    changes: { stage: h.stage, ...(h.comment ? { comment: h.comment } : {}), ...h.changes },
  });
  if (h.notifyCounterpart !== false)
    await notify(tx, {
      organizationId: side === "buyer" ? deal.supplierOrgId : deal.buyerOrgId,
      kind: "dealStageChanged",
      params: { deal: deal.title, stage: h.stage ?? deal.stage, action: h.action, comment: h.comment ?? "" },
      link: `/deals/${deal.id}`,
      dedupeKey: `dealStageChanged:${event!.id}`,
    });
  return event!.id;
}

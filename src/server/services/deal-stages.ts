import "server-only";
import type { z } from "zod";
import { canPlan, followingStage } from "@/domain/deals/deal-actions";
import { stageTransition } from "@/domain/deals/stages";
import type { cancelDealInputSchema, stageActionInputSchema, stagePlanInputSchema } from "@/domain/schemas/deals";
import { DomainError } from "../errors";
import { assertActive, dealError, lockDeal, recordHappening, setStage, stagesOf, todayOf, updateDeal, type DealRow } from "./deal-access";
import type { OrgContext } from "./context";

/**
 * Stage actions (docs/deals.md): samples, lab dip and pre-production sample are submitted by the
 * supplier and approved or returned by the buyer (who may skip them), bulk is completed by the
 * supplier, inspection submitted and approved like a sample; planned dates move; the buyer closes a
 * delivered deal; either side cancels before delivery. Each runs in one transaction on the locked
 * deal row, so a double click acts once and the second sees `wrongStage` or `stageAction`.
 */

export type StageActionValues = z.output<typeof stageActionInputSchema>;
export type StagePlanValues = z.output<typeof stagePlanInputSchema>;
export type CancelDealValues = z.output<typeof cancelDealInputSchema>;

/** What a deal action returns: enough for the page to refresh. */
export const dealResult = (d: DealRow) => ({ id: d.id, stage: d.stage, status: d.status, version: d.version });

export async function actOnStage({ ctx, input }: { ctx: OrgContext; input: StageActionValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId);
    assertActive(deal);
    if (input.stage !== deal.stage) throw dealError("CONFLICT", "wrongStage");
    const stages = await stagesOf(tx, deal.id);
    const current = stages.find((s) => s.stage === deal.stage)!;
    const next = stageTransition(current.stage, current.state, input.action, side);
    if (!next) {
      // The other side could do it now: it is their step, not an impossible one.
      if (stageTransition(current.stage, current.state, input.action, side === "buyer" ? "supplier" : "buyer")) throw dealError("FORBIDDEN", "notYourTurn");
      throw dealError("CONFLICT", "stageAction");
    }
    if (input.action === "return" && !input.comment) throw new DomainError("INVALID", "validation.required", {}, "comment");
    await setStage(tx, ctx, deal.id, current.stage, {
      state: next.state,
      comment: input.comment ?? null,
      actualDate: next.state === "done" ? (input.actualDate ?? todayOf(ctx)) : current.actualDate,
    });
    let stage = deal.stage;
    if (next.advance) {
      const following = followingStage(
        current.stage,
        stages.map((s) => (s.stage === current.stage ? { ...s, state: next.state } : s)),
      );
      if (following) {
        await setStage(tx, ctx, deal.id, following, { state: "active" });
        stage = following;
      }
    }
    const row = await updateDeal(tx, ctx, deal, { stage });
    await recordHappening(tx, ctx, deal, side, {
      stage: current.stage,
      action: input.action,
      comment: input.comment,
      changes: { state: [current.state, next.state], ...(stage !== deal.stage ? { dealStage: [deal.stage, stage] } : {}) },
    });
    return dealResult(row);
  });
}

/**
 * Either side moves a stage's planned date while it is still to do. The deal's due date (what
 * "on time" is measured against) stays as awarded. A moved date may be flagged late again.
 */
export async function planStage({ ctx, input }: { ctx: OrgContext; input: StagePlanValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId);
    assertActive(deal);
    const stage = (await stagesOf(tx, deal.id)).find((s) => s.stage === input.stage)!;
    if (!canPlan(stage)) throw dealError("CONFLICT", "stageAction");
    if (stage.plannedDate === input.plannedDate) return dealResult(deal);
    await setStage(tx, ctx, deal.id, stage.stage, { plannedDate: input.plannedDate, lateNotifiedAt: null });
    const row = await updateDeal(tx, ctx, deal, {});
    await recordHappening(tx, ctx, deal, side, {
      stage: stage.stage,
      action: "plan",
      comment: `${stage.plannedDate ?? "—"} → ${input.plannedDate}`,
      changes: { plannedDate: [stage.plannedDate, input.plannedDate] },
    });
    return dealResult(row);
  });
}

/** The buyer closes a delivered deal (ratings may still come afterwards). */
export async function closeDeal({ ctx, dealId }: { ctx: OrgContext; dealId: string }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, dealId, "buyer");
    assertActive(deal);
    if (deal.stage !== "delivered") throw dealError("CONFLICT", "notDelivered");
    await setStage(tx, ctx, deal.id, "closed", { state: "done", actualDate: todayOf(ctx) });
    const row = await updateDeal(tx, ctx, deal, { stage: "closed", status: "closed" });
    await recordHappening(tx, ctx, deal, side, { stage: "closed", action: "closed", changes: { status: ["active", "closed"] } });
    return dealResult(row);
  });
}

/** Either side cancels, with a reason, before delivery. */
export async function cancelDeal({ ctx, input }: { ctx: OrgContext; input: CancelDealValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId);
    assertActive(deal);
    if (deal.deliveredAt !== null) throw dealError("CONFLICT", "alreadyDelivered");
    const row = await updateDeal(tx, ctx, deal, { status: "cancelled", cancelReason: input.reason });
    await recordHappening(tx, ctx, deal, side, { stage: deal.stage, action: "cancelled", comment: input.reason, changes: { status: ["active", "cancelled"] } });
    return dealResult(row);
  });
}

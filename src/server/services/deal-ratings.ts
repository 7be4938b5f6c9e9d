import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { ratingInputSchema } from "@/domain/schemas/deals";
import { dealRatings, organizations } from "../db/schema";
import { dealError, lockDeal, recordHappening } from "./deal-access";
import { refreshDeliveryRecord } from "./delivery-record";
import { notify } from "./notifications";
import type { OrgContext } from "./context";

/**
 * Ratings (docs/deals.md): after delivery each side rates the other once (on time, quality,
 * communication, 1–5, and a comment). The ratee hears of it; a supplier's delivery record takes
 * its buyer's rating in the same transaction.
 */

export type RatingValues = z.output<typeof ratingInputSchema>;

export async function rateDeal({ ctx, input }: { ctx: OrgContext; input: RatingValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId);
    if (deal.deliveredAt === null || deal.status === "cancelled") throw dealError("CONFLICT", "notDelivered");
    const raterOrgId = ctx.membership.organizationId;
    const rateeOrgId = side === "buyer" ? deal.supplierOrgId : deal.buyerOrgId;
    const [rating] = await tx
      .insert(dealRatings)
      .values({ dealId: deal.id, raterOrgId, rateeOrgId, onTime: input.onTime, quality: input.quality, communication: input.communication, comment: input.comment ?? null, createdBy: ctx.actor.userId })
      .onConflictDoNothing({ target: [dealRatings.dealId, dealRatings.raterOrgId] })
      .returning();
    if (!rating) throw dealError("CONFLICT", "alreadyRated");
    if (side === "buyer") await refreshDeliveryRecord(tx, rateeOrgId, ctx);
    const scores = { onTime: input.onTime, quality: input.quality, communication: input.communication };
    await recordHappening(tx, ctx, deal, side, { stage: deal.stage, action: "rated", comment: input.comment, notifyCounterpart: false, changes: scores });
    const [rater] = await tx.select({ nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, raterOrgId));
    await notify(tx, {
      organizationId: rateeOrgId,
      kind: "ratingReceived",
      params: { from: rater!.nameZh, deal: deal.title, ...scores },
      link: `/deals/${deal.id}`,
      dedupeKey: `ratingReceived:${rating.id}`,
    });
    return { id: rating.id, side, ...scores, comment: rating.comment };
  });
}

import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import { OPEN_INQUIRY_STATUSES, quoteAmountFen } from "@/domain/deals/inquiry-rules";
import { paymentTermsWarning, planStages } from "@/domain/deals/stages";
import { dealEvents, dealStages, deals, demands, inquiries, organizations, quotes } from "../db/schema";
import { isUniqueViolation } from "../errors";
import { enqueueSearchUpdate } from "../search/outbox";
import { writeAudit } from "./audit";
import { now, type OrgContext } from "./context";
import { dealError, lockPartyInquiry } from "./inquiry-access";
import { notify } from "./notifications";

/**
 * The award (docs/deals.md): the buyer accepts a supplier's active quote. One transaction locks
 * the demand, the inquiry and the quote in that order (as every inquiry mutation does), so two
 * awards on one demand, or an award and a withdrawal, run one after the other and the second finds
 * the demand awarded or the quote no longer active. The unique deal per demand and per inquiry is
 * the last line of defence; its violation is the same CONFLICT.
 */
export async function awardQuote({ ctx, inquiryId, quoteId }: { ctx: OrgContext; inquiryId: string; quoteId: string }): Promise<{ dealId: string }> {
  const at = now(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const { demand, inquiry } = await lockPartyInquiry(tx, ctx, inquiryId, "buyer");
      if (demand.status === "awarded") throw dealError("CONFLICT", "alreadyAwarded");
      // Quotes are compared once they are in: an open demand past its deadline can still be awarded.
      if (demand.status === "closed") throw dealError("CONFLICT", "demandClosed");
      if (inquiry.status === "invited") throw dealError("CONFLICT", "notQuotedYet");
      const [quote] = await tx.select().from(quotes).where(and(eq(quotes.id, quoteId), eq(quotes.inquiryId, inquiryId))).for("update");
      // A quote withdrawn (or revised) in the meantime: the buyer refreshes and sees why.
      if (!quote || quote.author !== "supplier" || quote.status !== "active") throw dealError("CONFLICT", "quoteNotActive");
      if (inquiry.status !== "quoted" && inquiry.status !== "countered") throw dealError("CONFLICT", "inquiryClosed");

      const [buyer] = await tx.select().from(organizations).where(eq(organizations.id, inquiry.buyerOrgId));
      const [supplier] = await tx.select().from(organizations).where(eq(organizations.id, inquiry.supplierOrgId));
      const warning = paymentTermsWarning(buyer!, supplier!, quote);
      const plan = planStages(chinaToday(at), quote.leadTimeDays, demand.samplesWanted);

      // The winner: its quote and inquiry; a counter still open on it is superseded.
      await tx.update(quotes).set({ status: "awarded" }).where(eq(quotes.id, quote.id));
      await tx.update(quotes).set({ status: "superseded" }).where(and(eq(quotes.inquiryId, inquiryId), eq(quotes.status, "active")));
      await tx.update(inquiries).set({ status: "awarded", updatedAt: at }).where(eq(inquiries.id, inquiryId));
      // Everyone else still in the running has lost, with their active quotes.
      const losers = await tx
        .update(inquiries)
        .set({ status: "lost", updatedAt: at })
        .where(and(eq(inquiries.demandId, demand.id), ne(inquiries.id, inquiryId), inArray(inquiries.status, [...OPEN_INQUIRY_STATUSES])))
        .returning({ id: inquiries.id, supplierOrgId: inquiries.supplierOrgId });
      if (losers.length)
        await tx
          .update(quotes)
          .set({ status: "lost" })
          .where(and(inArray(quotes.inquiryId, losers.map((l) => l.id)), eq(quotes.status, "active")));
      const [closed] = await tx
        .update(demands)
        .set({ status: "awarded", version: demand.version + 1, updatedAt: at })
        .where(eq(demands.id, demand.id))
        .returning({ version: demands.version });
      await enqueueSearchUpdate(tx, { entity: "demand", entityId: demand.id, version: closed!.version, op: "upsert" });

      const [deal] = await tx
        .insert(deals)
        .values({
          demandId: demand.id,
          inquiryId,
          quoteId: quote.id,
          buyerOrgId: inquiry.buyerOrgId,
          supplierOrgId: inquiry.supplierOrgId,
          introducedByOrgId: inquiry.introducedByOrgId,
          title: demand.title,
          stage: plan.stages.find((s) => s.state === "active")!.stage,
          quantityValue: quote.quantityValue,
          quantityUnit: quote.quantityUnit,
          unitPriceFen: quote.unitPriceFen,
          priceUnit: quote.priceUnit,
          amountFen: quoteAmountFen(quote) ?? 0,
          taxIncluded: quote.taxIncluded,
          invoiceType: quote.invoiceType,
          paymentTerms: quote.paymentTerms,
          paymentDays: quote.paymentDays,
          paymentTermsWarning: warning,
          dueDate: plan.dueDate,
          createdBy: ctx.actor.userId,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: deals.id });
      const dealId = deal!.id;
      await tx.insert(dealStages).values(plan.stages.map((s) => ({ dealId, stage: s.stage, state: s.state, plannedDate: s.plannedDate, updatedAt: at })));
      await tx.insert(dealEvents).values({ dealId, action: "awarded", actorOrgId: inquiry.buyerOrgId, actorUserId: ctx.actor.userId, createdAt: at });

      await writeAudit(tx, {
        organizationId: inquiry.buyerOrgId,
        actorUserId: ctx.actor.userId,
        action: "inquiry.award",
        entityType: "inquiry",
        entityId: inquiryId,
        changes: { quoteId: quote.id, dealId, demandId: demand.id, lost: losers.map((l) => l.id), paymentTermsWarning: warning },
      });
      await writeAudit(tx, { organizationId: inquiry.buyerOrgId, actorUserId: ctx.actor.userId, action: "deal.create", entityType: "deal", entityId: dealId, changes: { inquiryId, quoteId: quote.id } });

      await notify(tx, {
        organizationId: inquiry.supplierOrgId,
        kind: "quoteAwarded",
        params: { buyer: buyer!.nameZh, demand: demand.title },
        link: `/deals/${dealId}`,
        dedupeKey: `quoteAwarded:${inquiryId}`,
      });
      for (const l of losers)
        await notify(tx, { organizationId: l.supplierOrgId, kind: "quoteNotAwarded", params: { demand: demand.title }, link: `/inquiries/${l.id}`, dedupeKey: `quoteNotAwarded:${l.id}` });
      if (warning)
        for (const organizationId of [inquiry.buyerOrgId, inquiry.supplierOrgId])
          await notify(tx, {
            organizationId,
            kind: "paymentTermsWarning",
            params: { deal: demand.title, days: quote.paymentDays ?? 0 },
            link: `/deals/${dealId}`,
            dedupeKey: `paymentTermsWarning:${dealId}`,
          });
      return { dealId };
    });
  } catch (e) {
    if (isUniqueViolation(e, "deals_demand_key") || isUniqueViolation(e, "deals_inquiry_key")) throw dealError("CONFLICT", "alreadyAwarded");
    throw e;
  }
}

import "server-only";
import { and, asc, eq, gt, isNull, lt, notInArray, or } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import { stageIsLate } from "@/domain/deals/deal-actions";
import type { Db } from "../db/types";
import { deals, dealStages } from "../db/schema";
import { notify } from "./notifications";

/**
 * Late stages (docs/deals.md), a step of the alerts pass (alerts.ts): each stage of an active deal
 * past its planned date and not finished is flagged to both sides once (`dealStageLate`), claimed by
 * setting `late_notified_at` with a conditional update in the transaction that notifies, so re-runs
 * and concurrent runners notify nobody twice. Moving the planned date clears the flag.
 */
export async function remindLateStages(db: Db, at: Date, batch = 200): Promise<number> {
  const today = chinaToday(at);
  const candidates = await db
    .select({ dealId: dealStages.dealId, stage: dealStages.stage, state: dealStages.state, plannedDate: dealStages.plannedDate, actualDate: dealStages.actualDate, title: deals.title, buyerOrgId: deals.buyerOrgId, supplierOrgId: deals.supplierOrgId })
    .from(dealStages)
    .innerJoin(deals, eq(deals.id, dealStages.dealId))
    .where(
      and(
        eq(deals.status, "active"),
        isNull(dealStages.lateNotifiedAt),
        lt(dealStages.plannedDate, today),
        notInArray(dealStages.state, ["done", "skipped"]),
        or(isNull(dealStages.actualDate), gt(dealStages.actualDate, dealStages.plannedDate)),
      ),
    )
    .orderBy(asc(dealStages.plannedDate), asc(dealStages.dealId))
    .limit(batch);
  let flagged = 0;
  for (const s of candidates) {
    if (!stageIsLate(s, today)) continue;
    flagged += await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(dealStages)
        .set({ lateNotifiedAt: at })
        .where(and(eq(dealStages.dealId, s.dealId), eq(dealStages.stage, s.stage), isNull(dealStages.lateNotifiedAt), eq(dealStages.plannedDate, s.plannedDate!)))
        .returning({ dealId: dealStages.dealId });
      if (!claimed) return 0;
      for (const organizationId of [s.buyerOrgId, s.supplierOrgId])
        await notify(tx, {
          organizationId,
          kind: "dealStageLate",
          params: { deal: s.title, stage: s.stage, planned: s.plannedDate! },
          link: `/deals/${s.dealId}`,
          dedupeKey: `dealStageLate:${s.dealId}:${s.stage}:${s.plannedDate}`,
        });
      return 1;
    });
  }
  return flagged;
}

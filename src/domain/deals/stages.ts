/**
 * The deal's stages as the trade runs them (docs/deals.md), pure rules shared by the services and
 * the pages: order, who may do what at each stage, planned dates from the quote's lead time, late
 * stages, the delivery tolerance and the SME payment-terms warning.
 */

export const DEAL_STAGES = ["samples", "lab_dip", "pp_sample", "bulk", "inspection", "shipped", "delivered", "closed"] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

/** Cut samples / colour cards → lab dip (打色) → pre-production sample (产前样): submitted, then approved or returned. */
export const SAMPLE_STAGES = ["samples", "lab_dip", "pp_sample"] as const satisfies readonly DealStage[];

export const STAGE_ACTIONS = ["submit", "approve", "return", "complete", "skip"] as const;
export type StageAction = (typeof STAGE_ACTIONS)[number];
export type StageState = "pending" | "active" | "submitted" | "returned" | "done" | "skipped";
export type DealSide = "buyer" | "supplier";

export const stageIndex = (s: DealStage) => DEAL_STAGES.indexOf(s);
export const isSampleStage = (s: DealStage): boolean => (SAMPLE_STAGES as readonly DealStage[]).includes(s);

/** The stage after `s` (null after closed). */
export function nextStage(s: DealStage): DealStage | null {
  return DEAL_STAGES[stageIndex(s) + 1] ?? null;
}

/**
 * Who may take which action on the current stage, and what state it leads to. `advance` means the
 * stage is done and the next one becomes active. Shipments and delivery are their own operations
 * (shipped: the supplier ships, the buyer receives; delivered: ratings, then the buyer closes).
 */
export function stageTransition(stage: DealStage, state: StageState, action: StageAction, side: DealSide): { state: StageState; advance: boolean } | null {
  if (state === "done" || state === "skipped" || state === "pending") return null;
  if (isSampleStage(stage) || stage === "inspection") {
    // The supplier submits a sample (or the goods for inspection); the buyer approves or sends it back.
    if (action === "submit" && side === "supplier" && (state === "active" || state === "returned")) return { state: "submitted", advance: false };
    if (action === "approve" && side === "buyer" && state === "submitted") return { state: "done", advance: true };
    if (action === "return" && side === "buyer" && state === "submitted") return { state: "returned", advance: false };
    // The buyer may waive a sample stage (no lab dip needed); inspection cannot be waived by the supplier.
    if (action === "skip" && side === "buyer" && isSampleStage(stage)) return { state: "skipped", advance: true };
    return null;
  }
  if (stage === "bulk" && action === "complete" && side === "supplier") return { state: "done", advance: true };
  return null;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Planned dates at the award: delivery is due `leadTimeDays` after the award (at least 7 days);
 * samples take the first fifth of the time (when the buyer wants samples), inspection and shipping
 * the last days. Sample stages are skipped when the demand did not ask for samples.
 */
export function planStages(awardedOn: string, leadTimeDays: number, samplesWanted: boolean): { dueDate: string; stages: Array<{ stage: DealStage; plannedDate: string | null; state: StageState }> } {
  const lead = Math.max(7, leadTimeDays);
  const due = addDays(awardedOn, lead);
  const sampleSpan = samplesWanted ? Math.max(3, Math.round(lead / 5)) : 0;
  const plan: Record<DealStage, string | null> = {
    samples: samplesWanted ? addDays(awardedOn, Math.max(1, Math.round(sampleSpan / 3))) : null,
    lab_dip: samplesWanted ? addDays(awardedOn, Math.max(2, Math.round((2 * sampleSpan) / 3))) : null,
    pp_sample: samplesWanted ? addDays(awardedOn, sampleSpan) : null,
    bulk: addDays(due, -Math.min(5, Math.floor(lead / 3))),
    inspection: addDays(due, -Math.min(3, Math.floor(lead / 5))),
    shipped: addDays(due, -Math.min(2, Math.floor(lead / 7))),
    delivered: due,
    closed: null,
  };
  const first: DealStage = samplesWanted ? "samples" : "bulk";
  const stages = DEAL_STAGES.map((stage) => ({
    stage,
    plannedDate: plan[stage],
    state: (!samplesWanted && isSampleStage(stage) ? "skipped" : stage === first ? "active" : "pending") as StageState,
  }));
  return { dueDate: due, stages };
}

/** A stage is late when its planned date has passed and it is not finished. */
export function isStageLate(s: { plannedDate: string | null; state: StageState }, today: string): boolean {
  return s.plannedDate !== null && s.plannedDate < today && s.state !== "done" && s.state !== "skipped";
}

/** Delivered vs ordered: within ±tolerance% no decision is needed; beyond it the buyer decides. */
export function quantityWithinTolerance(ordered: number, delivered: number, tolerancePct: number): boolean {
  if (ordered <= 0) return true;
  return Math.abs(delivered - ordered) <= (ordered * tolerancePct) / 100 + 1e-9;
}

/** 保障中小企业款项支付条例 (in force 2025-06-01): large buyers pay SMEs within 60 days. */
export const SME_PAYMENT_DAYS_LIMIT = 60;

/**
 * True when a large firm (an anchor organisation) buys from an SME (an SME organisation, or any
 * firm with a 专精特新 level) on terms longer than 60 days (月结 N 天 or a bill maturing in N days).
 */
export function paymentTermsWarning(
  buyer: { type: string },
  supplier: { type: string; smeLevel?: string | null },
  terms: { paymentTerms: "prepay" | "monthly" | "acceptance"; paymentDays?: number | null },
): boolean {
  if (terms.paymentTerms === "prepay") return false;
  const large = buyer.type === "anchor";
  const sme = supplier.type === "sme" || !!supplier.smeLevel;
  return large && sme && (terms.paymentDays ?? 0) > SME_PAYMENT_DAYS_LIMIT;
}

/** Order value in fen: unit price (fen) × quantity, rounded. */
export function orderAmountFen(unitPriceFen: number, quantity: number): number {
  return Math.round(unitPriceFen * quantity);
}

import { DEAL_STAGES, isStageLate, quantityWithinTolerance, stageIndex, STAGE_ACTIONS, stageTransition, type DealSide, type DealStage, type StageAction, type StageState } from "./stages";

/**
 * What a side may do on a deal right now, and the shipping figures behind it: one set of pure rules
 * that the services enforce and the deal page uses to show only the buttons that will work.
 */

export interface StageView {
  stage: DealStage;
  state: StageState;
  plannedDate: string | null;
  actualDate: string | null;
}

export interface DealView {
  status: "active" | "closed" | "cancelled";
  stage: DealStage;
  quantityValue: number;
  tolerancePct: number;
  quantityDecision: "accepted" | "rejected" | null;
  deliveredAt: string | null;
}

/**
 * Late as shown on the pages and reminded: past its planned date and not finished (isStageLate),
 * unless its own part was done by the planned date (goods shipped on time but not yet received).
 * Only an active deal has late stages.
 */
export function stageIsLate(s: StageView, today: string, dealStatus: DealView["status"] = "active"): boolean {
  if (dealStatus !== "active") return false;
  return isStageLate(s, today) && !(s.actualDate !== null && s.plannedDate !== null && s.actualDate <= s.plannedDate);
}

/** The stage after `stage` that is still to do (skipped stages are passed over). */
export function followingStage(stage: DealStage, stages: readonly StageView[]): DealStage | null {
  const skipped = new Set(stages.filter((s) => s.state === "skipped").map((s) => s.stage));
  for (let i = stageIndex(stage) + 1; i < DEAL_STAGES.length; i++) if (!skipped.has(DEAL_STAGES[i]!)) return DEAL_STAGES[i]!;
  return null;
}

export interface ShippingSummary {
  shipped: number;
  received: number;
  /** Shipments not received yet. */
  inTransit: number;
  shipments: number;
  /** The band of received quantities that needs no decision. */
  band: { min: number; max: number };
  withinTolerance: boolean;
  /** Everything received, beyond the tolerance, not accepted yet: the buyer must decide. */
  needsDecision: boolean;
  /** The buyer may confirm delivery. */
  canConfirm: boolean;
}

export function shippingSummary(deal: DealView, shipments: ReadonlyArray<{ quantity: number; receivedOn: string | null }>): ShippingSummary {
  const shipped = shipments.reduce((a, s) => a + s.quantity, 0);
  const received = shipments.reduce((a, s) => a + (s.receivedOn ? s.quantity : 0), 0);
  const inTransit = shipments.filter((s) => !s.receivedOn).length;
  const slack = (deal.quantityValue * deal.tolerancePct) / 100;
  const withinTolerance = quantityWithinTolerance(deal.quantityValue, received, deal.tolerancePct);
  const settled = deal.status === "active" && deal.stage === "shipped" && shipments.length > 0 && inTransit === 0;
  return {
    shipped,
    received,
    inTransit,
    shipments: shipments.length,
    band: { min: deal.quantityValue - slack, max: deal.quantityValue + slack },
    withinTolerance,
    needsDecision: settled && !withinTolerance && deal.quantityDecision !== "accepted",
    canConfirm: settled && (withinTolerance || deal.quantityDecision === "accepted"),
  };
}

export interface AvailableActions {
  /** Actions on the current stage (deal.act). */
  stage: StageAction[];
  plan: boolean;
  ship: boolean;
  receive: boolean;
  decideQuantity: boolean;
  confirmDelivery: boolean;
  close: boolean;
  cancel: boolean;
  rate: boolean;
  addInvoice: boolean;
  addPayment: boolean;
  confirmPayment: boolean;
}

export const NO_ACTIONS: AvailableActions = {
  stage: [],
  plan: false,
  ship: false,
  receive: false,
  decideQuantity: false,
  confirmDelivery: false,
  close: false,
  cancel: false,
  rate: false,
  addInvoice: false,
  addPayment: false,
  confirmPayment: false,
};

/** What `side` may do now (a read-only viewer, such as the introducing service centre, passes null). */
export function availableActions(
  deal: DealView,
  stages: readonly StageView[],
  shipping: ShippingSummary,
  side: DealSide | null,
  opts: { rated: boolean; unconfirmedPayments: number },
): AvailableActions {
  if (side === null) return NO_ACTIONS;
  const active = deal.status === "active";
  const current = stages.find((s) => s.stage === deal.stage);
  const buyer = side === "buyer";
  const delivered = deal.deliveredAt !== null;
  return {
    stage: active && current ? STAGE_ACTIONS.filter((a) => stageTransition(current.stage, current.state, a, side) !== null) : [],
    plan: active && stages.some((s) => canPlan(s)),
    ship: active && !buyer && deal.stage === "shipped",
    receive: active && buyer && deal.stage === "shipped" && shipping.inTransit > 0,
    decideQuantity: buyer && (shipping.needsDecision || (shipping.canConfirm && !shipping.withinTolerance)),
    confirmDelivery: buyer && shipping.canConfirm,
    close: active && buyer && deal.stage === "delivered",
    cancel: active && !delivered,
    rate: delivered && deal.status !== "cancelled" && !opts.rated,
    addInvoice: !buyer && deal.status !== "cancelled",
    addPayment: buyer && deal.status !== "cancelled",
    confirmPayment: !buyer && opts.unconfirmedPayments > 0,
  };
}

/** A planned date may move while the stage is still to do (closing has no date of its own). */
export function canPlan(s: StageView): boolean {
  return s.stage !== "closed" && s.state !== "done" && s.state !== "skipped";
}

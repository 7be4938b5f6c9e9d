import { describe, expect, it } from "vitest";
import { availableActions, canPlan, followingStage, shippingSummary, stageIsLate, type DealView, type StageView } from "./deal-actions";
import { planStages } from "./stages";

const deal = (over: Partial<DealView> = {}): DealView => ({ status: "active", stage: "shipped", quantityValue: 1000, tolerancePct: 3, quantityDecision: null, deliveredAt: null, ...over });
const stages = (samplesWanted: boolean): StageView[] => planStages("2030-01-01", 30, samplesWanted).stages.map((s) => ({ ...s, actualDate: null }));

describe("late stages", () => {
  const s = (over: Partial<StageView>): StageView => ({ stage: "bulk", state: "active", plannedDate: "2030-01-10", actualDate: null, ...over });
  it("is late past its planned date until done or skipped, only on an active deal", () => {
    expect(stageIsLate(s({}), "2030-01-10")).toBe(false);
    expect(stageIsLate(s({}), "2030-01-11")).toBe(true);
    expect(stageIsLate(s({ state: "pending" }), "2030-01-11")).toBe(true);
    expect(stageIsLate(s({ state: "submitted" }), "2030-01-11")).toBe(true);
    expect(stageIsLate(s({ state: "done", actualDate: "2030-01-12" }), "2030-01-13")).toBe(false);
    expect(stageIsLate(s({ state: "skipped" }), "2030-01-13")).toBe(false);
    expect(stageIsLate(s({ plannedDate: null }), "2030-01-13")).toBe(false);
    expect(stageIsLate(s({}), "2030-01-11", "cancelled")).toBe(false);
    expect(stageIsLate(s({}), "2030-01-11", "closed")).toBe(false);
  });
  it("is not late when its own part happened by the planned date (goods shipped on time)", () => {
    expect(stageIsLate(s({ stage: "shipped", actualDate: "2030-01-10" }), "2030-01-12")).toBe(false);
    expect(stageIsLate(s({ stage: "shipped", actualDate: "2030-01-11" }), "2030-01-12")).toBe(true);
  });
});

describe("the stage after", () => {
  it("passes over skipped stages", () => {
    expect(followingStage("samples", stages(true))).toBe("lab_dip");
    const waived = stages(true).map((x) => (x.stage === "lab_dip" ? { ...x, state: "skipped" as const } : x));
    expect(followingStage("samples", waived)).toBe("pp_sample");
    expect(followingStage("inspection", stages(false))).toBe("shipped");
    expect(followingStage("closed", stages(false))).toBeNull();
  });
  it("plans only dated stages still to do", () => {
    const [samples] = stages(true);
    expect(canPlan(samples!)).toBe(true);
    expect(canPlan({ ...samples!, state: "done" })).toBe(false);
    expect(canPlan(stages(false)[0]!)).toBe(false);
    expect(canPlan({ ...stages(true).at(-1)!, state: "active" })).toBe(false);
  });
});

describe("shipping summary", () => {
  it("sums lots, receipts and the ±3% band", () => {
    const s = shippingSummary(deal(), [
      { quantity: 600, receivedOn: "2030-01-10" },
      { quantity: 380, receivedOn: null },
    ]);
    expect(s).toEqual({ shipped: 980, received: 600, inTransit: 1, shipments: 2, band: { min: 970, max: 1030 }, withinTolerance: false, needsDecision: false, canConfirm: false });
  });
  it("within the band (edges included) can be confirmed without a decision", () => {
    for (const q of [970, 1000, 1030]) expect(shippingSummary(deal(), [{ quantity: q, receivedOn: "2030-01-10" }])).toMatchObject({ withinTolerance: true, needsDecision: false, canConfirm: true });
  });
  it("beyond it needs the buyer's acceptance; a rejection keeps waiting", () => {
    const lots = [{ quantity: 969, receivedOn: "2030-01-10" }];
    expect(shippingSummary(deal(), lots)).toMatchObject({ needsDecision: true, canConfirm: false });
    expect(shippingSummary(deal({ quantityDecision: "rejected" }), lots)).toMatchObject({ needsDecision: true, canConfirm: false });
    expect(shippingSummary(deal({ quantityDecision: "accepted" }), lots)).toMatchObject({ needsDecision: false, canConfirm: true });
    expect(shippingSummary(deal({ quantityDecision: "accepted", stage: "delivered" }), lots)).toMatchObject({ canConfirm: false });
    expect(shippingSummary(deal(), [])).toMatchObject({ canConfirm: false, needsDecision: false });
  });
});

describe("available actions", () => {
  const none = { rated: false, unconfirmedPayments: 0 };
  it("offers each side its own step", () => {
    const st = stages(true);
    const at = deal({ stage: "samples" });
    const sum = shippingSummary(at, []);
    expect(availableActions(at, st, sum, "supplier", none)).toMatchObject({ stage: ["submit"], plan: true, cancel: true, ship: false, addInvoice: true, addPayment: false, rate: false });
    expect(availableActions(at, st, sum, "buyer", none)).toMatchObject({ stage: ["skip"], addPayment: true, addInvoice: false, close: false });
    const submitted = st.map((x) => (x.stage === "samples" ? { ...x, state: "submitted" as const } : x));
    expect(availableActions(at, submitted, sum, "buyer", none).stage).toEqual(["approve", "return", "skip"]);
  });
  it("ships, receives and confirms at shipped; rates once after delivery; nothing for a read-only viewer", () => {
    const st = stages(false);
    const lots = [{ quantity: 1000, receivedOn: null }];
    expect(availableActions(deal(), st, shippingSummary(deal(), lots), "supplier", none)).toMatchObject({ ship: true, receive: false });
    expect(availableActions(deal(), st, shippingSummary(deal(), lots), "buyer", none)).toMatchObject({ receive: true, confirmDelivery: false });
    const received = [{ quantity: 1000, receivedOn: "2030-01-30" }];
    expect(availableActions(deal(), st, shippingSummary(deal(), received), "buyer", none)).toMatchObject({ receive: false, confirmDelivery: true, decideQuantity: false });
    const delivered = deal({ stage: "delivered", deliveredAt: "2030-01-30" });
    const sum = shippingSummary(delivered, received);
    expect(availableActions(delivered, st, sum, "buyer", none)).toMatchObject({ close: true, rate: true, cancel: false });
    expect(availableActions(delivered, st, sum, "buyer", { rated: true, unconfirmedPayments: 0 }).rate).toBe(false);
    expect(availableActions({ ...delivered, status: "closed", stage: "closed" }, st, sum, "supplier", { rated: false, unconfirmedPayments: 1 })).toMatchObject({ rate: true, confirmPayment: true, close: false });
    const readOnly = availableActions(delivered, st, sum, null, none);
    expect(Object.values(readOnly).every((v) => v === false || (Array.isArray(v) && v.length === 0))).toBe(true);
  });
});

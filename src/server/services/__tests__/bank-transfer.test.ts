import { TRPCError } from "@trpc/server";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { transferAmountFen } from "@/domain/billing/plans";
import { periodUntil, REFERENCE_ALPHABET, REFERENCE_PATTERN, referenceFromBytes } from "@/domain/billing/transfer";
import { taxNumberSchema } from "@/domain/schemas/billing-transfer";
import { randomValidUscc } from "@/domain/uscc";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember } from "@/test/factories";
import { openDatabase, type DatabaseHandle } from "../../db/open";
import { auditLog, bankTransferOrders, memberships, notifications, subscriptions, users, vatInvoiceRequests } from "../../db/schema";

// The next payment references drawn: a queue the reference test fills to force a collision; empty = random.
const forced = vi.hoisted(() => ({ bytes: [] as Buffer[] }));
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, default: actual, randomBytes: ((n: number) => forced.bytes.shift() ?? actual.randomBytes(n)) as typeof actual.randomBytes };
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? { code: e.code, key: e.message } : String(e)),
  );

// Noon in China; the grant of a 3-month order confirmed now ends at the end of 28 February 2027.
const NOW = new Date("2026-11-28T04:00:00Z");
const endOfChinaDay = (d: string) => new Date(`${d}T23:59:59.999+08:00`);

it("references: FL-XXXX-XXXX over 32 characters without 0, O, 1 or I", () => {
  expect(REFERENCE_ALPHABET).toHaveLength(32);
  expect(REFERENCE_ALPHABET).not.toMatch(/[0O1I]/);
  expect(referenceFromBytes(Uint8Array.from([0, 1, 2, 3, 31, 32, 255, 200]))).toBe("FL-2345-Z2ZA");
  expect(REFERENCE_PATTERN.test("FL-7K3M-9Q2D")).toBe(true);
  expect(REFERENCE_PATTERN.test("FL-7K3M-9Q0D")).toBe(false);
});

it("periods end on the same day months later, or the month's last day (China time)", () => {
  expect(periodUntil(NOW, 3)).toBe("2027-02-28");
  expect(periodUntil(new Date("2026-11-30T02:00:00Z"), 3)).toBe("2027-02-28");
  expect(periodUntil(new Date("2027-11-30T02:00:00Z"), 3)).toBe("2028-02-29");
  expect(periodUntil(new Date("2026-12-31T17:00:00Z"), 1)).toBe("2027-02-01"); // already 1 January in China
  expect(periodUntil(new Date("2026-05-15T00:00:00Z"), 12)).toBe("2027-05-15");
});

it("tax numbers: 15, 18 (a valid USCC) or 20 digits and capital letters", () => {
  const uscc = randomValidUscc();
  expect(taxNumberSchema.parse(` ${uscc.toLowerCase()} `)).toBe(uscc);
  expect(taxNumberSchema.parse("370200123456789")).toBe("370200123456789");
  expect(taxNumberSchema.parse("37020012345678901234")).toBe("37020012345678901234");
  const bad = (v: string) => taxNumberSchema.safeParse(v).error?.issues[0]?.message;
  expect(bad("1234567890")).toBe("validation.taxNumber");
  expect(bad("37020012345678*")).toBe("validation.taxNumber");
  expect(bad(`${uscc.slice(0, 17)}${uscc[17] === "0" ? "1" : "0"}`)).toBe("validation.uscc.checksum");
  expect(bad("")).toBe("validation.required");
});

describeEachDb("bank transfer (对公转账) and 发票 requests", (t) => {
  // On PostgreSQL the racing confirmations go through a second pool (separate connections); PGlite has one.
  let second: DatabaseHandle | undefined;
  beforeAll(async () => {
    const url = inject("pgUrl");
    if (t.kind === "postgres" && url) second = await openDatabase({ url });
  });
  afterAll(async () => second?.close());

  async function admin(db = t.db) {
    const m = await createMember(t.db);
    await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, m.userId));
    return { ...m, c: await callerFor(db, m.userId, { now: NOW }) };
  }
  async function firm() {
    const m = await createMember(t.db);
    return { ...m, c: await callerFor(t.db, m.userId, { now: NOW }) };
  }
  const kinds = async (userId: string) => (await t.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind).sort();

  it("orders a paid plan: the amount from the price list, a unique reference, one order awaiting payment at a time", async () => {
    const f = await firm();
    const o = await f.c.bankTransfer.order({ plan: "sme_pro", months: 12, payerName: "青岛示范纺织有限公司" });
    expect(o).toMatchObject({ plan: "sme_pro", months: 12, amountFen: transferAmountFen("sme_pro", 12), status: "awaiting_payment", payerName: "青岛示范纺织有限公司", requestedBy: f.userId });
    expect(o.amountFen).toBe(680_000); // twelve months cost ten
    expect(o.reference).toMatch(REFERENCE_PATTERN);
    expect(await refusal(f.c.bankTransfer.order({ plan: "anchor_pro", months: 1 }))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.awaitingExists" });
    expect(await refusal(f.c.bankTransfer.order({ plan: "free" as never, months: 1 }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await refusal(f.c.bankTransfer.order({ plan: "sme_pro", months: 2 as never }))).toMatchObject({ code: "BAD_REQUEST" });

    const mine = await f.c.bankTransfer.mine();
    expect(mine.orders.map((x) => x.id)).toEqual([o.id]);
    expect(mine.bank).toMatchObject({ accountName: "纺链（山东）信息科技有限公司", bankName: "中国工商银行青岛市南支行", demo: true });

    // Cancelled, the firm may order again; the audit log has both.
    await f.c.bankTransfer.cancel({ id: o.id });
    expect(await refusal(f.c.bankTransfer.cancel({ id: o.id }))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.notAwaiting" });
    const again = await f.c.bankTransfer.order({ plan: "sme_pro", months: 1 });
    expect(again.reference).not.toBe(o.reference);
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.organizationId, f.organizationId), like(auditLog.action, "billing.transfer%"))).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(["billing.transferOrdered", "billing.transferCancelled", "billing.transferOrdered"]);
  });

  it("draws another reference when the first is taken, and the database refuses a duplicate", async () => {
    const [f1, f2] = [await firm(), await firm()];
    const taken = Buffer.from([9, 8, 7, 6, 5, 4, 3, 2]);
    const o1 = await (forced.bytes.push(Buffer.from(taken)), f1.c.bankTransfer.order({ plan: "sme_pro", months: 1 }));
    expect(o1.reference).toBe(referenceFromBytes(taken));
    forced.bytes.push(Buffer.from(taken), Buffer.from([10, 11, 12, 13, 14, 15, 16, 17]));
    const o2 = await f2.c.bankTransfer.order({ plan: "sme_pro", months: 1 });
    expect(o2.reference).toBe("FL-CDEF-GHJK");
    expect(forced.bytes).toHaveLength(0);
    await expect(t.db.insert(bankTransferOrders).values({ organizationId: f2.organizationId, plan: "sme_pro", months: 1, amountFen: 1, reference: o1.reference, status: "cancelled" })).rejects.toThrow();
  });

  it("only owners and admins order and cancel; members see the orders; other organisations see and cancel nothing", async () => {
    const f = await firm();
    const o = await f.c.bankTransfer.order({ plan: "anchor_pro", months: 1 });
    const colleague = await createMember(t.db);
    await t.db.insert(memberships).values({ organizationId: f.organizationId, userId: colleague.userId, role: "member" });
    await t.db.update(users).set({ activeOrganizationId: f.organizationId }).where(eq(users.id, colleague.userId));
    const mc = await callerFor(t.db, colleague.userId, { now: NOW });
    expect((await mc.bankTransfer.mine()).orders.map((x) => x.id)).toEqual([o.id]);
    expect(await refusal(mc.bankTransfer.cancel({ id: o.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(mc.bankTransfer.order({ plan: "sme_pro", months: 1 }))).toMatchObject({ code: "FORBIDDEN" });

    const other = await firm();
    expect((await other.c.bankTransfer.mine()).orders).toEqual([]);
    expect(await refusal(other.c.bankTransfer.cancel({ id: o.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(other.c.bankTransfer.confirm({ id: o.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(other.c.bankTransfer.list({ status: "awaiting_payment" }))).toMatchObject({ code: "FORBIDDEN" });
    const [row] = await t.db.select().from(bankTransferOrders).where(eq(bankTransferOrders.id, o.id));
    expect(row!.status).toBe("awaiting_payment");
  });

  it("an admin's confirmation grants the plan for the months paid; paying again extends it; a second confirmation is a CONFLICT", async () => {
    const f = await firm();
    const a = await admin();
    const o = await f.c.bankTransfer.order({ plan: "sme_pro", months: 3 });
    expect((await a.c.bankTransfer.list({ status: "awaiting_payment" })).find((x) => x.id === o.id)).toMatchObject({ reference: o.reference, amountFen: 204_000 });

    const confirmed = await a.c.bankTransfer.confirm({ id: o.id, receivedOn: "2026-11-27" });
    expect(confirmed).toMatchObject({ status: "confirmed", confirmedBy: a.userId, confirmedAt: NOW, periodStart: NOW, periodEnd: endOfChinaDay("2027-02-28") });
    expect(await refusal(a.c.bankTransfer.confirm({ id: o.id }))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.notAwaiting" });
    const billing = await f.c.billing.mine();
    expect(billing).toMatchObject({ plan: "sme_pro", subscription: { source: "bank_transfer", status: "active", currentPeriodEnd: endOfChinaDay("2027-02-28") } });
    await expect((await callerFor(t.db, f.userId, { now: new Date("2027-03-01T00:00:00Z") })).billing.mine()).resolves.toMatchObject({ plan: "free" });

    // Renewal while the plan runs: the new period starts where the old one ends.
    const renewal = await f.c.bankTransfer.order({ plan: "sme_pro", months: 1 });
    const renewed = await a.c.bankTransfer.confirm({ id: renewal.id });
    expect(renewed).toMatchObject({ periodStart: endOfChinaDay("2027-02-28"), periodEnd: endOfChinaDay("2027-03-28") });
    const [sub] = await t.db.select().from(subscriptions).where(eq(subscriptions.organizationId, f.organizationId));
    expect(sub).toMatchObject({ plan: "sme_pro", source: "bank_transfer", currentPeriodEnd: endOfChinaDay("2027-03-28"), grantedBy: a.userId });

    // Another plan replaces the running one from now.
    const upgrade = await f.c.bankTransfer.order({ plan: "anchor_pro", months: 1 });
    expect(await a.c.bankTransfer.confirm({ id: upgrade.id })).toMatchObject({ periodStart: NOW, periodEnd: endOfChinaDay("2026-12-28") });
    expect((await f.c.billing.mine()).plan).toBe("anchor_pro");

    expect(await kinds(f.userId)).toEqual(["transferConfirmed", "transferConfirmed", "transferConfirmed"]);
    const actions = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organizationId, f.organizationId));
    expect(actions.filter((x) => x.action === "billing.transferConfirmed")).toHaveLength(3);
    expect(actions.filter((x) => x.action === "billing.grant")).toHaveLength(3);
  });

  it("an admin cancels an awaiting order with a reason; nobody confirms a cancelled one", async () => {
    const f = await firm();
    const a = await admin();
    const o = await f.c.bankTransfer.order({ plan: "service_centre", months: 6 });
    expect(await refusal(a.c.bankTransfer.adminCancel({ id: o.id, reason: "短" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await a.c.bankTransfer.adminCancel({ id: o.id, reason: "30 天内未收到款项" })).toMatchObject({ status: "cancelled", cancelReason: "30 天内未收到款项" });
    expect(await refusal(a.c.bankTransfer.confirm({ id: o.id }))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.notAwaiting" });
    expect((await f.c.billing.mine()).plan).toBe("free");
    const [told] = await t.db.select().from(notifications).where(and(eq(notifications.userId, f.userId), eq(notifications.kind, "transferCancelled")));
    expect(told?.params).toMatchObject({ reference: o.reference, reason: "30 天内未收到款项" });
  });

  it("two admins confirming at once: exactly one grants", async () => {
    const f = await firm();
    const a1 = await admin();
    const a2 = await admin(second?.db ?? t.db);
    const o = await f.c.bankTransfer.order({ plan: "sme_pro", months: 1 });
    const results = await Promise.all([refusal(a1.c.bankTransfer.confirm({ id: o.id })), refusal(a2.c.bankTransfer.confirm({ id: o.id }))]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r !== null)).toEqual([{ code: "CONFLICT", key: "bankTransfer.errors.notAwaiting" }]);
    const grants = await t.db.select().from(auditLog).where(and(eq(auditLog.organizationId, f.organizationId), eq(auditLog.action, "billing.grant")));
    expect(grants).toHaveLength(1);
  });

  it("发票: only for a confirmed order of one's own organisation, 专票 details required, one live request, reject then request again, issue", async () => {
    const f = await firm();
    const a = await admin();
    const o = await f.c.bankTransfer.order({ plan: "sme_pro", months: 6 });
    const uscc = randomValidUscc();
    const normal = { orderId: o.id, invoiceType: "normal" as const, title: "青岛示范纺织有限公司", taxNumber: uscc, email: "finance@example.com" };
    expect(await refusal(f.c.bankTransfer.requestInvoice(normal))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.orderNotConfirmed" });
    await a.c.bankTransfer.confirm({ id: o.id });

    // 专票 needs 地址电话 and 开户行账号; tax numbers are checked.
    const special = await refusal(f.c.bankTransfer.requestInvoice({ ...normal, invoiceType: "special" }));
    expect(special).toMatchObject({ code: "BAD_REQUEST" });
    expect(await refusal(f.c.bankTransfer.requestInvoice({ ...normal, taxNumber: "12345" }))).toMatchObject({ code: "BAD_REQUEST" });
    const other = await firm();
    expect(await refusal(other.c.bankTransfer.requestInvoice(normal))).toMatchObject({ code: "NOT_FOUND" });

    const first = await f.c.bankTransfer.requestInvoice({ ...normal, invoiceType: "special", addressPhone: "青岛市即墨区示范路 1 号 0532-88880000", bankAccount: "中国银行即墨支行 2233 4455 6677" });
    expect(first).toMatchObject({ status: "requested", invoiceType: "special", amountFen: o.amountFen, taxNumber: uscc, organizationId: f.organizationId });
    expect(await refusal(f.c.bankTransfer.requestInvoice(normal))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.invoiceExists" });
    expect((await f.c.bankTransfer.mine()).orders.find((x) => x.id === o.id)?.invoices.map((i) => i.id)).toEqual([first.id]);

    expect((await a.c.bankTransfer.invoices({ status: "requested" })).find((r) => r.id === first.id)).toMatchObject({ reference: o.reference, organizationNameZh: expect.any(String) });
    expect(await refusal(f.c.bankTransfer.rejectInvoice({ id: first.id, reason: "自己驳回自己" }))).toMatchObject({ code: "FORBIDDEN" });
    await a.c.bankTransfer.rejectInvoice({ id: first.id, reason: "开户行账号不完整" });
    expect(await refusal(a.c.bankTransfer.issueInvoice({ id: first.id, invoiceNumber: "24372000000012345678" }))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.invoiceDecided" });

    // 普票 stores no 专票 details even when the form sent them.
    const second = await f.c.bankTransfer.requestInvoice({ ...normal, addressPhone: "不该保存", bankAccount: "不该保存" });
    expect(second).toMatchObject({ invoiceType: "normal", addressPhone: null, bankAccount: null });
    const issued = await a.c.bankTransfer.issueInvoice({ id: second.id, invoiceNumber: "24372000000012345678" });
    expect(issued).toMatchObject({ status: "issued", invoiceNumber: "24372000000012345678", decidedBy: a.userId });
    expect(await refusal(f.c.bankTransfer.requestInvoice(normal))).toEqual({ code: "CONFLICT", key: "bankTransfer.errors.invoiceExists" });

    const rows = await t.db.select().from(vatInvoiceRequests).where(eq(vatInvoiceRequests.orderId, o.id)).orderBy(asc(vatInvoiceRequests.createdAt));
    expect(rows.map((r) => r.status).sort()).toEqual(["issued", "rejected"]);
    expect(await kinds(f.userId)).toEqual(["transferConfirmed", "vatInvoiceIssued", "vatInvoiceRejected"]);
    const [rejectedNote] = await t.db.select().from(notifications).where(and(eq(notifications.userId, f.userId), eq(notifications.kind, "vatInvoiceRejected")));
    expect(rejectedNote!.params).toEqual({ reference: o.reference, reason: "开户行账号不完整" });
  });
});

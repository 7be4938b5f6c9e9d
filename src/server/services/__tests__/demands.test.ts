import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { DemandInput } from "@/domain/schemas/market";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember } from "@/test/factories";
import type { Db } from "../../db/types";
import { auditLog, demands, files, memberships, users } from "../../db/schema";
import { expireDemands } from "../demands";

// A fixed clock: 2026-06-01 10:00 in China.
const NOW = new Date("2026-06-01T02:00:00Z");
const LATER = new Date("2026-07-01T02:00:00Z");

function demand(overrides: Partial<DemandInput> = {}): DemandInput {
  return {
    title: "求购精梳棉纱 JC40S",
    chainLink: "spinning",
    processes: [],
    quantityValue: 300,
    quantityUnit: "件(纱线)",
    quoteDeadline: "2026-06-15",
    needBy: "2026-07-15",
    deliverCityAdcode: "370200",
    requiredCertifications: ["oeko_tex_100"],
    targetPriceValue: 23000,
    targetPriceUnit: "吨",
    targetPriceTaxIncluded: true,
    paymentTerms: "monthly",
    paymentDays: 60,
    invoiceType: "vat_special",
    samplesWanted: true,
    visibility: "public",
    ...overrides,
  };
}

async function attachment(db: Db, m: { userId: string; organizationId: string }, purpose: "attachment" | "photo" = "attachment") {
  const [f] = await db
    .insert(files)
    .values({ ownerUserId: m.userId, organizationId: m.organizationId, purpose, mime: "application/pdf", size: 10, sha256: "x", storageKey: `x/${crypto.randomUUID()}.pdf`, originalName: "techpack.pdf" })
    .returning();
  return f!.id;
}

/** A new user who joins `organizationId` with `role` and makes it their active organisation. */
async function joinAs(db: Db, organizationId: string, role: "admin" | "member") {
  const u = await createMember(db);
  await db.insert(memberships).values({ organizationId, userId: u.userId, role });
  await db.update(users).set({ activeOrganizationId: organizationId }).where(eq(users.id, u.userId));
  return u;
}

async function expectCode(p: Promise<unknown>, code: TRPCError["code"], messageKey?: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected a refusal").toBeInstanceOf(TRPCError);
  expect((e as TRPCError).code).toBe(code);
  if (messageKey) expect((e as TRPCError).message).toBe(messageKey);
  return e as TRPCError;
}

describeEachDb("demands", (t) => {
  it("posts a demand in trade units, keeps what was typed and audits it", async () => {
    const buyer = await createMember(t.db);
    const c = await callerFor(t.db, buyer.userId, { now: NOW });
    const file = await attachment(t.db, buyer);
    const d = await c.demand.create(demand({ attachmentFileIds: [file] }));
    expect(d).toMatchObject({
      organizationId: buyer.organizationId,
      quantityValue: 54.432,
      quantityUnit: "t",
      quantityInputValue: 300,
      quantityInputUnit: "件(纱线)",
      status: "open",
      version: 1,
      paymentDays: 60,
      targetPriceTaxIncluded: true,
      attachmentFileIds: [file],
    });
    expect(d.quoteDeadline?.toISOString()).toBe("2026-06-15T15:59:59.000Z");
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, d.id), eq(auditLog.action, "demand.create")));
    expect(audit).toHaveLength(1);

    const wan = await c.demand.create(demand({ quantityValue: 5, quantityUnit: "万米", chainLink: "weaving_knitting", requiredCertifications: [] }));
    expect(wan).toMatchObject({ quantityValue: 50000, quantityUnit: "m", quantityInputValue: 5, quantityInputUnit: "万米" });
  });

  it("keeps payment days for monthly terms only", async () => {
    const buyer = await createMember(t.db);
    const c = await callerFor(t.db, buyer.userId, { now: NOW });
    const d = await c.demand.create(demand({ paymentTerms: "acceptance", paymentDays: 30 }));
    expect(d.paymentDays).toBeNull();
    const e = await expectCode(c.demand.create(demand({ paymentTerms: "monthly", paymentDays: undefined })), "BAD_REQUEST");
    expect(JSON.stringify(e.cause)).toContain("validation.paymentDays");
  });

  it("refuses a deadline in the past, a need-by date in the past and an unreadable deadline", async () => {
    const buyer = await createMember(t.db);
    const c = await callerFor(t.db, buyer.userId, { now: NOW });
    await expectCode(c.demand.create(demand({ quoteDeadline: "2026-05-31" })), "BAD_REQUEST", "demands.errors.deadlinePassed");
    // Today is still open until 23:59:59 in China.
    await expect(c.demand.create(demand({ quoteDeadline: "2026-06-01" }))).resolves.toMatchObject({ status: "open" });
    await expectCode(c.demand.create(demand({ quoteDeadline: "2026-06-01T09:00" })), "BAD_REQUEST", "demands.errors.deadlinePassed");
    await expectCode(c.demand.create(demand({ quoteDeadline: "2026-02-30" })), "BAD_REQUEST", "demands.errors.deadlineInvalid");
    await expectCode(c.demand.create(demand({ needBy: "2026-05-01" })), "BAD_REQUEST", "demands.errors.needByPassed");
    expect(await t.db.select().from(demands).where(eq(demands.organizationId, buyer.organizationId))).toHaveLength(1);
  });

  it("refuses a process of another chain link, a GB 18401 class outside garments and an unknown unit", async () => {
    const buyer = await createMember(t.db);
    const c = await callerFor(t.db, buyer.userId, { now: NOW });
    const e = await expectCode(c.demand.create(demand({ chainLink: "garment", processes: ["ring_combed"] })), "BAD_REQUEST");
    expect(JSON.stringify(e.cause)).toContain("validation.processOtherLink");
    await expectCode(c.demand.create(demand({ safetyClass: "gb18401_b" })), "BAD_REQUEST", "validation.safetyClassLink");
    await expect(c.demand.create(demand({ chainLink: "garment", safetyClass: "gb18401_b", quantityValue: 5, quantityUnit: "万件", requiredCertifications: [] }))).resolves.toMatchObject({
      safetyClass: "gb18401_b",
      quantityValue: 50000,
    });
    await expectCode(c.demand.create(demand({ quantityUnit: "furlongs" })), "BAD_REQUEST");
  });

  it("refuses attachments of another organisation and files that are not attachments", async () => {
    const buyer = await createMember(t.db);
    const other = await createMember(t.db);
    const c = await callerFor(t.db, buyer.userId, { now: NOW });
    await expectCode(c.demand.create(demand({ attachmentFileIds: [await attachment(t.db, other)] })), "BAD_REQUEST", "demands.errors.attachmentNotFound");
    await expectCode(c.demand.create(demand({ attachmentFileIds: [await attachment(t.db, buyer, "photo")] })), "BAD_REQUEST", "demands.errors.attachmentNotFound");
    const d = await c.demand.create(demand());
    await expectCode(c.demand.update({ id: d.id, demand: demand({ attachmentFileIds: [await attachment(t.db, other)] }) }), "BAD_REQUEST", "demands.errors.attachmentNotFound");
  });

  it("edits while open: members may, versions bump, stale versions and other organisations are refused", async () => {
    const buyer = await createMember(t.db);
    const member = await joinAs(t.db, buyer.organizationId, "member");
    const stranger = await createMember(t.db);
    const owner = await callerFor(t.db, buyer.userId, { now: NOW });
    const d = await owner.demand.create(demand());
    const m = await callerFor(t.db, member.userId, { now: NOW });
    const edited = await m.demand.update({ id: d.id, version: 1, demand: demand({ title: "求购精梳棉纱 JC32S", quantityValue: 10, quantityUnit: "吨" }) });
    expect(edited).toMatchObject({ title: "求购精梳棉纱 JC32S", version: 2, quantityValue: 10, quantityUnit: "t" });
    expect(edited.updatedAt.getTime()).toBe(NOW.getTime());
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, d.id), eq(auditLog.action, "demand.update")));
    expect(audit?.changes).toMatchObject({ title: ["求购精梳棉纱 JC40S", "求购精梳棉纱 JC32S"] });
    await expectCode(owner.demand.update({ id: d.id, version: 1, demand: demand() }), "CONFLICT", "demands.errors.stale");
    const s = await callerFor(t.db, stranger.userId, { now: NOW });
    await expectCode(s.demand.update({ id: d.id, demand: demand({ title: "篡改" }) }), "NOT_FOUND");
    await expectCode(s.demand.close({ id: d.id }), "NOT_FOUND");
    const [row] = await t.db.select().from(demands).where(eq(demands.id, d.id));
    expect(row).toMatchObject({ title: "求购精梳棉纱 JC32S", status: "open", version: 2 });
  });

  it("lets owners and admins, not members, close; closed demands are final", async () => {
    const buyer = await createMember(t.db);
    const admin = await joinAs(t.db, buyer.organizationId, "admin");
    const member = await joinAs(t.db, buyer.organizationId, "member");
    const owner = await callerFor(t.db, buyer.userId, { now: NOW });
    const a = await callerFor(t.db, admin.userId, { now: NOW });
    const m = await callerFor(t.db, member.userId, { now: NOW });
    const d1 = await owner.demand.create(demand());
    await expectCode(m.demand.close({ id: d1.id }), "FORBIDDEN", "errors.roleRequired");
    expect(await a.demand.close({ id: d1.id })).toMatchObject({ status: "closed", version: 2 });
    await expectCode(owner.demand.close({ id: d1.id }), "CONFLICT", "demands.errors.notOpen");
    await expectCode(owner.demand.update({ id: d1.id, demand: demand() }), "CONFLICT", "demands.errors.notOpen");
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.organizationId, buyer.organizationId))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["demand.close"]));
  });

  it("expires demands past their deadline: at query time, and in the job", async () => {
    const buyer = await createMember(t.db);
    const owner = await callerFor(t.db, buyer.userId, { now: NOW });
    const d = await owner.demand.create(demand({ quoteDeadline: "2026-06-15" }));
    const noDeadline = await owner.demand.create(demand({ quoteDeadline: undefined }));

    // After the deadline, before the job: shown as expired, off the board, not editable (a quote can still be awarded).
    const later = await callerFor(t.db, buyer.userId, { now: LATER });
    expect((await later.demand.byId({ id: d.id })).demand.status).toBe("expired");
    expect((await later.demand.mine({ status: "expired" })).map((x) => x.id)).toEqual([d.id]);
    expect((await later.demand.mine({ status: "open" })).map((x) => x.id)).toEqual([noDeadline.id]);
    const board = await (await callerFor(t.db, null, { now: LATER })).demand.board({ pageSize: 100 });
    expect(board.items.map((i) => i.id)).not.toContain(d.id);
    await expectCode(later.demand.update({ id: d.id, demand: demand({ quoteDeadline: "2026-08-01" }) }), "CONFLICT", "demands.errors.notOpen");
    await expectCode(later.demand.close({ id: d.id }), "CONFLICT", "demands.errors.notOpen");

    // The job writes it down, once, with an audit row.
    const expired = await expireDemands(t.db, LATER);
    expect(expired).toContain(d.id);
    expect(expired).not.toContain(noDeadline.id);
    expect(await expireDemands(t.db, LATER)).not.toContain(d.id);
    const [row] = await t.db.select().from(demands).where(eq(demands.id, d.id));
    expect(row).toMatchObject({ status: "expired", version: 2 });
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, d.id), eq(auditLog.action, "demand.expire")))).toHaveLength(1);
  });

  it("shows invited demands and attachments to the buyer organisation only", async () => {
    const buyer = await createMember(t.db);
    const supplier = await createMember(t.db);
    const owner = await callerFor(t.db, buyer.userId, { now: NOW });
    const file = await attachment(t.db, buyer);
    const invited = await owner.demand.create(demand({ visibility: "invited", attachmentFileIds: [file] }));
    const pub = await owner.demand.create(demand({ attachmentFileIds: [file] }));

    const own = await owner.demand.byId({ id: invited.id });
    expect(own.viewer).toEqual({ isBuyer: true, canEdit: true, canManage: true, inquiry: null });
    expect(own.attachments).toEqual([expect.objectContaining({ id: file, originalName: "techpack.pdf" })]);

    const s = await callerFor(t.db, supplier.userId, { now: NOW });
    const guest = await callerFor(t.db, null, { now: NOW });
    await expectCode(s.demand.byId({ id: invited.id }), "NOT_FOUND");
    await expectCode(guest.demand.byId({ id: invited.id }), "NOT_FOUND");
    const seen = await s.demand.byId({ id: pub.id });
    expect(seen.viewer).toEqual({ isBuyer: false, canEdit: false, canManage: false, inquiry: null });
    expect(seen.attachments).toEqual([]);
    expect(seen.demand.attachmentFileIds).toEqual([]);
    expect(seen.attachmentCount).toBe(1);
    expect(seen.buyer.id).toBe(buyer.organizationId);

    const board = await guest.demand.board({ pageSize: 100 });
    expect(board.items.map((i) => i.id)).toContain(pub.id);
    expect(board.items.map((i) => i.id)).not.toContain(invited.id);
    expect((await owner.demand.mine()).map((x) => x.id)).toEqual(expect.arrayContaining([pub.id, invited.id]));
  });

  it("filters the board by chain link, process, city and certification, and pages it", async () => {
    const buyer = await createMember(t.db);
    const c = await callerFor(t.db, buyer.userId, { now: NOW });
    const cert = "grs";
    const a = await c.demand.create(demand({ chainLink: "dyeing_printing_finishing", processes: [], deliverCityAdcode: "370700", requiredCertifications: [cert] }));
    const process = "ring_combed";
    const b = await c.demand.create(demand({ processes: [process], deliverCityAdcode: "370700", requiredCertifications: [] }));
    const guest = await callerFor(t.db, null, { now: NOW });
    const ids = async (f: Parameters<typeof guest.demand.board>[0]) => (await guest.demand.board({ pageSize: 100, ...f })).items.map((i) => i.id);
    expect(await ids({ chainLink: "dyeing_printing_finishing" })).toContain(a.id);
    expect(await ids({ chainLink: "dyeing_printing_finishing" })).not.toContain(b.id);
    expect(await ids({ process })).toContain(b.id);
    expect(await ids({ process })).not.toContain(a.id);
    expect(await ids({ city: "370700", certification: cert })).toEqual(expect.arrayContaining([a.id]));
    expect(await ids({ city: "370700", certification: cert })).not.toContain(b.id);
    const page1 = await guest.demand.board({ city: "370700", pageSize: 1, page: 1 });
    const page2 = await guest.demand.board({ city: "370700", pageSize: 1, page: 2 });
    expect(page1.total).toBeGreaterThanOrEqual(2);
    expect(page1.items[0]!.id).not.toBe(page2.items[0]!.id);
    expect(page1.items[0]).toMatchObject({ buyerId: buyer.organizationId, quantityInputUnit: "件(纱线)" });
  });
});

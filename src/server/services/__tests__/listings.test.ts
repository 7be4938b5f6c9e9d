import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember } from "@/test/factories";
import { auditLog, files, listings, memberships } from "../../db/schema";
import type { Db } from "../../db/types";
import { aggregateBoard, boardMonths, expireListings, isPublicListingPhoto } from "../listings";

const NOW = new Date("2026-03-10T04:00:00Z"); // 2026-03-10 12:00 in Shanghai

const base = (over: Record<string, unknown> = {}) => ({
  kind: "capability" as const,
  chainLink: "weaving_knitting" as const,
  processes: ["air_jet_loom"],
  title: "喷气织机 坯布",
  capacityValue: 50,
  capacityUnit: "万米/月",
  ...over,
});

async function photoOf(db: Db, owner: { userId: string; organizationId: string }, purpose: "photo" | "certificate" = "photo") {
  const [f] = await db
    .insert(files)
    .values({ ownerUserId: owner.userId, organizationId: owner.organizationId, purpose, mime: "image/png", size: 1, sha256: "x", storageKey: `${purpose}-${Math.random()}` })
    .returning();
  return f!.id;
}

async function addMember(db: Db, organizationId: string, role: "admin" | "member") {
  const other = await createMember(db);
  await db.insert(memberships).values({ organizationId, userId: other.userId, role });
  const { users } = await import("../../db/schema");
  await db.update(users).set({ activeOrganizationId: organizationId }).where(eq(users.id, other.userId));
  return other;
}

const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));

describeEachDb("listings", (t) => {
  it("converts capacity and MOQ to canonical units, keeps what was typed, and audits the change", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId, { now: NOW });
    const photo = await photoOf(t.db, m);
    const created = await c.listing.create({
      values: base({ moqValue: 3, moqUnit: "万米", priceValue: 4.5, priceUnit: "米", priceTaxIncluded: true, photoFileIds: [photo], equipment: [{ unit: "looms", count: 120 }] }),
    });
    expect(created).toMatchObject({
      status: "draft",
      version: 1,
      capacityValue: 500_000,
      capacityUnit: "m_per_month",
      capacityInputValue: 50,
      capacityInputUnit: "万米/月",
      moqValue: 30_000,
      moqUnit: "m",
      moqInputValue: 3,
      moqInputUnit: "万米",
      priceTaxIncluded: true,
      photoFileIds: [photo],
    });
    const shown = await c.listing.byId({ id: created.id });
    expect(shown.listing).toMatchObject({ capacityInputValue: 50, capacityInputUnit: "万米/月" });
    expect(shown.canEdit).toBe(true);

    const updated = await c.listing.update({ id: created.id, expectedVersion: 1, values: base({ capacityValue: 1200, capacityUnit: "吨/年", chainLink: "spinning", processes: ["ring_combed"] }) });
    expect(updated).toMatchObject({ version: 2, capacityValue: 100, capacityUnit: "t_per_month", capacityInputUnit: "吨/年", photoFileIds: [] });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    await expect(c.listing.update({ id: created.id, expectedVersion: 1, values: base() })).rejects.toMatchObject({ code: "CONFLICT" });
    // Saving the same values again (sampling and equipment are jsonb) changes nothing.
    const same = { capacityValue: 1200, capacityUnit: "吨/年", chainLink: "spinning", processes: ["ring_combed"], sampling: { cutSamples: true, colourCards: false, labDips: true, sampleLeadDays: 5 }, equipment: [{ unit: "spindles", count: 20000 }] };
    const v3 = await c.listing.update({ id: created.id, values: base(same) });
    expect(v3.version).toBe(3);
    expect((await c.listing.update({ id: created.id, values: base(same) })).version).toBe(3);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["listing.created", "listing.updated", "listing.updated"]);
  });

  it("refuses a process of another chain link, another organisation's certificate or photo, and a passed window", async () => {
    const m = await createMember(t.db);
    const other = await createMember(t.db);
    const c = await callerFor(t.db, m.userId, { now: NOW });
    const oc = await callerFor(t.db, other.userId, { now: NOW });
    const foreignCert = await oc.certification.create({ schemeId: "gots", validTo: "2030-01-01" });
    const foreignPhoto = await photoOf(t.db, other);

    const bad = await c.listing.create({ values: base({ processes: ["ring_combed"] }) }).catch((e: TRPCError) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect(JSON.stringify((bad as TRPCError).cause)).toContain("validation.processOtherLink");

    await expect(c.listing.create({ values: base({ certificationIds: [foreignCert.id] }) })).rejects.toMatchObject({ message: "listings.errors.certificateNotOwn" });
    await expect(c.listing.create({ values: base({ photoFileIds: [foreignPhoto] }) })).rejects.toMatchObject({ message: "listings.errors.photoNotOwn" });
    // A certificate file is not a photo, even the organisation's own.
    await expect(c.listing.create({ values: base({ photoFileIds: [await photoOf(t.db, m, "certificate")] }) })).rejects.toMatchObject({ message: "listings.errors.photoNotOwn" });
    await expect(c.listing.create({ values: base({ kind: "capacity", availableFrom: "2026-01-01", availableTo: "2026-03-09" }) })).rejects.toMatchObject({
      message: "listings.errors.windowPassed",
    });
    // capacity without a window is refused by the shared schema
    await expect(c.listing.create({ values: base({ kind: "capacity" }) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const own = await c.certification.create({ schemeId: "oeko_tex_100", validTo: "2030-01-01" });
    const ok = await c.listing.create({ values: base({ certificationIds: [own.id] }) });
    expect((await c.listing.byId({ id: ok.id })).certificationIds).toEqual([own.id]);
    expect(await t.db.select().from(listings).where(eq(listings.organizationId, m.organizationId))).toHaveLength(1);
  });

  it("lets members create, publish and pause; only owners and admins archive; strangers see drafts as missing", async () => {
    const owner = await createMember(t.db);
    const member = await addMember(t.db, owner.organizationId, "member");
    const admin = await addMember(t.db, owner.organizationId, "admin");
    const mc = await callerFor(t.db, member.userId, { now: NOW });
    const l = await mc.listing.create({ values: base() });
    const anon = await callerFor(t.db, null, { now: NOW });
    expect(await code(anon.listing.byId({ id: l.id }))).toBe("NOT_FOUND");
    expect((await mc.listing.publish({ id: l.id })).status).toBe("published");
    expect((await anon.listing.byId({ id: l.id })).listing.title).toBe("喷气织机 坯布");
    expect((await anon.listing.byId({ id: l.id })).canEdit).toBe(false);
    const paused = await mc.listing.pause({ id: l.id });
    expect(paused).toMatchObject({ status: "paused", version: 3 });
    expect(await code(anon.listing.byId({ id: l.id }))).toBe("NOT_FOUND");
    expect(await code(mc.listing.archive({ id: l.id }))).toBe("FORBIDDEN");
    expect(await code((await callerFor(t.db, admin.userId)).listing.pause({ id: l.id }))).toBe("ok");
    const archived = await (await callerFor(t.db, admin.userId)).listing.archive({ id: l.id });
    expect(archived.status).toBe("archived");
    expect(await code(mc.listing.publish({ id: l.id }))).toBe("CONFLICT");
    expect(await code(mc.listing.update({ id: l.id, values: base() }))).toBe("CONFLICT");
    expect((await mc.listing.mine()).map((x) => x.id)).toEqual([l.id]);
  });

  it("expires capacity windows that have passed: hidden from browsing at once, archived by the job", async () => {
    const m = await createMember(t.db, { cityAdcode: "370700", countyAdcode: "370785" });
    const c = await callerFor(t.db, m.userId, { now: NOW });
    const open = await c.listing.create({ values: base({ kind: "capacity", availableFrom: "2026-03-01", availableTo: "2026-03-31" }), publish: true });
    const ends = await c.listing.create({ values: base({ kind: "capacity", availableFrom: "2026-03-01", availableTo: "2026-03-10" }), publish: true });
    const visible = async (at: Date) =>
      (await (await callerFor(t.db, null, { now: at })).listing.browse({ kind: "capacity", cityAdcode: "370700", pageSize: 100 })).items.map((i) => i.id).filter((id) => [open.id, ends.id].includes(id));
    expect((await visible(NOW)).sort()).toEqual([open.id, ends.id].sort());
    // 2026-03-11 00:30 in Shanghai is still 03-10 in UTC: the day is China's.
    const nextDay = new Date("2026-03-10T16:30:00Z");
    expect(await visible(nextDay)).toEqual([open.id]);
    const expired = await expireListings(t.db, nextDay);
    expect(expired).toContain(ends.id);
    expect(expired).not.toContain(open.id);
    const [row] = await t.db.select().from(listings).where(eq(listings.id, ends.id));
    expect(row).toMatchObject({ status: "archived", version: 2 });
    expect(await expireListings(t.db, nextDay)).not.toContain(ends.id);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, ends.id), eq(auditLog.action, "listing.expired")));
    expect(audit).toHaveLength(1);
  });

  it("filters browsing by chain link, process, city, kind and valid certificate, a page at a time", async () => {
    const m = await createMember(t.db, { cityAdcode: "371600", countyAdcode: "371621" });
    const c = await callerFor(t.db, m.userId, { now: NOW });
    const good = await c.certification.create({ schemeId: "grs", validTo: "2030-01-01" });
    const old = await c.certification.create({ schemeId: "ocs", validTo: "2026-01-01" });
    const a = await c.listing.create({ values: base({ certificationIds: [good.id, old.id] }), publish: true });
    const b = await c.listing.create({ values: base({ processes: ["rapier_loom"] }), publish: true });
    await c.listing.create({ values: base() }); // a draft is never browsed
    const anon = await callerFor(t.db, null, { now: NOW });
    const ids = async (f: Parameters<typeof anon.listing.browse>[0]) => (await anon.listing.browse({ cityAdcode: "371600", pageSize: 100, ...f })).items.map((i) => i.id).sort();
    expect(await ids({})).toEqual([a.id, b.id].sort());
    expect(await ids({ process: "rapier_loom" })).toEqual([b.id]);
    expect(await ids({ certification: "grs" })).toEqual([a.id]);
    expect(await ids({ certification: "ocs" })).toEqual([]); // expired does not count
    expect(await ids({ chainLink: "spinning" })).toEqual([]);
    expect(await ids({ kind: "capacity" })).toEqual([]);
    const page1 = await anon.listing.browse({ cityAdcode: "371600", pageSize: 1, page: 1 });
    const page2 = await anon.listing.browse({ cityAdcode: "371600", pageSize: 1, page: 2 });
    expect(page1.total).toBe(2);
    expect(page1.pages).toBe(2);
    expect(new Set([page1.items[0]!.id, page2.items[0]!.id]).size).toBe(2);
    const flagged = (await anon.listing.byId({ id: a.id })).certifications.map((x) => [x.schemeId, x.status]);
    expect(flagged.sort()).toEqual([["grs", "valid"], ["ocs", "expired"]]);
    expect((await anon.listing.byOrganization({ organizationId: m.organizationId })).total).toBe(2);
  });

  it("aggregates open capacity by chain link and month for the board", async () => {
    const m = await createMember(t.db, { cityAdcode: "370900", countyAdcode: undefined });
    const c = await callerFor(t.db, m.userId, { now: NOW });
    await c.listing.create({ values: base({ kind: "capacity", availableFrom: "2026-03-01", availableTo: "2026-04-15" }), publish: true });
    await c.listing.create({ values: base({ kind: "capacity", capacityValue: 20, capacityUnit: "万米/月", availableFrom: "2026-04-01", availableTo: "2026-04-30" }), publish: true });
    await c.listing.create({ values: base({ kind: "capacity", chainLink: "spinning", processes: ["ring_combed"], capacityValue: 30, capacityUnit: "吨/天", availableFrom: "2026-05-01", availableTo: "2026-05-31" }), publish: true });
    const board = await (await callerFor(t.db, null, { now: NOW })).listing.board({ cityAdcode: "370900", months: 3 });
    expect(board.months).toEqual(["2026-03", "2026-04", "2026-05"]);
    const weaving = board.rows.find((r) => r.chainLink === "weaving_knitting")!;
    expect(weaving.cells["2026-03"]).toEqual({ count: 1, totals: { m_per_month: 500_000 } });
    expect(weaving.cells["2026-04"]).toEqual({ count: 2, totals: { m_per_month: 700_000 } });
    expect(weaving.cells["2026-05"]).toBeUndefined();
    const spinning = board.rows.find((r) => r.chainLink === "spinning")!;
    expect(spinning.cells["2026-05"]).toEqual({ count: 1, totals: { t_per_month: 900 } });
    expect(board.timeline.map((l) => l.availableFrom)).toEqual(["2026-03-01", "2026-04-01", "2026-05-01"]);
    expect((await (await callerFor(t.db, null, { now: NOW })).listing.board({ cityAdcode: "370900", chainLink: "spinning" })).total).toBe(1);
    const anonBoard = (await callerFor(t.db, null, { now: NOW })).listing.board;
    expect((await anonBoard({ cityAdcode: "370900", process: "ring_combed" })).total).toBe(1);
    expect((await anonBoard({ cityAdcode: "370900", certification: "oeko_tex_100" })).total).toBe(0);
  });

  it("shows a photo publicly only while its listing is published", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId, { now: NOW });
    const photo = await photoOf(t.db, m);
    const l = await c.listing.create({ values: base({ photoFileIds: [photo] }) });
    expect(await isPublicListingPhoto(t.db, photo)).toBe(false);
    await c.listing.publish({ id: l.id });
    expect(await isPublicListingPhoto(t.db, photo)).toBe(true);
    await c.listing.pause({ id: l.id });
    expect(await isPublicListingPhoto(t.db, photo)).toBe(false);
  });
}, { fresh: true }); // browse and board totals count a whole city: on PostgreSQL this suite needs a database of its own

describe("capacity board aggregation (pure)", () => {
  it("counts a window in every month it overlaps and skips expired ones", () => {
    const months = boardMonths("2026-12-20", 3);
    expect(months).toEqual(["2026-12", "2027-01", "2027-02"]);
    const grid = aggregateBoard(
      [
        { chainLink: "garment", capacityValue: 10, capacityUnit: "pcs_per_month", availableFrom: "2026-12-01", availableTo: "2027-01-05" },
        { chainLink: "garment", capacityValue: 5, capacityUnit: "pcs_per_month", availableFrom: "2026-11-01", availableTo: "2026-12-19" },
      ],
      months,
      "2026-12-20",
    );
    expect(grid.get("garment")).toEqual({ "2026-12": { count: 1, totals: { pcs_per_month: 10 } }, "2027-01": { count: 1, totals: { pcs_per_month: 10 } } });
  });
});

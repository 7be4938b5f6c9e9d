import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues as demand, listingValues as listing, quoteValues as q, uniq } from "@/test/factories";
import { createContext } from "../../api/trpc";
import { memberships, notifications, users } from "../../db/schema";
import type { Db } from "../../db/types";
import { openUpload, storeUpload } from "../files";

const PDF = new TextEncoder().encode("%PDF-1.4\n% test attachment\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

async function ctxOf(db: Db, userId: string) {
  const ctx = await createContext({ db, userId, baseUrl: "http://localhost" });
  return { ...ctx, actor: ctx.actor! };
}

describeEachDb("inquiries: the message thread", (t) => {
  const p = uniq("MSG");
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-inquiry-files-"));

  async function thread() {
    const buyer = await createMember(t.db, { type: "anchor" });
    const supplier = await createMember(t.db);
    const stranger = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const sc = await callerFor(t.db, supplier.userId);
    const l = await sc.listing.create({ values: listing(`${p} 精梳纱`), publish: true });
    const d = await bc.demand.create(demand(`${p} 沟通`));
    const [inquiryId] = (await bc.inquiry.invite({ demandId: d.id, listingIds: [l.id] })).inquiryIds as [string];
    return { buyer, supplier, stranger, bc, sc, inquiryId, demandTitle: `${p} 沟通` };
  }

  it("sends messages with the author's own attachments, which the other side can download", async () => {
    const m = await thread();
    const supplierCtx = await ctxOf(t.db, m.supplier.userId);
    const spec = await storeUpload({ ctx: supplierCtx, uploadDir, input: { purpose: "attachment", bytes: PDF, originalName: "工艺单.pdf" } });
    const unrelated = await storeUpload({ ctx: supplierCtx, uploadDir, input: { purpose: "attachment", bytes: PDF, originalName: "别的.pdf" } });
    const photo = await storeUpload({ ctx: supplierCtx, uploadDir, input: { purpose: "photo", bytes: PNG } });
    const buyerFile = await storeUpload({ ctx: await ctxOf(t.db, m.buyer.userId), uploadDir, input: { purpose: "attachment", bytes: PDF } });

    for (const ids of [[buyerFile.id], [photo.id]])
      await expect(m.sc.inquiry.sendMessage({ inquiryId: m.inquiryId, body: "附件", attachmentFileIds: ids })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "deals.errors.attachmentNotFound" });
    await expect(m.sc.inquiry.sendMessage({ inquiryId: m.inquiryId, body: "   ", attachmentFileIds: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const sent = await m.sc.inquiry.sendMessage({ inquiryId: m.inquiryId, body: "请查收工艺单", attachmentFileIds: [spec.id, spec.id] });

    const page = await m.bc.inquiry.messages({ inquiryId: m.inquiryId });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: sent.id,
      body: "请查收工艺单",
      mine: false,
      authorOrg: { id: m.supplier.organizationId },
      author: { id: m.supplier.userId, name: "测试用户" },
      attachments: [{ id: spec.id, mime: "application/pdf", originalName: "工艺单.pdf" }],
    });
    expect((await m.sc.inquiry.messages({ inquiryId: m.inquiryId })).items[0]!.mine).toBe(true);

    // The other side downloads it; a stranger, and the buyer for a file never posted, cannot.
    const read = await openUpload({ ctx: await ctxOf(t.db, m.buyer.userId), uploadDir, id: spec.id });
    expect(Buffer.compare(read.bytes, Buffer.from(PDF))).toBe(0);
    await expect(openUpload({ ctx: await ctxOf(t.db, m.stranger.userId), uploadDir, id: spec.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openUpload({ ctx: await ctxOf(t.db, m.buyer.userId), uploadDir, id: unrelated.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A quote's attachments too.
    await m.sc.inquiry.quote({ inquiryId: m.inquiryId, quote: q({ attachmentFileIds: [unrelated.id] }) });
    expect((await openUpload({ ctx: await ctxOf(t.db, m.buyer.userId), uploadDir, id: unrelated.id })).file.id).toBe(unrelated.id);
    expect((await m.bc.inquiry.get({ inquiryId: m.inquiryId })).quotes[0]!.attachments).toEqual([expect.objectContaining({ id: unrelated.id, originalName: "别的.pdf" })]);
  });

  it("shows a demand's attachments (the tech pack) to the suppliers holding an inquiry on it, to no one else", async () => {
    const buyer = await createMember(t.db, { type: "anchor" });
    const supplier = await createMember(t.db);
    const stranger = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const sc = await callerFor(t.db, supplier.userId);
    const pack = await storeUpload({ ctx: await ctxOf(t.db, buyer.userId), uploadDir, input: { purpose: "attachment", bytes: PDF, originalName: "工艺单.pdf" } });
    const l = await sc.listing.create({ values: listing(`${p} 府绸`), publish: true });
    const d = await bc.demand.create({ ...demand(`${p} 工艺单`), attachmentFileIds: [pack.id] });
    const before = await sc.demand.byId({ id: d.id });
    expect(before.attachments).toEqual([]);
    await expect(openUpload({ ctx: await ctxOf(t.db, supplier.userId), uploadDir, id: pack.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await bc.inquiry.invite({ demandId: d.id, listingIds: [l.id] });
    expect((await sc.demand.byId({ id: d.id })).attachments).toEqual([expect.objectContaining({ id: pack.id, originalName: "工艺单.pdf" })]);
    expect((await openUpload({ ctx: await ctxOf(t.db, supplier.userId), uploadDir, id: pack.id })).file.id).toBe(pack.id);
    expect((await (await callerFor(t.db, stranger.userId)).demand.byId({ id: d.id })).attachments).toEqual([]);
    await expect(openUpload({ ctx: await ctxOf(t.db, stranger.userId), uploadDir, id: pack.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("counts unread messages per user and marks them read", async () => {
    const m = await thread();
    // A second member of the buyer organisation reads on their own.
    const colleague = await createMember(t.db);
    await t.db.insert(memberships).values({ organizationId: m.buyer.organizationId, userId: colleague.userId, role: "member" });
    await t.db.update(users).set({ activeOrganizationId: m.buyer.organizationId }).where(eq(users.id, colleague.userId));
    const cc = await callerFor(t.db, colleague.userId);

    await m.sc.inquiry.sendMessage({ inquiryId: m.inquiryId, body: "第一条", attachmentFileIds: [] });
    await m.sc.inquiry.sendMessage({ inquiryId: m.inquiryId, body: "第二条", attachmentFileIds: [] });
    const unreadOf = async (c: typeof cc, side: "buyer" | "supplier") => (await c.inquiry.listMine({ side })).find((r) => r.id === m.inquiryId)!.unread;
    expect(await unreadOf(m.bc, "buyer")).toBe(2);
    expect(await unreadOf(cc, "buyer")).toBe(2);
    // One's own side's messages are never unread.
    expect(await unreadOf(m.sc, "supplier")).toBe(0);
    expect((await m.bc.inquiry.get({ inquiryId: m.inquiryId })).unread).toBe(2);

    const read = await m.bc.inquiry.markRead({ inquiryId: m.inquiryId });
    expect(read.lastReadAt).toBeInstanceOf(Date);
    expect(await unreadOf(m.bc, "buyer")).toBe(0);
    expect(await unreadOf(cc, "buyer")).toBe(2);
    expect((await m.bc.inquiry.messages({ inquiryId: m.inquiryId })).readUpTo).toEqual(read.lastReadAt);
    // Replying reads the thread too.
    const reply = await cc.inquiry.sendMessage({ inquiryId: m.inquiryId, body: "收到", attachmentFileIds: [] });
    expect(await unreadOf(cc, "buyer")).toBe(0);
    const page = await m.sc.inquiry.messages({ inquiryId: m.inquiryId });
    expect(page.unread).toBe(1);
    expect(page.counterpartReadUpTo).toEqual(reply.createdAt);
    await m.sc.inquiry.markRead({ inquiryId: m.inquiryId });
    expect(await unreadOf(m.sc, "supplier")).toBe(0);
    // Marking read again, or with an older clock, never moves the marker back.
    await (await callerFor(t.db, m.buyer.userId, { now: new Date("2000-01-01T00:00:00Z") })).inquiry.markRead({ inquiryId: m.inquiryId });
    expect((await m.bc.inquiry.messages({ inquiryId: m.inquiryId })).readUpTo).toEqual(read.lastReadAt);
    expect(await unreadOf(m.bc, "buyer")).toBe(0);
  });

  it("notifies the other side once per thread and hour", async () => {
    const m = await thread();
    const at = (iso: string) => callerFor(t.db, m.supplier.userId, { now: new Date(iso) });
    await (await at("2098-03-01T08:05:00Z")).inquiry.sendMessage({ inquiryId: m.inquiryId, body: "a".repeat(100), attachmentFileIds: [] });
    await (await at("2098-03-01T08:20:00Z")).inquiry.sendMessage({ inquiryId: m.inquiryId, body: "第二条", attachmentFileIds: [] });
    await (await at("2098-03-01T08:59:00Z")).inquiry.sendMessage({ inquiryId: m.inquiryId, body: "第三条", attachmentFileIds: [] });
    await (await at("2098-03-01T09:01:00Z")).inquiry.sendMessage({ inquiryId: m.inquiryId, body: "一小时后", attachmentFileIds: [] });
    const notes = await t.db
      .select({ params: notifications.params, link: notifications.link, createdAt: notifications.createdAt })
      .from(notifications)
      .where(and(eq(notifications.userId, m.buyer.userId), eq(notifications.kind, "messageReceived")));
    expect(notes).toHaveLength(2);
    expect(notes.map((n) => n.params).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [
        { from: expect.any(String), subject: m.demandTitle, preview: `${"a".repeat(80)}…` },
        { from: expect.any(String), subject: m.demandTitle, preview: "一小时后" },
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    expect(notes.every((n) => n.link === `/inquiries/${m.inquiryId}`)).toBe(true);
    // The author's own side hears nothing.
    expect(await t.db.select().from(notifications).where(and(eq(notifications.userId, m.supplier.userId), eq(notifications.kind, "messageReceived")))).toEqual([]);
  });

  it("pages the thread newest first, each page oldest first", async () => {
    const m = await thread();
    const base = Date.parse("2098-05-01T00:00:00Z");
    for (let i = 0; i < 53; i++) {
      const c = await callerFor(t.db, (i % 2 ? m.buyer : m.supplier).userId, { now: new Date(base + i * 1000) });
      await c.inquiry.sendMessage({ inquiryId: m.inquiryId, body: `第${i}条`, attachmentFileIds: [] });
    }
    const first = await m.bc.inquiry.messages({ inquiryId: m.inquiryId });
    expect(first.items.map((x) => x.body)).toEqual(Array.from({ length: 50 }, (_, k) => `第${k + 3}条`));
    expect(first.nextBefore).toBe(first.items[0]!.id);
    const second = await m.bc.inquiry.messages({ inquiryId: m.inquiryId, before: first.nextBefore! });
    expect(second.items.map((x) => x.body)).toEqual(["第0条", "第1条", "第2条"]);
    expect(second.nextBefore).toBeNull();
    // A cursor from another thread is not found.
    const other = await thread();
    await expect(other.bc.inquiry.messages({ inquiryId: other.inquiryId, before: first.items[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { parseSearchParams, searchPageUrl } from "@/domain/search/url-state";
import { KIND_DEFAULTS, NOTIFICATION_KINDS, renderNotification, type NotificationTranslator } from "@/domain/notifications";
import { loadMessages } from "@/i18n/messages";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember } from "@/test/factories";
import { messageOutbox, notifications, savedSearches } from "../../db/schema";
import { notify } from "../notifications";

const translator = async (locale: "zh-CN" | "en") =>
  createTranslator({ locale, messages: await loadMessages(locale), namespace: "notifications" }) as unknown as NotificationTranslator;

describe("notification rendering (shared by e-mail and the app)", () => {
  it("renders each kind with its params in both languages", async () => {
    const zh = await translator("zh-CN");
    const en = await translator("en");
    const fit = { kind: "demandFit", params: { title: "求购精梳棉纱 20吨", listing: "精梳棉纱 40S", score: 87 } };
    expect(renderNotification(zh, fit).body).toBe("新需求「求购精梳棉纱 20吨」与您的「精梳棉纱 40S」匹配（87%）");
    expect(renderNotification(en, fit).body).toBe("New demand “求购精梳棉纱 20吨” fits your “精梳棉纱 40S” (87%)");
    const saved = { kind: "savedSearch", params: { name: "即墨针织", count: 2, titles: ["圆机针织", "经编面料"], entity: "listing" } };
    expect(renderNotification(zh, saved).body).toBe("您保存的搜索「即墨针织」有 2 条新供应信息：圆机针织、经编面料");
    expect(renderNotification(en, saved).body).toBe("Your saved search “即墨针织” has 2 new listings: 圆机针织, 经编面料");
    expect(renderNotification(en, { ...saved, params: { ...saved.params, count: 1, titles: ["a"] } }).title).toBe("1 new result for “即墨针织”");
    // A kind this build does not know (a newer producer) still renders.
    expect(renderNotification(zh, { kind: "futureKind", params: {} })).toEqual({ title: "您有一条新通知", body: "打开查看详情。" });
  });

  it("has a label, description, title and body for every kind in both languages", async () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const t = await translator(locale);
      for (const kind of NOTIFICATION_KINDS) for (const part of ["label", "description", "title", "body"]) expect(t.has(`kinds.${kind}.${part}`), `${locale} ${kind}.${part}`).toBe(true);
    }
    const zh = await translator("zh-CN");
    const en = await translator("en");
    const stage = { kind: "dealStageChanged", params: { deal: "童装 5万件", stage: "lab_dip", action: "return", comment: "颜色偏深" } };
    expect(renderNotification(zh, stage).body).toBe("订单「童装 5万件」的「打色」被退回。颜色偏深");
    expect(renderNotification(en, stage).title).toBe("Order “童装 5万件”: lab dip sent back");
  });

  it("builds the search page URL of a saved query in the page's own format (round trip)", () => {
    const query = { entity: "listing" as const, q: "精梳 棉纱", filters: { chainLink: ["spinning"], process: ["ring_combed", "ring_carded"], verified: true } };
    const url = searchPageUrl(query);
    expect(url).toBe("/search?type=listing&q=%E7%B2%BE%E6%A2%B3+%E6%A3%89%E7%BA%B1&chainLink=spinning&process=ring_combed%2Cring_carded&verified=1");
    expect(parseSearchParams(new URLSearchParams(url.split("?")[1]))).toMatchObject(query);
    expect(searchPageUrl({ entity: "demand", q: "", filters: {} })).toBe("/search?type=demand");
  });
});

describeEachDb("notification centre", (t) => {
  it("notifies an organisation's members once per dedupe key, e-mailing each in their own language", async () => {
    const m = await createMember(t.db);
    await (await callerFor(t.db, m.userId)).account.setLocale({ locale: "en" });
    const send = () =>
      t.db.transaction((tx) =>
        notify(tx, { organizationId: m.organizationId, kind: "demandFit", params: { title: "T/C 65/35 府绸", listing: "涤棉布", score: 72 }, link: "/demands/abc", dedupeKey: `k:${m.userId}` }),
      );
    expect(await send()).toEqual({ inApp: 1, emails: 1 });
    expect(await send()).toEqual({ inApp: 0, emails: 0 });
    const mails = await t.db.select().from(messageOutbox).where(eq(messageOutbox.recipient, m.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("[Fanglian] A new demand fits your “涤棉布”");
    expect(mails[0]!.body).toContain("New demand “T/C 65/35 府绸” fits your “涤棉布” (72%)");
    expect(mails[0]!.body).toMatch(/Open: http:\/\/\S+\/demands\/abc/);
  });

  it("lists newest first, counts unread and marks read, only the caller's own", async () => {
    const me = await createMember(t.db);
    const other = await createMember(t.db);
    for (const [i, user] of [me, me, me, other].entries())
      await t.db.transaction((tx) => notify(tx, { userIds: [user.userId], kind: "savedSearch", params: { name: `s${i}`, count: i + 1, titles: [], entity: "demand" }, link: null, dedupeKey: `n${i}` }));
    const c = await callerFor(t.db, me.userId);
    expect(await c.notification.unreadCount()).toBe(3);
    const page = await c.notification.list({ pageSize: 2 });
    expect(page.total).toBe(3);
    expect(page.unread).toBe(3);
    expect(page.items.map((n) => (n.params as { name: string }).name)).toEqual(["s2", "s1"]);
    expect((await c.notification.list({ page: 2, pageSize: 2 })).items.map((n) => (n.params as { name: string }).name)).toEqual(["s0"]);

    await c.notification.markRead({ id: page.items[0]!.id });
    await c.notification.markRead({ id: page.items[0]!.id });
    expect(await c.notification.unreadCount()).toBe(2);
    expect((await c.notification.list({ unreadOnly: true })).items).toHaveLength(2);
    const [theirs] = await t.db.select().from(notifications).where(eq(notifications.userId, other.userId));
    await expect(c.notification.markRead({ id: theirs!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await c.notification.markAllRead()).toEqual({ updated: 2 });
    expect(await c.notification.unreadCount()).toBe(0);
    expect(await (await callerFor(t.db, other.userId)).notification.unreadCount()).toBe(1);
    await expect((await callerFor(t.db, null)).notification.unreadCount()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("keeps preferences per kind with defaults, and validates the kind", async () => {
    const me = await createMember(t.db);
    const c = await callerFor(t.db, me.userId);
    // Every kind, in the order of NOTIFICATION_KINDS, with its default channels.
    expect(await c.notification.preferences()).toEqual(NOTIFICATION_KINDS.map((kind) => ({ kind, ...KIND_DEFAULTS[kind] })));
    expect((await c.notification.preferences()).slice(0, 2)).toEqual([
      { kind: "demandFit", inApp: true, email: true },
      { kind: "savedSearch", inApp: true, email: true },
    ]);
    await c.notification.setPreference({ kind: "savedSearch", inApp: true, email: false });
    await c.notification.setPreference({ kind: "savedSearch", inApp: false, email: false });
    expect((await c.notification.preferences())[1]).toEqual({ kind: "savedSearch", inApp: false, email: false });
    await expect(c.notification.setPreference({ kind: "nope" as "demandFit", inApp: true, email: true })).rejects.toBeInstanceOf(TRPCError);
    // Both channels off: nothing is written.
    expect(await t.db.transaction((tx) => notify(tx, { userIds: [me.userId], kind: "savedSearch", params: {}, link: null, dedupeKey: "off" }))).toEqual({ inApp: 0, emails: 0 });
  });
});

describeEachDb("saved searches", (t) => {
  const query = { entity: "listing" as const, q: "精梳棉纱", filters: { chainLink: ["spinning"], city: ["370200"] } };

  it("creates, lists with the search URL, renames, toggles the alert and deletes, only the owner's", async () => {
    const me = await createMember(t.db);
    const other = await createMember(t.db);
    const c = await callerFor(t.db, me.userId);
    const s = await c.savedSearch.create({ name: " 即墨纱线 ", query });
    expect(s).toMatchObject({ name: "即墨纱线", entity: "listing", alert: true, url: "/search?type=listing&q=%E7%B2%BE%E6%A2%B3%E6%A3%89%E7%BA%B1&chainLink=spinning&city=370200" });
    expect((await c.savedSearch.list()).map((x) => x.id)).toEqual([s.id]);
    expect(await (await callerFor(t.db, other.userId)).savedSearch.list()).toEqual([]);

    expect((await c.savedSearch.rename({ id: s.id, name: "青岛纱线" })).name).toBe("青岛纱线");
    const off = await c.savedSearch.setAlert({ id: s.id, alert: false });
    expect(off.alert).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    const on = await c.savedSearch.setAlert({ id: s.id, alert: true });
    // Turning the alert back on starts from now.
    expect(on.lastCheckedAt.getTime()).toBeGreaterThan(off.lastCheckedAt.getTime());

    const oc = await callerFor(t.db, other.userId);
    await expect(oc.savedSearch.rename({ id: s.id, name: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(oc.savedSearch.delete({ id: s.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await c.savedSearch.delete({ id: s.id });
    expect(await t.db.select().from(savedSearches).where(eq(savedSearches.userId, me.userId))).toEqual([]);
  });

  it("refuses duplicate names, more than 50, bad names and bad queries with translated messages", async () => {
    const me = await createMember(t.db);
    const c = await callerFor(t.db, me.userId);
    const zh = await loadMessages("zh-CN");
    const a = await c.savedSearch.create({ name: "Jimo Yarn", query });
    const dup = await c.savedSearch.create({ name: "jimo yarn", query }).catch((e: TRPCError) => e);
    expect(dup).toBeInstanceOf(TRPCError);
    expect((dup as TRPCError).code).toBe("CONFLICT");
    expect((dup as TRPCError).message).toBe("notifications.errors.duplicateName");
    expect((zh.notifications as { errors: Record<string, string> }).errors.duplicateName).toContain("{name}");
    const b = await c.savedSearch.create({ name: "Other", query: { entity: "demand", q: "", filters: {} } });
    await expect(c.savedSearch.rename({ id: b.id, name: "JIMO YARN" })).rejects.toMatchObject({ code: "CONFLICT", message: "notifications.errors.duplicateName" });
    expect((await c.savedSearch.rename({ id: a.id, name: "Jimo yarn" })).name).toBe("Jimo yarn");

    const blank = await c.savedSearch.create({ name: "  ", query }).catch((e: TRPCError) => e);
    expect((blank as TRPCError).code).toBe("BAD_REQUEST");
    expect(((blank as TRPCError).cause as unknown as { issues: Array<{ path: string[]; message: string }> }).issues[0]).toMatchObject({ path: ["name"], message: "validation.required" });
    await expect(c.savedSearch.create({ name: "bad", query: { entity: "listing", q: "", filters: { chainLink: ["not a code!"] } } })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    for (let i = 2; i < 50; i++) await c.savedSearch.create({ name: `s${i}`, query });
    await expect(c.savedSearch.create({ name: "one too many", query })).rejects.toMatchObject({ code: "CONFLICT", message: "notifications.errors.limit" });
    expect(await t.db.select().from(savedSearches).where(and(eq(savedSearches.userId, me.userId)))).toHaveLength(50);
    await expect((await callerFor(t.db, null)).savedSearch.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

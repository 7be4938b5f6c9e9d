import { and, eq, like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, grantPlan, uniq, listingValues as listing, demandValues as demand } from "@/test/factories";
import { demands, messageOutbox, notifications } from "../../db/schema";
import { nudgeAlerts, runAlerts, startAlertLoop } from "../alerts";
import { setSetting } from "../settings";

type Member = Awaited<ReturnType<typeof createMember>>;

/**
 * "Demand fits your listing" alerts. A fresh database per run on PostgreSQL: runAlerts looks at
 * every pending demand, which must not race with other suites' snapshots.
 */
describeEachDb(
  "alerts: demands that fit a listing",
  (t) => {
    const p = uniq("AL");
    let buyer: Member, supplier: Member, unrelated: Member;

    const notesFor = (demandId: string) => t.db.select().from(notifications).where(like(notifications.dedupeKey, `demandFit:${demandId}:%`));
    const mailsTo = (email: string) => t.db.select().from(messageOutbox).where(and(eq(messageOutbox.recipient, email), eq(messageOutbox.channel, "email")));

    beforeAll(async () => {
      buyer = await createMember(t.db, { type: "anchor" });
      // The buyer posts more demands than the free plan allows open at once.
      await grantPlan(t.db, buyer.organizationId, "anchor_pro");
      supplier = await createMember(t.db, { nameZh: `即墨${p}纺织有限公司` });
      unrelated = await createMember(t.db);
      await (await callerFor(t.db, supplier.userId)).listing.create({ values: listing(`${p} 精梳棉纱 40S`), publish: true });
      await (await callerFor(t.db, unrelated.userId)).listing.create({ values: listing(`${p} 针织面料`, { chainLink: "weaving_knitting", processes: ["circular_knitting"] }), publish: true });
      // The buyer's own listing fits too, but nobody tells a firm about its own demand.
      await (await callerFor(t.db, buyer.userId)).listing.create({ values: listing(`${p} 自有纺纱`), publish: true });
    });

    it("notifies the fitting supplier once, by the app and by e-mail, naming its listing; never the buyer or a misfit", async () => {
      const d = await (await callerFor(t.db, buyer.userId)).demand.create(demand(`${p} 求购精梳棉纱 20吨`));
      const mailsBefore = (await mailsTo(supplier.email)).length;
      const run = await runAlerts(t.db);
      expect(run.failures).toBe(0);
      expect(run.demandsChecked).toBeGreaterThanOrEqual(1);

      const notes = await notesFor(d.id);
      expect(notes.map((n) => n.userId)).toEqual([supplier.userId]);
      expect(notes[0]).toMatchObject({ kind: "demandFit", organizationId: supplier.organizationId, link: `/demands/${d.id}`, readAt: null });
      const params = notes[0]!.params as { title: string; listing: string; score: number };
      expect(params).toMatchObject({ title: `${p} 求购精梳棉纱 20吨`, listing: `${p} 精梳棉纱 40S` });
      expect(params.score).toBeGreaterThanOrEqual(60);
      expect(params.score).toBeLessThanOrEqual(100);

      const mails = await mailsTo(supplier.email);
      expect(mails.length).toBe(mailsBefore + 1);
      // The supplier's saved language is Chinese: the subject and body are rendered with its messages.
      expect(mails.at(-1)!.subject).toContain(`${p} 精梳棉纱 40S`);
      expect(mails.at(-1)!.body).toContain(`新需求「${p} 求购精梳棉纱 20吨」与您的「${p} 精梳棉纱 40S」匹配（${params.score}%）`);
      expect(mails.at(-1)!.body).toContain(`/demands/${d.id}`);

      const [row] = await t.db.select().from(demands).where(eq(demands.id, d.id));
      expect(row!.fitNotifiedAt).not.toBeNull();

      // Run again: nothing new.
      await runAlerts(t.db);
      expect(await notesFor(d.id)).toHaveLength(1);
      expect(await mailsTo(supplier.email)).toHaveLength(mailsBefore + 1);
    });

    it("two runners at once notify once", async () => {
      const d = await (await callerFor(t.db, buyer.userId)).demand.create(demand(`${p} 并发 精梳纱`));
      const mailsBefore = (await mailsTo(supplier.email)).length;
      const runs = await Promise.all([runAlerts(t.db), runAlerts(t.db), runAlerts(t.db)]);
      expect(runs.reduce((s, r) => s + r.failures, 0)).toBe(0);
      expect((await notesFor(d.id)).map((n) => n.userId)).toEqual([supplier.userId]);
      expect(await mailsTo(supplier.email)).toHaveLength(mailsBefore + 1);
    });

    it("ignores invited and closed demands", async () => {
      const bc = await callerFor(t.db, buyer.userId);
      const invited = await bc.demand.create(demand(`${p} 邀请制`, { visibility: "invited" }));
      const closed = await bc.demand.create(demand(`${p} 已撤回`));
      await bc.demand.close({ id: closed.id });
      await runAlerts(t.db);
      expect(await notesFor(invited.id)).toEqual([]);
      expect(await notesFor(closed.id)).toEqual([]);
    });

    it("respects the threshold setting", async () => {
      await t.db.transaction((tx) => setSetting(tx, "alerts.fitThreshold", { minScore: 1 }));
      try {
        const d = await (await callerFor(t.db, buyer.userId)).demand.create(demand(`${p} 门槛 精梳纱`));
        const run = await runAlerts(t.db);
        expect(run.failures).toBe(0);
        expect(await notesFor(d.id)).toEqual([]);
        // Claimed all the same: lowering the threshold later does not replay old demands.
        const [row] = await t.db.select().from(demands).where(eq(demands.id, d.id));
        expect(row!.fitNotifiedAt).not.toBeNull();
      } finally {
        await t.db.transaction((tx) => setSetting(tx, "alerts.fitThreshold", { minScore: 0.6 }));
      }
    });

    it("respects preferences: e-mail off writes no outbox row, in-app off no notification", async () => {
      const sc = await callerFor(t.db, supplier.userId);
      const bc = await callerFor(t.db, buyer.userId);
      await sc.notification.setPreference({ kind: "demandFit", inApp: true, email: false });
      const mailsBefore = (await mailsTo(supplier.email)).length;
      const d1 = await bc.demand.create(demand(`${p} 只要站内`));
      await runAlerts(t.db);
      expect(await notesFor(d1.id)).toHaveLength(1);
      expect(await mailsTo(supplier.email)).toHaveLength(mailsBefore);

      await sc.notification.setPreference({ kind: "demandFit", inApp: false, email: true });
      const d2 = await bc.demand.create(demand(`${p} 只要邮件`));
      await runAlerts(t.db);
      expect(await notesFor(d2.id)).toEqual([]);
      expect(await mailsTo(supplier.email)).toHaveLength(mailsBefore + 1);
      await sc.notification.setPreference({ kind: "demandFit", inApp: true, email: true });
    });

    it("the in-process loop runs when nudged after a demand is posted, and stops", async () => {
      const logs: string[] = [];
      const loop = startAlertLoop(t.db, { intervalMs: 60_000, log: (m) => logs.push(m) });
      try {
        // createDemand nudges the loop once its transaction has committed: well before the loop's
        // first scheduled pass (5 s after start).
        const d = await (await callerFor(t.db, buyer.userId)).demand.create(demand(`${p} 循环 精梳纱`));
        await expect
          .poll(async () => (await notesFor(d.id)).map((n) => n.userId), { timeout: 4_000, interval: 100 })
          .toEqual([supplier.userId]);
      } finally {
        loop.stop();
      }
      const later = await (await callerFor(t.db, buyer.userId)).demand.create(demand(`${p} 停止后 精梳纱`));
      nudgeAlerts();
      await new Promise((r) => setTimeout(r, 300));
      const [row] = await t.db.select().from(demands).where(eq(demands.id, later.id));
      expect(row!.fitNotifiedAt).toBeNull();
      expect(logs.filter((l) => l.includes("failed"))).toEqual([]);
    });
  },
  { fresh: true },
);

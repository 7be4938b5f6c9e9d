import { eq, like } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, uniq, listingValues as listing } from "@/test/factories";
import { notifications, savedSearches } from "../../db/schema";
import { runAlerts } from "../alerts";

const tick = () => new Promise((r) => setTimeout(r, 10));

/** Saved searches with an alert: new matching results since the last check become one notification. */
describeEachDb(
  "alerts: saved searches",
  (t) => {
    it("notifies the owner of a newly published matching listing, not of old, non-matching or own ones", async () => {
      const p = uniq("SS");
      const owner = await createMember(t.db);
      const seller = await createMember(t.db);
      const oc = await callerFor(t.db, owner.userId);
      const sc = await callerFor(t.db, seller.userId);
      const old = await sc.listing.create({ values: listing(`${p} 老产能 精梳纱`), publish: true });
      await tick();
      const saved = await oc.savedSearch.create({ name: `${p} 精梳纱`, query: { entity: "listing", q: "", filters: { chainLink: ["spinning"], process: ["ring_combed"] } } });
      const quiet = await oc.savedSearch.create({ name: `${p} 不提醒`, query: { entity: "listing", q: "", filters: { chainLink: ["spinning"] } }, alert: false });
      await tick();

      // Nothing new yet: no notification, but the search is checked.
      const first = await runAlerts(t.db);
      expect(first.failures).toBe(0);
      const notesFor = (id: string) => t.db.select().from(notifications).where(like(notifications.dedupeKey, `savedSearch:${id}:%`));
      expect(await notesFor(saved.id)).toEqual([]);
      expect(old.id).toBeTruthy();

      await tick();
      const fresh = await sc.listing.create({ values: listing(`${p} 新产能 精梳纱`), publish: true });
      await sc.listing.create({ values: listing(`${p} 针织`, { chainLink: "weaving_knitting", processes: ["circular_knitting"] }), publish: true });
      await oc.listing.create({ values: listing(`${p} 自家 精梳纱`), publish: true });
      await tick();

      const run = await runAlerts(t.db);
      expect(run.failures).toBe(0);
      const notes = await notesFor(saved.id);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ userId: owner.userId, kind: "savedSearch" });
      expect(notes[0]!.params).toMatchObject({ name: `${p} 精梳纱`, count: 1, titles: [`${p} 新产能 精梳纱`], entity: "listing" });
      expect(notes[0]!.link).toBe("/search?type=listing&chainLink=spinning&process=ring_combed");
      expect(notes[0]!.dedupeKey).toContain(fresh.id);
      expect(await notesFor(quiet.id)).toEqual([]);

      // Checked up to this run: running again reports nothing more.
      const [row] = await t.db.select().from(savedSearches).where(eq(savedSearches.id, saved.id));
      expect(row!.lastCheckedAt.getTime()).toBeGreaterThan(saved.lastCheckedAt.getTime());
      await runAlerts(t.db);
      expect(await notesFor(saved.id)).toHaveLength(1);
    });

    it("claims a search whose last check the database wrote (microseconds) and notifies once under concurrent runs", async () => {
      const p = uniq("SM");
      const owner = await createMember(t.db);
      const seller = await createMember(t.db);
      const [row] = await t.db
        .insert(savedSearches)
        .values({ userId: owner.userId, entity: "demand", name: p, query: { entity: "demand", q: "", filters: { chainLink: ["garment"] } } })
        .returning();
      await tick();
      const d = await (await callerFor(t.db, seller.userId)).demand.create({ title: `${p} 找童装加工厂`, chainLink: "garment", quoteDeadline: "2099-12-31", visibility: "public" });
      await tick();
      const runs = await Promise.all([runAlerts(t.db), runAlerts(t.db)]);
      expect(runs.reduce((n, r) => n + r.failures, 0)).toBe(0);
      const notes = await t.db.select().from(notifications).where(like(notifications.dedupeKey, `savedSearch:${row!.id}:%`));
      expect(notes).toHaveLength(1);
      expect(notes[0]!.params).toMatchObject({ count: 1, titles: [`${p} 找童装加工厂`], entity: "demand" });
      expect(notes[0]!.dedupeKey).toContain(d.id);
    });
  },
  { fresh: true },
);

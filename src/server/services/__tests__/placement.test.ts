import { and, eq, gt, inArray, sql } from "drizzle-orm";
import Stripe from "stripe";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues, grantPlan, listingValues, uniq } from "@/test/factories";
import { searchOutbox, subscriptions, users } from "../../db/schema";
import { getSearchEngine } from "../../search";
import type { DemandDocument, ListingDocument } from "../../search/documents";
import { rows } from "../../search/postgres/sql";
import { drainSearchOutbox } from "../../search/relay";
import { applyGrant, revokePlan } from "../billing";
import { enqueueEndedGrantDocuments } from "../billing-limits";
import { handleStripeWebhook } from "../billing-webhook";
import { searchMarket } from "../search";

/**
 * Paid placement (docs/billing.md "Placement"): the plan's flags in the search documents, the small
 * relevance boost they give, the re-indexing of an organisation's documents whenever its plan changes
 * (in the transaction that changes it), and priority demands first in "demands that fit you".
 */
describeEachDb("placement: featured listings and priority demands", (t) => {
  const drain = () => drainSearchOutbox(t.db, getSearchEngine(t.db));
  const docOf = async <D,>(entity: "listing" | "demand", id: string) => (await rows<{ doc: D }>(t.db, sql`select doc from search_documents where entity = ${entity} and id = ${id}`))[0]?.doc;
  const lastOutboxId = async () => Number((await rows<{ id: number | null }>(t.db, sql`select max(id) as id from search_outbox`))[0]?.id ?? 0);
  const queuedSince = async (after: number, ids: string[], db = t.db) =>
    (await db.select({ entity: searchOutbox.entity, entityId: searchOutbox.entityId }).from(searchOutbox).where(and(gt(searchOutbox.id, after), inArray(searchOutbox.entityId, ids))))
      .map((r) => `${r.entity}:${r.entityId}`)
      .sort();
  const admin = async () => {
    const m = await createMember(t.db);
    await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, m.userId));
    return { db: t.db, actor: { userId: m.userId, isPlatformAdmin: true }, membership: null };
  };

  it("ranks a featured listing above an otherwise identical one by relevance, but not in newest order", async () => {
    const word = uniq("feat");
    const featuredOrg = await createMember(t.db);
    const plainOrg = await createMember(t.db);
    await grantPlan(t.db, featuredOrg.organizationId, "sme_pro");
    // The featured one is older: newest order puts the plain one first.
    const featured = await (await callerFor(t.db, featuredOrg.userId)).listing.create({ values: listingValues(`涤纶低弹丝 ${word}`), publish: true });
    const plain = await (await callerFor(t.db, plainOrg.userId)).listing.create({ values: listingValues(`涤纶低弹丝 ${word}`), publish: true });
    const ids = async (sort?: "newest") => (await searchMarket(t.db, { entity: "listing", q: word, sort })).hits.map((h) => (h.document as ListingDocument).id);
    expect(await ids()).toEqual([featured.id, plain.id]);
    expect(await ids("newest")).toEqual([plain.id, featured.id]);
    expect((await docOf<ListingDocument>("listing", featured.id))!.orgFeatured).toBe(true);
    expect((await docOf<ListingDocument>("listing", plain.id))!.orgFeatured).toBe(false);
    // Without the plan the two tie on the text and the newer one leads again.
    await revokePlan({ ctx: await admin(), input: { organizationId: featuredOrg.organizationId } });
    expect(await ids()).toEqual([plain.id, featured.id]);
  });

  it("marks a featured organisation's listings where listings are browsed", async () => {
    const featuredOrg = await createMember(t.db);
    const plainOrg = await createMember(t.db);
    await grantPlan(t.db, featuredOrg.organizationId, "sme_pro");
    const title = uniq("featured-board");
    const values = { ...listingValues(title), kind: "capacity" as const, availableFrom: "2027-03-01", availableTo: "2027-06-30" };
    const featured = await (await callerFor(t.db, featuredOrg.userId)).listing.create({ values, publish: true });
    const plain = await (await callerFor(t.db, plainOrg.userId)).listing.create({ values, publish: true });
    const anyone = await callerFor(t.db, plainOrg.userId);
    const flag = async (organizationId: string, id: string) => (await anyone.listing.byOrganization({ organizationId })).items.find((i) => i.id === id)?.featured;
    expect(await flag(featuredOrg.organizationId, featured.id)).toBe(true);
    expect(await flag(plainOrg.organizationId, plain.id)).toBe(false);
    await revokePlan({ ctx: await admin(), input: { organizationId: featuredOrg.organizationId } });
    expect(await flag(featuredOrg.organizationId, featured.id)).toBe(false);
  });

  it("re-enqueues the organisation's documents in the grant's transaction, and the documents follow grant and revoke", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId);
    const listing = await c.listing.create({ values: listingValues(uniq("placement")), publish: true });
    const demand = await c.demand.create(demandValues(uniq("placement")));
    await drain();
    expect((await docOf<ListingDocument>("listing", listing.id))!.orgFeatured).toBe(false);
    const ids = [listing.id, demand.id];
    const expected = [`demand:${demand.id}`, `listing:${listing.id}`].sort();

    // Written by the grant's transaction: rolled back with it, visible inside it.
    let mark = await lastOutboxId();
    await expect(
      t.db.transaction(async (tx) => {
        await applyGrant(tx, { organizationId: m.organizationId, plan: "sme_pro", source: "admin", actorUserId: null, at: new Date() });
        expect(await queuedSince(mark, ids, tx)).toEqual(expected);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await queuedSince(mark, ids)).toEqual([]);

    await grantPlan(t.db, m.organizationId, "sme_pro");
    expect(await queuedSince(mark, ids)).toEqual(expected);
    await drain();
    expect((await docOf<ListingDocument>("listing", listing.id))!.orgFeatured).toBe(true);
    expect((await docOf<DemandDocument>("demand", demand.id))!.orgPriority).toBe(false);

    // The same plan again changes nothing the documents show: nothing is queued.
    mark = await lastOutboxId();
    await grantPlan(t.db, m.organizationId, "sme_pro");
    expect(await queuedSince(mark, ids)).toEqual([]);

    // Another plan: the flags follow it.
    await grantPlan(t.db, m.organizationId, "anchor_pro");
    expect(await queuedSince(mark, ids)).toEqual(expected);
    await drain();
    expect((await docOf<ListingDocument>("listing", listing.id))!.orgFeatured).toBe(false);
    expect((await docOf<DemandDocument>("demand", demand.id))!.orgPriority).toBe(true);

    mark = await lastOutboxId();
    await revokePlan({ ctx: await admin(), input: { organizationId: m.organizationId } });
    expect(await queuedSince(mark, ids)).toEqual(expected);
    await drain();
    expect((await docOf<DemandDocument>("demand", demand.id))!.orgPriority).toBe(false);
  });

  it("the alerts pass queues the documents of an organisation whose grant ended by date, once", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId);
    const listing = await c.listing.create({ values: listingValues(uniq("ended")), publish: true });
    const demand = await c.demand.create(demandValues(uniq("ended")));
    await grantPlan(t.db, m.organizationId, "sme_pro");
    await drain();
    expect((await docOf<ListingDocument>("listing", listing.id))!.orgFeatured).toBe(true);
    const ids = [listing.id, demand.id];
    const mark = await lastOutboxId();
    // Still running: nothing to do.
    await enqueueEndedGrantDocuments(t.db);
    expect(await queuedSince(mark, ids)).toEqual([]);
    // An hour later the grant's end has passed (a minute ago) without any write.
    await t.db.update(searchOutbox).set({ createdAt: sql`created_at - interval '1 hour'` }).where(inArray(searchOutbox.entityId, ids));
    await t.db.update(subscriptions).set({ currentPeriodEnd: sql`now() - interval '1 minute'` }).where(eq(subscriptions.organizationId, m.organizationId));
    await enqueueEndedGrantDocuments(t.db);
    expect(await queuedSince(mark, ids)).toEqual([`demand:${demand.id}`, `listing:${listing.id}`].sort());
    // Queued since the end: the next pass leaves them alone.
    const again = await lastOutboxId();
    await enqueueEndedGrantDocuments(t.db);
    expect(await queuedSince(again, ids)).toEqual([]);
    await drain();
    expect((await docOf<ListingDocument>("listing", listing.id))!.orgFeatured).toBe(false);
  });

  it("re-enqueues when a Stripe event changes the plan", async () => {
    const secret = "whsec_placement";
    const m = await createMember(t.db);
    const listing = await (await callerFor(t.db, m.userId)).listing.create({ values: listingValues(uniq("stripe")), publish: true });
    await drain();
    const subscriptionId = uniq("sub_");
    const send = (type: string, object: Record<string, unknown>) => {
      const payload = JSON.stringify({ id: uniq("evt_"), object: "event", type, created: Math.floor(Date.now() / 1000), api_version: "2026-10-28.endive", livemode: false, data: { object } });
      return handleStripeWebhook({ db: t.db, secret, payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) });
    };
    let mark = await lastOutboxId();
    const checkout = { id: uniq("cs_"), object: "checkout.session", mode: "subscription", client_reference_id: m.organizationId, customer: uniq("cus_"), subscription: subscriptionId, metadata: { organizationId: m.organizationId, plan: "sme_pro" } };
    expect(await send("checkout.session.completed", checkout)).toMatchObject({ result: "applied" });
    expect(await queuedSince(mark, [listing.id])).toEqual([`listing:${listing.id}`]);
    await drain();
    expect((await docOf<ListingDocument>("listing", listing.id))!.orgFeatured).toBe(true);

    mark = await lastOutboxId();
    const ended = { id: subscriptionId, object: "subscription", customer: checkout.customer, status: "canceled", cancel_at_period_end: false, metadata: { plan: "sme_pro" }, items: { object: "list", data: [] } };
    expect(await send("customer.subscription.deleted", ended)).toMatchObject({ result: "applied" });
    expect(await queuedSince(mark, [listing.id])).toEqual([`listing:${listing.id}`]);
    await drain();
    expect((await docOf<ListingDocument>("listing", listing.id))!.orgFeatured).toBe(false);
  });

  it("puts a priority buyer's fitting demand first in 'demands that fit you', and never an unfit one", async () => {
    const word = uniq("feed");
    const supplier = await createMember(t.db);
    const priorityBuyer = await createMember(t.db);
    const plainBuyer = await createMember(t.db);
    await grantPlan(t.db, priorityBuyer.organizationId, "anchor_pro");
    await (await callerFor(t.db, supplier.userId)).listing.create({ values: listingValues(`${word} 精梳纱`), publish: true });
    const pc = await callerFor(t.db, priorityBuyer.userId);
    // Fits, but less well than the plain buyer's (delivered far from the Qingdao supplier).
    const far = await pc.demand.create(demandValues(`${word} 远途求购`, { deliverCityAdcode: "371700" }));
    const unfit = await pc.demand.create(demandValues(`${word} 气流纺`, { processes: ["open_end_rotor"] }));
    const near = await (await callerFor(t.db, plainBuyer.userId)).demand.create(demandValues(`${word} 本地求购`));

    const feed = await (await callerFor(t.db, supplier.userId)).match.forMyListings({ top: 50 });
    const ids = feed.items.map((i) => i.demandId);
    expect(ids).not.toContain(unfit.id);
    const farItem = feed.items.find((i) => i.demandId === far.id)!;
    const nearItem = feed.items.find((i) => i.demandId === near.id)!;
    expect(farItem.priority).toBe(true);
    expect(nearItem.priority).toBe(false);
    expect(farItem.score).toBeLessThan(nearItem.score);
    expect(ids.indexOf(far.id)).toBeLessThan(ids.indexOf(near.id));
    // Priority demands first, best fit first within each group.
    for (let k = 1; k < feed.items.length; k++) {
      const [a, b] = [feed.items[k - 1]!, feed.items[k]!];
      expect(a.priority > b.priority || (a.priority === b.priority && a.score >= b.score)).toBe(true);
    }
    // Its document in the index is marked too (the demand search shows 优先展示).
    const hit = (await searchMarket(t.db, { entity: "demand", q: word })).hits.map((h) => h.document as DemandDocument).find((d) => d.id === far.id);
    expect(hit?.orgPriority).toBe(true);
  });
});

import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { createMember, uniq } from "@/test/factories";
import { certifications, demands, listingCertifications, listings, searchOutbox } from "../db/schema";
import type { Db } from "../db/types";
import { MeilisearchEngine } from "./meilisearch";
import { enqueueListingsWithCertification, enqueueOrganizationDocuments, enqueueSearchUpdate } from "./outbox";
import { reindex } from "./reindex";
import { backoffMs, drainSearchOutbox } from "./relay";
import { startFakeMeili, type FakeMeili } from "./testing/fake-meili";

let fake: FakeMeili;
beforeAll(async () => {
  fake = await startFakeMeili();
});
afterAll(async () => {
  await fake.close();
});

async function newListing(db: Db, organizationId: string, title = "精梳棉纱 JC40S") {
  const [row] = await db
    .insert(listings)
    .values({ organizationId, chainLink: "spinning", processes: ["ring_spinning"], fibers: ["organic_cotton"], title, capacityValue: 30, capacityUnit: "t_per_month", capacityInputValue: 30, capacityInputUnit: "吨/月", status: "published" })
    .returning();
  return row!;
}

describeEachDb("search outbox relay (fake Meilisearch over HTTP)", (t) => {
  let engine: MeilisearchEngine;
  let orgId: string;
  let clock: Date;
  const opts = () => ({ now: () => clock, backoffBaseMs: 1_000 });
  beforeAll(async () => {
    engine = new MeilisearchEngine({ url: fake.url, indexPrefix: `${uniq("t")}_`, taskTimeoutMs: 5_000 });
    await engine.ensureIndexes();
    orgId = (await createMember(t.db)).organizationId;
  });
  beforeEach(async () => {
    // Each test starts with nothing due, so passes see only the test's own rows.
    clock = new Date(Date.now() + 3_600_000);
    await drainSearchOutbox(t.db, engine, opts());
  });
  const docs = () => fake.indexes.get(engine.indexUid("listing"))!.docs;
  const row = async (id: number) => (await t.db.select().from(searchOutbox).where(eq(searchOutbox.id, id)))[0]!;
  const lastId = async () => (await t.db.select({ id: searchOutbox.id }).from(searchOutbox)).reduce((m, r) => Math.max(m, r.id), 0);

  it("sends a change committed with the listing and marks it processed; a rolled-back change never goes out", async () => {
    const listing = await newListing(t.db, orgId);
    await t.db.transaction(async (tx) => enqueueSearchUpdate(tx, { entity: "listing", entityId: listing.id, version: listing.version, op: "upsert" }));
    const id = await lastId();
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueSearchUpdate(tx, { entity: "listing", entityId: listing.id, version: 99, op: "delete" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await lastId()).toBe(id);
    const pass = await drainSearchOutbox(t.db, engine, opts());
    expect(pass.failed).toBe(0);
    const doc = docs().get(listing.id)!;
    expect(doc).toMatchObject({ id: listing.id, chainLink: "spinning", titleZh: "精梳棉纱 JC40S", fibersCovered: ["organic_cotton", "cotton"], version: 1 });
    expect((await row(id)).processedAt).not.toBeNull();
  });

  it("drops stale versions: only the newest of several pending changes is sent, and an older one arriving later is skipped", async () => {
    const listing = await newListing(t.db, orgId);
    await enqueueSearchUpdate(t.db, { entity: "listing", entityId: listing.id, version: 1, op: "upsert" });
    await t.db.update(listings).set({ title: "精梳棉纱 JC60S", version: 2 }).where(eq(listings.id, listing.id));
    await enqueueSearchUpdate(t.db, { entity: "listing", entityId: listing.id, version: 2, op: "upsert" });
    const pushes = () => fake.requests.filter((r) => r.path.endsWith("/documents") && JSON.stringify(r.body).includes(listing.id)).length;
    const pass = await drainSearchOutbox(t.db, engine, opts());
    expect(pass.stale).toBeGreaterThanOrEqual(1);
    expect(pushes()).toBe(1);
    const rows = await t.db.select().from(searchOutbox).where(eq(searchOutbox.entityId, listing.id));
    expect(rows.every((r) => r.processedAt !== null)).toBe(true);
    expect(docs().get(listing.id)).toMatchObject({ titleZh: "精梳棉纱 JC60S", version: 2 });
    // A late, older row (a slow transaction) must not overwrite the newer document.
    await enqueueSearchUpdate(t.db, { entity: "listing", entityId: listing.id, version: 1, op: "delete" });
    const late = await drainSearchOutbox(t.db, engine, opts());
    expect(late.stale).toBeGreaterThanOrEqual(1);
    expect(pushes()).toBe(1);
    expect(fake.requests.filter((r) => r.path.endsWith("/documents/delete") && JSON.stringify(r.body).includes(listing.id))).toEqual([]);
    expect((await row(await lastId())).processedAt).not.toBeNull();
    expect(docs().get(listing.id)).toMatchObject({ version: 2 });
  });

  it("backs off exponentially on 5xx and delivers once the server is back", async () => {
    const listing = await newListing(t.db, orgId);
    await enqueueSearchUpdate(t.db, { entity: "listing", entityId: listing.id, version: 1, op: "upsert" });
    const id = await lastId();
    fake.failNext(100, 503);
    const first = await drainSearchOutbox(t.db, engine, opts());
    expect(first.failed).toBeGreaterThanOrEqual(1);
    let r = await row(id);
    expect(r).toMatchObject({ attempts: 1, processedAt: null });
    expect(r.lastError).toContain("503");
    expect(r.nextAttemptAt.getTime()).toBe(clock.getTime() + backoffMs(1, 1_000));
    // Not due yet: the row is left alone.
    await drainSearchOutbox(t.db, engine, opts());
    expect((await row(id)).attempts).toBe(1);
    clock = new Date(clock.getTime() + 1_000);
    await drainSearchOutbox(t.db, engine, opts());
    r = await row(id);
    expect(r.attempts).toBe(2);
    expect(r.nextAttemptAt.getTime()).toBe(clock.getTime() + 2_000);
    fake.failNext(0);
    clock = new Date(clock.getTime() + 2_000);
    expect((await drainSearchOutbox(t.db, engine, opts())).failed).toBe(0);
    r = await row(id);
    expect(r.processedAt).not.toBeNull();
    expect(r.lastError).toBeNull();
    expect(docs().has(listing.id)).toBe(true);
  });

  it("is idempotent under redelivery (a crash before marking repeats the push with the same result)", async () => {
    const listing = await newListing(t.db, orgId);
    await enqueueSearchUpdate(t.db, { entity: "listing", entityId: listing.id, version: 1, op: "upsert" });
    const id = await lastId();
    await drainSearchOutbox(t.db, engine, opts());
    const once = structuredClone(docs().get(listing.id));
    const size = docs().size;
    await t.db.update(searchOutbox).set({ processedAt: null }).where(eq(searchOutbox.id, id));
    // Until the claim's lease runs out nobody else takes the row; afterwards it is delivered again.
    await drainSearchOutbox(t.db, engine, opts());
    expect((await row(id)).processedAt).toBeNull();
    clock = new Date(clock.getTime() + 6 * 60_000);
    const pushes = fake.requests.length;
    await drainSearchOutbox(t.db, engine, opts());
    expect((await row(id)).processedAt).not.toBeNull();
    expect(fake.requests.slice(pushes).some((r) => r.path.endsWith("/documents") && JSON.stringify(r.body).includes(listing.id))).toBe(true);
    expect(docs().get(listing.id)).toEqual(once);
    expect(docs().size).toBe(size);
  });

  it("deletes the document on a delete, and on an upsert of a row deleted since", async () => {
    const a = await newListing(t.db, orgId);
    const b = await newListing(t.db, orgId);
    await enqueueSearchUpdate(t.db, [
      { entity: "listing", entityId: a.id, version: 1, op: "upsert" },
      { entity: "listing", entityId: b.id, version: 1, op: "upsert" },
    ]);
    await drainSearchOutbox(t.db, engine, opts());
    expect(docs().has(a.id) && docs().has(b.id)).toBe(true);
    await t.db.delete(listings).where(eq(listings.id, a.id));
    await enqueueSearchUpdate(t.db, [
      { entity: "listing", entityId: a.id, version: 2, op: "delete" },
      { entity: "listing", entityId: b.id, version: 2, op: "upsert" },
    ]);
    await t.db.delete(listings).where(eq(listings.id, b.id));
    await drainSearchOutbox(t.db, engine, opts());
    expect(docs().has(a.id)).toBe(false);
    expect(docs().has(b.id)).toBe(false);
  });

  it("reindex fills a fresh index with settings first, swaps it in and drops the old one", async () => {
    const listing = await newListing(t.db, orgId, "涤纶长丝 150D/48F");
    await enqueueSearchUpdate(t.db, { entity: "listing", entityId: listing.id, version: 1, op: "upsert" });
    const pendingId = await lastId();
    const from = fake.requests.length;
    const result = await reindex(t.db, engine, { batchSize: 2, now: clock });
    const live = engine.indexUid("listing");
    expect(result.find((r) => r.entity === "listing")!.documents).toBeGreaterThan(0);
    expect(fake.indexes.get(live)!.docs.get(listing.id)).toMatchObject({ titleZh: "涤纶长丝 150D/48F" });
    expect(fake.indexes.get(live)!.settings).toHaveProperty("synonyms");
    expect([...fake.indexes.keys()].filter((k) => k.startsWith(`${live}_`))).toEqual([]);
    const calls = fake.requests.slice(from).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    const settingsAt = calls.findIndex((c) => /^PATCH \/indexes\/.*listings_\d+\/settings$/.test(c));
    const docsAt = calls.findIndex((c) => /^POST \/indexes\/.*listings_\d+\/documents$/.test(c));
    expect(settingsAt).toBeGreaterThan(-1);
    expect(settingsAt).toBeLessThan(docsAt);
    expect(calls).toContain("POST /swap-indexes");
    // A change still pending stays pending: the relay sends it to the new index (again, harmlessly).
    expect((await row(pendingId)).processedAt).toBeNull();
  });
});

describeEachDb("search outbox fan-out helpers", (t) => {
  it("enqueues every listing and demand of an organisation, and the listings carrying a certificate", async () => {
    const { organizationId } = await createMember(t.db);
    const a = await newListing(t.db, organizationId);
    const b = await newListing(t.db, organizationId);
    const [cert] = await t.db.insert(certifications).values({ organizationId, schemeId: "oeko_tex_100" }).returning();
    await t.db.insert(listingCertifications).values({ listingId: b.id, certificationId: cert!.id });
    const [demand] = await t.db.insert(demands).values({ organizationId, title: "求购 JC40S" }).returning();
    const rowsFor = async (ids: string[]) => (await t.db.select().from(searchOutbox).where(inArray(searchOutbox.entityId, ids))).map((r) => `${r.entity}:${r.entityId}:${r.version}:${r.op}`).sort();
    await t.db.transaction((tx) => enqueueOrganizationDocuments(tx, organizationId));
    expect(await rowsFor([a.id, b.id, demand!.id])).toEqual([`demand:${demand!.id}:1:upsert`, `listing:${a.id}:1:upsert`, `listing:${b.id}:1:upsert`].sort());
    await t.db.delete(searchOutbox).where(inArray(searchOutbox.entityId, [a.id, b.id, demand!.id]));
    await t.db.transaction((tx) => enqueueListingsWithCertification(tx, cert!.id));
    expect(await rowsFor([a.id, b.id])).toEqual([`listing:${b.id}:1:upsert`]);
  });
});

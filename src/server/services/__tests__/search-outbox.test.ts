import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, orgProfile } from "@/test/factories";
import { searchOutbox } from "../../db/schema";
import type { Db } from "../../db/types";

const versionsOf = async (db: Db, entity: "listing" | "demand", id: string) =>
  (await db.select().from(searchOutbox).where(and(eq(searchOutbox.entity, entity), eq(searchOutbox.entityId, id)))).map((r) => r.version).sort((a, b) => a - b);

/** Each listing or demand change records a search update in its own transaction, for the index relay. */
describeEachDb("search outbox from the services", (t) => {
  it("records listing and demand changes with their versions, and profile changes for the organisation's listings", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId);
    const listing = await c.listing.create({
      values: { kind: "capability", chainLink: "weaving_knitting", processes: ["air_jet_loom"], title: "喷气织机 坯布", capacityValue: 50, capacityUnit: "万米/月" },
      publish: true,
    });
    expect(await versionsOf(t.db, "listing", listing.id)).toEqual([1]);
    await c.listing.pause({ id: listing.id });
    expect(await versionsOf(t.db, "listing", listing.id)).toEqual([1, 2]);

    const demand = await c.demand.create({ title: "求购精梳棉纱 JC40S", chainLink: "spinning", processes: ["ring_combed"] });
    expect(await versionsOf(t.db, "demand", demand.id)).toEqual([1]);

    const mine = await c.organization.mine();
    await c.organization.update(orgProfile({ nameZh: mine.nameZh, uscc: mine.uscc ?? undefined, description: "新的企业简介" }));
    expect(await versionsOf(t.db, "listing", listing.id)).toEqual([1, 2, 2]);
  });
});

import { TRPCError } from "@trpc/server";
import { expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { reasonSentences } from "@/components/matching/reasons";
import en from "@/i18n/messages/en/matching.json";
import zh from "@/i18n/messages/zh-CN/matching.json";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, uniq, listingValues as listing, demandValues as demand } from "@/test/factories";
import { DomainError } from "../../errors";
import { setSavedListing } from "../shortlists";

describeEachDb("shortlists (match router)", (t) => {
  const p = uniq("SL");
  it("shows the buyer its ranked shortlist with reasons and refuses other organisations", async () => {
    const buyer = await createMember(t.db);
    const near = await createMember(t.db, { nameZh: `即墨${p}纺织有限公司`, cityAdcode: "370200", countyAdcode: "370215" });
    const other = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const sc = await callerFor(t.db, near.userId);
    const fits = await sc.listing.create({ values: listing(`${p} 精梳棉纱`), publish: true });
    const wrongProcess = await sc.listing.create({ values: listing(`${p} 气流纺`, { processes: ["open_end_rotor"] }), publish: true });
    const ownListing = await bc.listing.create({ values: listing(`${p} 买家自己的`), publish: true });
    const d = await bc.demand.create(demand(`${p} 求购精梳纱 20吨`));

    const s = await bc.match.forDemand({ demandId: d.id, top: 100 });
    const ids = s.items.map((i) => i.listingId);
    expect(ids).toContain(fits.id);
    expect(ids).not.toContain(wrongProcess.id);
    expect(ids).not.toContain(ownListing.id);
    expect(s.items.map((i) => i.rank)).toEqual(s.items.map((_, k) => k + 1));
    for (let k = 1; k < s.items.length; k++) expect(s.items[k - 1]!.score).toBeGreaterThanOrEqual(s.items[k]!.score);
    const row = s.items.find((i) => i.listingId === fits.id)!;
    expect(row.listingTitle).toBe(`${p} 精梳棉纱`);
    expect(row.organization).toMatchObject({ id: near.organizationId, nameZh: `即墨${p}纺织有限公司`, verified: false });
    expect(row.distanceKm).not.toBeNull();
    expect(row.distanceKm!).toBeLessThan(60);
    expect(row.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["chain_link", "process", "capacity", "distance"]));
    expect(s.blockers).toEqual([]);

    // Every reason the matcher gave turns into a translated sentence, none into the raw fallback.
    const keys: string[] = [];
    const spy = (key: string, values?: Record<string, string | number>) => (keys.push(key), createTranslator({ locale: "en", messages: { matching: en } })(`matching.${key}` as never, values as never) as string);
    const sentences = reasonSentences(row.reasons, spy, "en");
    expect(keys.length).toBeGreaterThanOrEqual(row.reasons.length);
    for (const x of sentences) expect(x.text).not.toMatch(/reasons\.|\{/);
    expect(sentences.map((x) => x.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Capacity covers [\d.,]+× the quantity/), expect.stringMatching(/^\d+ km away$/), "Process matches: Ring spinning – combed"]));
    const zhT = createTranslator({ locale: "zh-CN", messages: { matching: zh } });
    const zhSentences = reasonSentences(row.reasons, (k, v) => zhT(`matching.${k}` as never, v as never) as string, "zh-CN");
    expect(zhSentences.find((x) => x.code === "distance")!.text).toMatch(/^距离 \d+ 公里$/);

    // Another organisation, even the supplier on the list, may not see the shortlist.
    for (const c of [sc, await callerFor(t.db, other.userId)]) await expect(c.match.forDemand({ demandId: d.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const invited = await bc.demand.create(demand(`${p} 邀请`, { visibility: "invited" }));
    await expect(sc.match.forDemand({ demandId: invited.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sc.match.forDemand({ demandId: "00000000-0000-0000-0000-000000000000" })).rejects.toBeInstanceOf(TRPCError);
    // Signed out: refused.
    await expect((await callerFor(t.db, null)).match.forDemand({ demandId: d.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("explains an empty shortlist by the constraint that filters most", async () => {
    const buyer = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const d = await bc.demand.create(demand(`${p} 要求 GOTS`, { requiredCertifications: ["gots"], processes: ["ring_combed"], maxDistanceKm: 1, deliverCityAdcode: "371700" }));
    const supplier = await createMember(t.db);
    await (await callerFor(t.db, supplier.userId)).listing.create({ values: listing(`${p} 无证书`), publish: true });
    const s = await bc.match.forDemand({ demandId: d.id });
    expect(s.items).toEqual([]);
    expect(s.blockers.map((b) => b.constraint).sort()).toEqual(["certifications", "maxDistance", "needBy", "processes", "quantity"].sort());
    for (let k = 1; k < s.blockers.length; k++) expect(s.blockers[k - 1]!.count).toBeGreaterThanOrEqual(s.blockers[k]!.count);
  });

  it("lists open public demands that fit the organisation's listings, not invited or own ones", async () => {
    const supplier = await createMember(t.db);
    const buyer = await createMember(t.db);
    const sc = await callerFor(t.db, supplier.userId);
    const bc = await callerFor(t.db, buyer.userId);
    const l1 = await sc.listing.create({ values: listing(`${p} 供方精梳`), publish: true });
    const l2 = await sc.listing.create({ values: listing(`${p} 供方精梳二`, { capacityValue: 100 }), publish: true });
    await sc.listing.create({ values: listing(`${p} 草稿`) });
    const pub = await bc.demand.create(demand(`${p} 公开求购`));
    const invited = await bc.demand.create(demand(`${p} 邀请求购`, { visibility: "invited" }));
    const closed = await bc.demand.create(demand(`${p} 已关闭`));
    await bc.demand.close({ id: closed.id });
    const wrong = await bc.demand.create(demand(`${p} 气流纺`, { processes: ["open_end_rotor"] }));
    const own = await sc.demand.create(demand(`${p} 自己的求购`));

    const r = await sc.match.forMyListings({});
    expect(r.listingCount).toBe(2);
    const ids = r.items.map((i) => i.demandId);
    expect(ids).toContain(pub.id);
    for (const x of [invited, closed, wrong, own]) expect(ids).not.toContain(x.id);
    const item = r.items.find((i) => i.demandId === pub.id)!;
    expect(item.buyer).toMatchObject({ id: buyer.organizationId, verified: false });
    expect([l1.id, l2.id]).toContain(item.listing.id);
    expect(item.otherListings.map((l) => l.id)).toEqual([l1.id, l2.id].filter((id) => id !== item.listing.id));
    expect(item.reasons.some((x) => x.code === "capacity")).toBe(true);
    // Best fit first, after the demands of priority buyers (other files' rows share the PostgreSQL run's database).
    for (let k = 1; k < r.items.length; k++) {
      const [a, b] = [r.items[k - 1]!, r.items[k]!];
      expect(a.priority > b.priority || (a.priority === b.priority && a.score >= b.score)).toBe(true);
    }

    // An organisation without published listings gets nothing.
    const empty = await (await callerFor(t.db, buyer.userId)).match.forMyListings();
    expect(empty.items.filter((i) => [pub.id, invited.id].includes(i.demandId))).toEqual([]);
  });

  it("saves and unsaves a supplier on the buyer's demand; saved ones are marked in the shortlist", async () => {
    const buyer = await createMember(t.db);
    const supplier = await createMember(t.db);
    const other = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const sc = await callerFor(t.db, supplier.userId);
    const oc = await callerFor(t.db, other.userId);
    const fits = await sc.listing.create({ values: listing(`${p} 可收藏`), publish: true });
    const second = await sc.listing.create({ values: listing(`${p} 另一条`), publish: true });
    const draft = await sc.listing.create({ values: listing(`${p} 草稿产能`) });
    const d = await bc.demand.create(demand(`${p} 收藏供应商`));
    const savedOf = async (id: string) => (await bc.match.forDemand({ demandId: d.id, top: 100 })).items.find((i) => i.listingId === id)?.saved;

    expect(await savedOf(fits.id)).toBe(false);
    expect(await bc.match.setSaved({ demandId: d.id, listingId: fits.id, saved: true })).toEqual({ demandId: d.id, listingId: fits.id, saved: true });
    expect(await savedOf(fits.id)).toBe(true);
    expect(await savedOf(second.id)).toBe(false);
    // Saving twice is fine and keeps one mark.
    await bc.match.setSaved({ demandId: d.id, listingId: fits.id, saved: true });
    expect(await savedOf(fits.id)).toBe(true);
    // Any member role may save: a plain member of the buyer organisation, through the service.
    const memberCtx = { db: t.db, actor: { userId: buyer.userId, isPlatformAdmin: false }, membership: { organizationId: buyer.organizationId, role: "member" as const } };
    await setSavedListing({ ctx: memberCtx, demandId: d.id, listingId: second.id, saved: true });
    expect(await savedOf(second.id)).toBe(true);

    // Unsave; unsaving again is a no-op.
    await bc.match.setSaved({ demandId: d.id, listingId: fits.id, saved: false });
    expect(await savedOf(fits.id)).toBe(false);
    await bc.match.setSaved({ demandId: d.id, listingId: fits.id, saved: false });
    expect(await savedOf(fits.id)).toBe(false);
    expect(await savedOf(second.id)).toBe(true);

    // An unpublished listing cannot be saved.
    await expect(bc.match.setSaved({ demandId: d.id, listingId: draft.id, saved: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bc.match.setSaved({ demandId: d.id, listingId: "00000000-0000-0000-0000-000000000000", saved: true })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Another organisation may not save on the demand: FORBIDDEN for a public one, NOT_FOUND for an invited one.
    const otherCtx = { db: t.db, actor: { userId: other.userId, isPlatformAdmin: false }, membership: { organizationId: other.organizationId, role: "owner" as const } };
    const refused = await setSavedListing({ ctx: otherCtx, demandId: d.id, listingId: fits.id, saved: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "FORBIDDEN", messageKey: "errors.forbidden" });
    await expect(oc.match.setSaved({ demandId: d.id, listingId: second.id, saved: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const invited = await bc.demand.create(demand(`${p} 邀请收藏`, { visibility: "invited" }));
    const hidden = await setSavedListing({ ctx: otherCtx, demandId: invited.id, listingId: fits.id, saved: true }).catch((e: unknown) => e);
    expect(hidden).toBeInstanceOf(DomainError);
    expect(hidden).toMatchObject({ code: "NOT_FOUND", messageKey: "errors.notFound" });
    // The other organisation's attempts changed nothing.
    expect(await savedOf(fits.id)).toBe(false);
    expect(await savedOf(second.id)).toBe(true);
    // Signed out: refused.
    await expect((await callerFor(t.db, null)).match.setSaved({ demandId: d.id, listingId: fits.id, saved: true })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

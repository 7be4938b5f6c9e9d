import { expect, it } from "vitest";
import { adcodeCentre, greatCircleKm } from "@/domain/matching/geo";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues as demand, listingValues as listing, quoteValues as q, uniq } from "@/test/factories";
import { certifications, deliveryRecords } from "../../db/schema";

describeEachDb("inquiries: the comparison (inquiry.forDemand)", (t) => {
  const p = uniq("CMP");

  it("lines up each supplier's latest quote, distance, delivery record and valid certificates", async () => {
    const buyer = await createMember(t.db, { type: "anchor" });
    // Jimo (Qingdao) SME and a Jinan anchor firm; the demand delivers to Qingdao.
    const jimo = await createMember(t.db, { cityAdcode: "370200", countyAdcode: "370215" });
    const jinan = await createMember(t.db, { type: "anchor", cityAdcode: "370100", countyAdcode: "370105" });
    const quiet = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const [cj, cn, cq] = await Promise.all([jimo, jinan, quiet].map((s) => callerFor(t.db, s.userId)));
    const lj = await cj!.listing.create({ values: listing(`${p} 即墨精梳`), publish: true });
    const ln = await cn!.listing.create({ values: listing(`${p} 济南精梳`), publish: true });
    const lq = await cq!.listing.create({ values: listing(`${p} 未报价`), publish: true });
    const d = await bc.demand.create(demand(`${p} 比价`, { deliverCityAdcode: "370200" }));
    const [ij, in_, iq] = (await bc.inquiry.invite({ demandId: d.id, listingIds: [lj.id, ln.id, lq.id] })).inquiryIds as [string, string, string];

    await cj!.inquiry.quote({ inquiryId: ij, quote: q({ unitPrice: 12, paymentTerms: "monthly", paymentDays: 90 }) });
    await bc.inquiry.counter({ inquiryId: ij, quote: q({ unitPrice: 10 }) });
    await cn!.inquiry.quote({ inquiryId: in_, quote: q({ unitPrice: 11, paymentTerms: "monthly", paymentDays: 90, leadTimeDays: 20 }) });
    await cn!.inquiry.quote({ inquiryId: in_, quote: q({ unitPrice: 10.5, paymentTerms: "monthly", paymentDays: 90, leadTimeDays: 20 }) });

    await t.db.insert(certifications).values([
      { organizationId: jimo.organizationId, schemeId: "oeko_tex_100", number: "A1", validFrom: "2020-01-01", validTo: "2099-12-31", verificationState: "verified" },
      { organizationId: jimo.organizationId, schemeId: "gots", number: "B1", validTo: "2001-01-01", verificationState: "verified" },
      { organizationId: jimo.organizationId, schemeId: "grs", number: "C1", validTo: "2099-12-31", verificationState: "rejected" },
      { organizationId: jimo.organizationId, schemeId: "iso_9001", number: "D1", validTo: null, verificationState: "pending" },
    ]);
    await t.db.insert(deliveryRecords).values({ organizationId: jimo.organizationId, deliveredDeals: 4, onTimeDeals: 3, ratings: 2, avgOnTime: 4, avgQuality: 5, avgCommunication: 4.5 });

    const cmp = await bc.inquiry.forDemand({ demandId: d.id });
    expect(cmp.demand).toMatchObject({ id: d.id, status: "open", deliverCityAdcode: "370200" });
    expect(cmp.rows.map((r) => r.inquiryId).sort()).toEqual([ij, in_, iq].sort());
    const [rj, rn, rq] = [ij, in_, iq].map((id) => cmp.rows.find((r) => r.inquiryId === id));

    // The supplier's latest quote, not the buyer's counter.
    expect(rj!.quote).toMatchObject({ revision: 1, author: "supplier", status: "active", unitPriceFen: 1200, paymentDays: 90 });
    expect(rj).toMatchObject({ status: "countered", awardable: true, paymentTermsWarning: true, listing: { id: lj.id, title: `${p} 即墨精梳` }, supplier: { id: jimo.organizationId, type: "sme" } });
    expect(rn!.quote).toMatchObject({ revision: 2, unitPriceFen: 1050, leadTimeDays: 20 });
    // An anchor supplier: the SME rule does not apply.
    expect(rn!.paymentTermsWarning).toBe(false);
    expect(rq).toMatchObject({ status: "invited", quote: null, awardable: false, paymentTermsWarning: false });

    const qingdao = adcodeCentre("370200")!;
    const expectKm = (county: string) => Math.round(greatCircleKm(adcodeCentre(county)!, qingdao) * 10) / 10;
    expect(rj!.distanceKm).toBe(expectKm("370215"));
    expect(rn!.distanceKm).toBe(expectKm("370105"));
    expect(rn!.distanceKm!).toBeGreaterThan(250);

    expect(rj!.deliveryRecord).toMatchObject({ deliveredDeals: 4, onTimeDeals: 3, onTimeRate: 0.75, ratings: 2, avgQuality: 5 });
    expect(rj!.deliveryRecord!.avgOverall).toBeCloseTo(4.5);
    expect(rn!.deliveryRecord).toBeNull();

    // Valid today: the verified one in its dates and the pending one without an end; not expired or rejected.
    expect(rj!.certificates.map((c) => [c.schemeId, c.verified]).sort()).toEqual([
      ["iso_9001", false],
      ["oeko_tex_100", true],
    ]);
    expect(rn!.certificates).toEqual([]);

    // Only the buyer compares.
    await expect(cj!.inquiry.forDemand({ demandId: d.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: "deals.errors.notFound" });
  });
});

import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { createMember, uniq } from "@/test/factories";
import { demands, listings } from "../../db/schema";
import { demandsForListing, matchDemandJson } from "../matching";
import { importListingsFile } from "../imports";
import { eq } from "drizzle-orm";

const ASOF = "2027-01-10";
const HEADER = "ref,company_name,city_adcode,lat,lng,kind,chain_link,processes,products,fibers,title,capacity_value,capacity_unit,moq_value,moq_unit,lead_time_days,yarn_count_ne_min,yarn_count_ne_max,certifications,available_from,available_to";

describeEachDb("matching service", (t) => {
  const p = uniq("M");
  const rows = [
    // ideal: Heze spinner, OEKO-TEX dated, plenty of capacity
    `${p}-IDEAL,菏泽${p}纺纱有限公司,371700,35.24,115.48,capability,spinning,ring_carded,yarn,cotton,普梳棉纱 C32S,300,t_per_month,5,t,10,20,40,oeko_tex_100@2027-12-31,,`,
    // tight capacity (55 t for 50)
    `${p}-TIGHT,菏泽${p}棉纺有限公司,371700,35.25,115.47,capability,spinning,ring_carded,yarn,cotton,普梳纱,165,t_per_month,5,t,10,20,40,oeko_tex_100@2027-12-31,,`,
    // certificate without expiry: stays in, ranked lower
    `${p}-UNDATED,德州${p}纺织有限公司,371400,37.43,116.36,capability,spinning,ring_carded,yarn,cotton,棉纱,300,t_per_month,5,t,10,20,40,oeko_tex_100,,`,
    // out: certificate expired the day before asOf
    `${p}-EXPIRED,聊城${p}纺织有限公司,371500,36.45,115.98,capability,spinning,ring_carded,yarn,cotton,棉纱,300,t_per_month,5,t,10,20,40,oeko_tex_100@2027-01-09,,`,
    // out: yarn too fine for the mill
    `${p}-COARSEMILL,滨州${p}纺织有限公司,371600,37.38,117.97,capability,spinning,ring_carded,yarn,cotton,粗支纱,300,t_per_month,5,t,10,6,21,oeko_tex_100@2027-12-31,,`,
    // out: capacity window closed before production could start
    `${p}-CLOSED,济宁${p}纺织有限公司,370800,35.41,116.59,capacity,spinning,ring_carded,yarn,cotton,空余产能,900,t_per_month,5,t,0,20,40,oeko_tex_100@2027-12-31,2026-12-01,2027-01-05`,
    // out: MOQ above the quantity
    `${p}-MOQ,枣庄${p}纺织有限公司,370400,34.81,117.32,capability,spinning,ring_carded,yarn,cotton,棉纱,900,t_per_month,80,t,10,20,40,oeko_tex_100@2027-12-31,,`,
  ];
  const refs = (r: { results: Array<{ ref: string | null }> }) => r.results.map((x) => x.ref).filter((x): x is string => !!x && x.startsWith(p));

  it("returns the listings that pass every hard constraint, best first, with reasons", async () => {
    const report = await importListingsFile(t.db, { bytes: new TextEncoder().encode([HEADER, ...rows].join("\n")), account: { kind: "platform" }, now: new Date("2027-01-01T00:00:00Z") });
    expect(report.rejected, JSON.stringify(report.errors)).toBe(0);
    const demand = {
      chainLink: "spinning",
      processes: ["ring_carded"],
      fibers: ["cotton"],
      text: "普梳棉纱 C32S 机织用",
      quantity: { value: 50, unit: "t" },
      needBy: "2027-02-20",
      deliverTo: { cityAdcode: "371700" },
      requiredCertifications: ["oeko_tex_100"],
      spec: { yarnCountNe: 32 },
    };
    const r = await matchDemandJson(t.db, demand, { asOf: ASOF, top: 1000 });
    expect(r.asOf).toBe(ASOF);
    const mine = refs(r);
    expect(mine[0]).toBe(`${p}-IDEAL`);
    expect(mine.slice(1).sort()).toEqual([`${p}-TIGHT`, `${p}-UNDATED`].sort());
    const top = r.results.find((x) => x.ref === `${p}-IDEAL`)!;
    expect(top.company).toEqual({ name: `菏泽${p}纺纱有限公司`, cityAdcode: "371700" });
    expect(top.distanceKm).toBeLessThan(10);
    expect(top.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: "certification", ok: true, detail: "oeko_tex_100 valid until 2027-12-31", params: { factor: "certification", certificates: [{ scheme: "oeko_tex_100", validTo: "2027-12-31" }] } })]));
    // The expiry day itself counts.
    const onExpiry = await matchDemandJson(t.db, demand, { asOf: "2027-01-09", top: 1000 });
    expect(refs(onExpiry)).toContain(`${p}-EXPIRED`);
  });

  it("answers the reverse question: open demands a listing can serve", async () => {
    const buyer = await createMember(t.db);
    const [listing] = await t.db.select().from(listings).where(eq(listings.ref, `${p}-IDEAL`));
    const base = { organizationId: buyer.organizationId, chainLink: "spinning", processes: ["ring_carded"], fibers: ["cotton"], quantityValue: 50, quantityUnit: "t", quantityInputValue: 50, quantityInputUnit: "t", needBy: "2027-02-20", deliverCityAdcode: "371700" };
    const [fits] = await t.db.insert(demands).values({ ...base, title: `${p} 普梳纱 50吨` }).returning();
    const [tooFine] = await t.db.insert(demands).values({ ...base, title: `${p} 精细纱`, yarnCountNe: 60 }).returning();
    const [tooBig] = await t.db.insert(demands).values({ ...base, title: `${p} 大单`, quantityValue: 5000, quantityInputValue: 5000 }).returning();
    const [closed] = await t.db.insert(demands).values({ ...base, title: `${p} 已关闭`, status: "closed" }).returning();
    const found = (await demandsForListing(t.db, listing!.id, { asOf: ASOF })).map((f) => f.demandId);
    expect(found).toContain(fits!.id);
    for (const d of [tooFine, tooBig, closed]) expect(found).not.toContain(d!.id);
    expect(await demandsForListing(t.db, "00000000-0000-0000-0000-000000000000", { asOf: ASOF })).toEqual([]);
  });
});

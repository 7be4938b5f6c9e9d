import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { randomValidUscc } from "../uscc";
import { importReport, resolveOshList, resolveRows, type OrgRecord, type ResolveResult, type RowDecision } from "./index";

const DIR = path.join(__dirname, "__fixtures__", "opensupplyhub");
const LISTS = fs.readdirSync(DIR).filter((f) => f.endsWith(".csv")).sort();
const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(DIR, f)));

/** Every list resolved in turn, each against the organisations the earlier ones left. */
function resolveAll(start: OrgRecord[] = []): { results: Map<string, ResolveResult>; orgs: OrgRecord[] } {
  const results = new Map<string, ResolveResult>();
  let orgs = start;
  for (const f of LISTS) {
    const r = resolveOshList(read(f), orgs, { source: f });
    results.set(f, r);
    orgs = r.organizations;
  }
  return { results, orgs };
}

describe("resolving the real Open Supply Hub lists", () => {
  let results: Map<string, ResolveResult>;
  let orgs: OrgRecord[];
  beforeAll(() => ({ results, orgs } = resolveAll()));

  const row = (list: string, line: number): RowDecision => {
    const r = results.get(`${list}.csv`)?.rows.find((x) => x.line === line);
    if (!r) throw new Error(`no row ${list}:${line}`);
    return r;
  };
  const id = (list: string, line: number) => `${list}.csv#${line}`;

  it("decides every row once and counts organisations, not rows", () => {
    let rows = 0;
    for (const r of results.values()) {
      rows += r.rows.length;
      expect(r.counts.created + r.counts.merged + r.counts.review + r.counts.unchanged + r.counts.rejected).toBe(r.rows.length);
    }
    expect(rows).toBe(932);
    const created = [...results.values()].reduce((s, r) => s + r.counts.created, 0);
    expect(orgs).toHaveLength(created);
    // 434 rows in mainland China plus 30 in Taiwan; everything else is outside China.
    const notInChina = [...results.values()].flatMap((r) => r.rows).filter((r) => r.reason.code === "imports.osh.reasons.notInChina");
    expect(notInChina).toHaveLength(932 - 464);
  });

  it("merges the same factory spelled differently across lists", () => {
    // Zhucheng Hengwei: the 2017 row's coordinates are 133 km from Zhucheng (untrusted); 2019 adds good ones.
    expect(row("Winter_2017_Compliance_List", 19)).toMatchObject({ outcome: "created", flags: ["coords_outside_city"] });
    expect(row("Winter_2019_Compliance_List_V2", 16)).toMatchObject({ outcome: "merged", organizationId: id("Winter_2017_Compliance_List", 19), changes: ["coordinates"] });
    // "Zhongshan Yi Jun Knitting" / "Zhong Shan City Yi Jun Knitwear": the new spelling becomes an alias.
    expect(row("Winter_2019_Compliance_List", 41)).toMatchObject({ outcome: "merged", organizationId: id("Fall_2018_Compliance_List", 17), changes: ["alias"] });
    const yiJun = orgs.find((o) => o.id === id("Fall_2018_Compliance_List", 17))!;
    expect(yiJun.aliases).toEqual(["Zhong Shan City Yi Jun Knitwear Co. Ltd."]);
    expect(yiJun.sources).toContainEqual({ field: "alias", value: "Zhong Shan City Yi Jun Knitwear Co. Ltd.", source: "Winter_2019_Compliance_List.csv:41" });
    // Regina Miracle Intimate Apparel appears in three lists, one organisation.
    for (const [list, line] of [["Winter_2017_Affiliate_List", 5], ["Winter_2019_Compliance_List_V2", 14]] as const) {
      expect(row(list, line)).toMatchObject({ outcome: "unchanged", organizationId: id("Fall_2017_Compliance_List", 8) });
    }
    // Guangzhou Panyu Dong Chong Chong Ming Glove Factory = Dong Chong Chong Ming Glove Factory (same address).
    expect(row("Winter_2019_Compliance_List_V2", 65)).toMatchObject({ outcome: "merged", organizationId: id("Spring_2017_Apparel_List", 39) });
    // Huai An Yuan Tong: first seen at the country centroid, the second list brings real coordinates.
    expect(row("Summer_2019_Apparel_List", 12)).toMatchObject({ outcome: "merged", organizationId: id("Summer_2019_Affiliate_List", 31), changes: ["coordinates"] });
    for (const [list, line, first] of [
      ["Winter_2019_Compliance_List_V2", 11, id("Spring_2017_Apparel_List", 38)], // Shanghai Qianrun Garments
      ["Winter_2019_Compliance_List_V2", 15, id("Summer_2018_Affiliate_List", 9)], // Shanghai Weijie Garment
      ["Winter_2019_Compliance_List", 33, id("Summer_2019_Compliance_List", 31)], // Taizhou Baolite Shoes
    ] as const) {
      expect(row(list, line)).toMatchObject({ outcome: "unchanged", organizationId: first });
    }
  });

  it("queues doubtful pairs for a person, with both records and the score's parts", () => {
    // Fujian Jinjiang Huamei: same name, but one list geocodes it 150 km away.
    const huamei = row("Winter_2017_Compliance_List", 2);
    expect(huamei.outcome).toBe("review");
    expect(huamei.organizationId).toBeNull();
    expect(huamei.candidates[0]).toMatchObject({ id: id("Summer_2017_Compliance_List", 8), rule: "farApart" });
    expect(huamei.candidates[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(huamei.candidates[0]!.parts.map((p) => p.part)).toEqual(["name", "core", "address", "distance"]);
    expect(huamei.incoming).toMatchObject({ name: "Fujian Jinjiang Huamei Knitting & Clothing Co Ltd", provinceAdcode: "350000" });
    // A second branch of ZhongShan Easy On is not merged into the head factory by itself.
    expect(row("Summer_2019_Affiliate_List", 77)).toMatchObject({ outcome: "review", candidates: [{ id: id("Summer_2019_Affiliate_List", 76), rule: "branchOneSided" }] });
  });

  it("resolves repeats within one list", () => {
    expect(row("Summer_2019_Compliance_List", 75)).toMatchObject({
      outcome: "unchanged",
      organizationId: id("Summer_2019_Compliance_List", 3),
      reason: { code: "imports.osh.reasons.repeatInFile", params: { line: 3 } },
    });
    expect(row("Summer_2019_Compliance_List", 48)).toMatchObject({ outcome: "unchanged", organizationId: id("Summer_2019_Compliance_List", 36) });
    // BAI NA SHOES INDUSTRY / BAINA SHOES FACTORY: one firm, the other spelling kept as an alias.
    expect(row("Summer_2019_Compliance_List", 51)).toMatchObject({ outcome: "unchanged", organizationId: id("Summer_2019_Compliance_List", 43) });
    expect(row("Summer_2019_Compliance_List", 59)).toMatchObject({ outcome: "merged", organizationId: id("Summer_2019_Compliance_List", 43), changes: ["alias"] });
  });

  it("keeps distinct factories apart", () => {
    const orgOf = (list: string, line: number) => row(list, line).organizationId;
    // Same 字号 in different Shandong cities: Qingdao (Jimo) and Xiajin (Dezhou).
    expect(row("Winter_2019_Compliance_List", 30)).toMatchObject({ outcome: "created", place: { cityAdcode: "370200", countyAdcode: "370215" } });
    expect(row("Winter_2019_Compliance_List", 37)).toMatchObject({ outcome: "created", place: { cityAdcode: "371400", countyAdcode: "371427" } });
    // Same town, different trade names.
    expect(orgOf("Winter_2017_Compliance_List", 14)).not.toBe(orgOf("Winter_2019_Compliance_List", 21)); // Jiangyin Chenlong / Chenguang
    expect(row("Winter_2019_Compliance_List", 21).outcome).toBe("created");
    expect(row("Winter_2019_Compliance_List", 25).outcome).toBe("created"); // Jiaxing Ruiyang is not Jiaxing Rising (line 24)
    expect(row("Winter_2019_Compliance_List_V2", 64).outcome).toBe("created"); // Jinjiang Shenhu Dali is not Jinjiang Huamei
    expect(row("Summer_2019_Compliance_List", 15).outcome).toBe("created"); // Shanghai Jinlin in Shanghai, not the Jiangsu site
  });

  it("flags misplaced coordinates and does not keep them", () => {
    const rushan = row("Spring_2019_Compliance_List", 7);
    expect(rushan).toMatchObject({ name: "Hemp Fortex", outcome: "created", flags: ["coords_outside_province"], place: { provinceAdcode: "370000", countyAdcode: "371083" } });
    expect(orgs.find((o) => o.id === rushan.organizationId)).toMatchObject({ lat: null, lng: null, countyAdcode: "371083" });
    expect(row("Summer_2019_Affiliate_List", 11).flags).toEqual(["coords_outside_province"]); // Donglong (Tancheng), placed in Jiangsu
    for (const [list, line] of [["Winter_2017_Affiliate_List", 2], ["Summer_2019_Affiliate_List", 31], ["Winter_2019_Compliance_List_V2", 273]] as const) {
      expect(row(list, line).flags, `${list}:${line}`).toEqual(["coords_country_centroid"]);
    }
    const report = importReport(results.get("Spring_2019_Compliance_List.csv")!);
    expect(report.flagged).toBe(1);
    expect(report.rows.find((r) => r.line === 7)).toEqual({ line: 7, name: "Hemp Fortex", outcome: "created", flags: ["coords_outside_province"], reason: "No similar firm: a new organisation" });
  });

  it("rejects what cannot become an organisation, with a reason", () => {
    expect(row("Fall_2017_Compliance_List", 2)).toMatchObject({ outcome: "rejected", reason: { code: "imports.osh.reasons.notInChina", params: { country: "Cambodia" } } });
    expect(row("Fall_2017_Compliance_List", 3)).toMatchObject({ outcome: "rejected", reason: { code: "imports.osh.reasons.unknownProvince" } });
  });

  it("creates nothing new when the lists are resolved again against the result", () => {
    const again = resolveAll(orgs);
    for (const [f, r] of again.results) {
      const first = results.get(f)!;
      expect(r.counts.created, f).toBe(0);
      expect(r.counts.merged, f).toBe(0);
      expect(r.counts.review, f).toBe(first.counts.review);
      expect(r.counts.rejected, f).toBe(first.counts.rejected);
    }
    expect(again.orgs).toEqual(orgs);
  });
});

describe("resolving against existing organisations", () => {
  const existing: OrgRecord = {
    id: "org-1",
    name: "诸城市恒威服装有限公司",
    aliases: [],
    uscc: null,
    provinceAdcode: "370000",
    cityAdcode: "370700",
    countyAdcode: "370782",
    address: null,
    lat: 36.0,
    lng: 119.41,
    sources: [{ field: "name", value: "诸城市恒威服装有限公司", source: "register" }],
  };
  const row = { line: 2, country: "CN", address: "Southern head of east ourter ring, Zhucheng City, 262200, Shandong", lat: 35.9965492, lng: 119.4102688 };

  it("merges a romanised row into a Chinese-named organisation, keeping the name as an alias and every field's source", () => {
    const r = resolveRows([{ ...row, name: "ZHUCHENG HENGWEI CLOTHING CO.LTD" }], [existing], { source: "list.csv" });
    expect(r.rows[0]).toMatchObject({ outcome: "merged", organizationId: "org-1", changes: ["alias", "address"] });
    expect(r.organizations[0]).toMatchObject({ name: "诸城市恒威服装有限公司", aliases: ["ZHUCHENG HENGWEI CLOTHING CO.LTD"], lat: 36.0, address: row.address });
    expect(r.organizations[0]!.sources).toEqual([
      { field: "name", value: "诸城市恒威服装有限公司", source: "register" },
      { field: "alias", value: "ZHUCHENG HENGWEI CLOTHING CO.LTD", source: "list.csv:2" },
      { field: "address", value: row.address, source: "list.csv:2" },
    ]);
    expect(existing.aliases).toEqual([]);
  });

  it("never fills a field the organisation has locked (an owner's), but still keeps the other name as an alias", () => {
    const owned = { ...existing, lat: null, lng: null, locked: ["name", "address", "coordinates"] as const };
    const r = resolveRows([{ ...row, name: "ZHUCHENG HENGWEI CLOTHING CO.LTD" }], [owned], { source: "list.csv" });
    expect(r.rows[0]).toMatchObject({ outcome: "merged", organizationId: "org-1", changes: ["alias"] });
    expect(r.organizations[0]).toMatchObject({ address: null, lat: null, lng: null, aliases: ["ZHUCHENG HENGWEI CLOTHING CO.LTD"] });
    const again = resolveRows([{ ...row, name: "诸城市恒威服装有限公司" }], [owned], { source: "list.csv" });
    expect(again.rows[0]).toMatchObject({ outcome: "unchanged", changes: [] });
  });

  it("uses the unified social credit code as an exact key and flags an invalid one", () => {
    const code = randomValidUscc(() => 0.42);
    const withCode = { ...existing, uscc: code };
    const byCode = resolveRows([{ ...row, name: "Some Other Trading Name", uscc: code.toLowerCase() }], [withCode], { source: "list.csv" });
    expect(byCode.rows[0]).toMatchObject({ outcome: "merged", organizationId: "org-1", reason: { code: "imports.osh.reasons.sameUscc" } });
    const bad = resolveRows([{ ...row, name: "Zhucheng Hengwei Clothing", uscc: "91370000XXXX" }], [existing], { source: "list.csv" });
    expect(bad.rows[0]!.flags).toEqual(["uscc_invalid"]);
    expect(bad.rows[0]!.organizationId).toBe("org-1");
  });

  it("keeps a firm outside Shandong with its province, and a different 字号 next door as a new organisation", () => {
    const r = resolveRows(
      [
        { ...row, line: 2, name: "诸城市恒丰服装有限公司" },
        { line: 3, name: "Dongguan Quality Knitwear Limited", country: "China", address: "Shujiu Village, Changping Town, Dongguan City, Guangdong Province, 523569", lat: 22.98072, lng: 114.01269 },
      ],
      [existing],
      { source: "list.csv", newId: (x) => `new-${x.line}` },
    );
    expect(r.rows.map((x) => [x.outcome, x.organizationId])).toEqual([
      ["created", "new-2"],
      ["created", "new-3"],
    ]);
    expect(r.organizations.find((o) => o.id === "new-3")).toMatchObject({ provinceAdcode: "440000", cityAdcode: null, lat: 22.98072 });
    expect(r.counts).toEqual({ created: 2, merged: 0, review: 0, unchanged: 0, rejected: 0, flagged: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { randomValidUscc } from "../uscc";
import { normaliseAddress, normaliseName } from "./normalise";
import { blockedApart, blockingKeys, compare, lookupKeys, MERGE_THRESHOLD, REVIEW_THRESHOLD, sameCore, type Entity } from "./score";

function entity(name: string | string[], over: Partial<Omit<Entity, "names">> & { addressText?: string } = {}): Entity {
  const { addressText, ...rest } = over;
  return {
    names: (Array.isArray(name) ? name : [name]).map(normaliseName),
    uscc: null,
    provinceAdcode: "370000",
    cityAdcode: "370700",
    countyAdcode: "370782",
    address: addressText ? normaliseAddress(addressText) : null,
    point: null,
    ...rest,
  };
}

const ADDRESS = "山东省诸城市密州街道东外环南首";

describe("thresholds", () => {
  it("merges at 0.8 and reviews from 0.5", () => {
    expect(MERGE_THRESHOLD).toBe(0.8);
    expect(REVIEW_THRESHOLD).toBe(0.5);
  });
});

describe("the unified social credit code", () => {
  it("is an exact key both ways", () => {
    const code = randomValidUscc(() => 0.3);
    const other = randomValidUscc(() => 0.6);
    const same = compare(entity("诸城市恒威服装有限公司", { uscc: code }), entity("Totally Different Name Co", { uscc: code, cityAdcode: null }));
    expect(same).toMatchObject({ score: 1, verdict: "same", rule: "usccEqual" });
    const twin = compare(entity("诸城市恒威服装有限公司", { uscc: code }), entity("诸城市恒威服装有限公司", { uscc: other }));
    expect(twin).toMatchObject({ score: 0, verdict: "different", rule: "usccDiffers" });
  });
});

describe("the trade-name core rule", () => {
  it("keeps apart two Chinese names whose 字号 differ, whatever else they share", () => {
    const point = { lat: 36.0, lng: 119.4 };
    const c = compare(entity("诸城市恒威服装有限公司", { addressText: ADDRESS, point }), entity("诸城市恒丰服装有限公司", { addressText: ADDRESS, point }));
    expect(c.rule).toBe("coreDiffers");
    expect(c.verdict).toBe("different");
    expect(c.score).toBeLessThan(REVIEW_THRESHOLD);
    // Homophones are different characters: 恒伟 is not 恒威 even though both read "hengwei".
    expect(sameCore(normaliseName("恒威服装有限公司"), normaliseName("恒伟服装有限公司"))).toBe(false);
  });

  it("tolerates one slip in a romanised core, not a different number", () => {
    expect(sameCore(normaliseName("Epyllion Style Ltd."), normaliseName("Eypllion Style Ltd."))).toBe(true);
    expect(sameCore(normaliseName("Jiangyin Chenlong Garment Co"), normaliseName("Jiangyin Chenguang Garment Co. Ltd"))).toBe(false);
    expect(sameCore(normaliseName("GP2 Xinfeng Plant Limited"), normaliseName("GP3 Xinfeng Plant Limited"))).toBe(false);
  });

  it("matches a Chinese name with its romanised form through pinyin (addresses in two scripts are not compared)", () => {
    const c = compare(entity("诸城市恒威服装有限公司", { addressText: ADDRESS }), entity("Zhucheng Hengwei Clothing Co Ltd", { addressText: "Southern Head Of East Outer Ring, Zhucheng, Shandong" }));
    expect(c.parts.find((p) => p.part === "core")?.similarity).toBe(1);
    expect(c.parts.map((p) => p.part)).toEqual(["name", "core"]);
    expect(c.verdict).toBe("same");
  });
});

describe("score and explanation", () => {
  it("merges the same factory spelled differently, with parts that explain it", () => {
    const a = entity("Zhongshan Yi Jun Knitting Co Ltd", {
      provinceAdcode: "440000",
      cityAdcode: null,
      countyAdcode: null,
      addressText: "No. 38 Changsheng Street,Souther District,Zhongshan,Guangdong",
      point: { lat: 22.517585, lng: 113.39277 },
    });
    const b = entity("Zhong Shan City Yi Jun Knitwear Co. Ltd.", {
      provinceAdcode: "440000",
      cityAdcode: null,
      countyAdcode: null,
      addressText: "No.38 Changsheng Road 2nd Industrial Area Southern District Zhong Shan City Guangdong China",
      point: { lat: 22.517585, lng: 113.39277 },
    });
    const c = compare(a, b);
    expect(c.verdict).toBe("same");
    expect(c.score).toBeGreaterThanOrEqual(MERGE_THRESHOLD);
    expect(c.parts.map((p) => p.part)).toEqual(["name", "core", "address", "distance"]);
    expect(c.parts.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 2);
    expect(c.parts.find((p) => p.part === "distance")?.detail).toEqual({ km: 0 });
  });

  it("sends a one-sided branch and sites over 100 km apart to review, never to a merge", () => {
    const head = entity("ZhongShan Easy On Garment Manufactory Co. Ltd.", { provinceAdcode: "440000", cityAdcode: null, countyAdcode: null });
    const branch = entity("ZhongShan Easy On Garment Manufactory Co. Ltd. Second Branch", { provinceAdcode: "440000", cityAdcode: null, countyAdcode: null });
    expect(compare(head, branch)).toMatchObject({ verdict: "review", rule: "branchOneSided" });
    const unit3 = entity("Jeans Knit Private Ltd Unit 3");
    const unit4 = entity("Jeans Knit Private Ltd Unit 4");
    expect(compare(unit3, unit4)).toMatchObject({ verdict: "different", rule: "branchDiffers" });
    const far = compare(
      entity("Fujian Jinjiang Huamei Knitting & Clothing Co Ltd", { provinceAdcode: "350000", cityAdcode: null, countyAdcode: null, point: { lat: 23.701262, lng: 117.430061 } }),
      entity("FUJIAN JINJIANG HUAMEI KNITTING AND CLOTHING CO LTD", { provinceAdcode: "350000", cityAdcode: null, countyAdcode: null, point: { lat: 24.7149593, lng: 118.5276345 } }),
    );
    expect(far).toMatchObject({ verdict: "review", rule: "farApart" });
  });

  it("compares against every name an organisation has (aliases too)", () => {
    const org = entity(["诸城市恒威服装有限公司", "Zhucheng Hengwei Clothing Co Ltd"]);
    const c = compare(entity("ZHUCHENG HENGWEI CLOTHING CO.LTD"), org);
    expect(c.parts[0]!.detail.b).toBe("Zhucheng Hengwei Clothing Co Ltd");
    expect(c.parts[0]!.similarity).toBe(1);
  });
});

describe("blocking", () => {
  it("files records by core, the core less one letter and its ending within the province, and by coordinate cell", () => {
    const e = entity("Zhucheng Hengwei Clothing Co Ltd", { point: { lat: 36.0, lng: 119.41 } });
    const keys = blockingKeys(e);
    expect(keys).toEqual(expect.arrayContaining(["c:370000:hengwei", "c:370000:hengwi", "s:370000:engwei", "g:360:1194"]));
    expect(keys).toHaveLength(1 + 7 + 1 + 1);
    // One slip apart still meets under a key; a different 字号 does not.
    const shared = (a: string, b: string) => blockingKeys(entity(a)).filter((k) => blockingKeys(entity(b)).includes(k));
    expect(shared("Epyllion Style Ltd.", "Eypllion Style Ltd.")).toContain("c:370000:eyllionstyle");
    expect(shared("Jiangyin Chenlong Garment Co", "Jiangyin Chenguang Garment Co. Ltd")).toEqual([]);
    // Coordinate cells are looked up only for a name without a core.
    expect(lookupKeys(e).some((k) => k.startsWith("g:"))).toBe(false);
    expect(lookupKeys(entity("Garment Factory Co., Ltd.", { point: { lat: 36.0, lng: 119.41 } })).filter((k) => k.startsWith("g:"))).toHaveLength(9);
  });

  it("keeps apart different provinces and different Shandong cities", () => {
    const qingdao = entity("Qingdao Zhongmian Knitting Co. Ltd", { cityAdcode: "370200", countyAdcode: "370215" });
    const xiajin = entity('Xiajin Zhongmian Knitting Co. Ltd " Branch 1"', { cityAdcode: "371400", countyAdcode: "371427" });
    expect(blockedApart(qingdao, xiajin)).toBe(true);
    expect(blockedApart(qingdao, { ...qingdao, provinceAdcode: "320000", cityAdcode: null })).toBe(true);
    expect(blockedApart(qingdao, { ...qingdao, cityAdcode: null })).toBe(false);
  });
});

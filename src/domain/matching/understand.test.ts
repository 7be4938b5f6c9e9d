import { describe, expect, it } from "vitest";
import { understandDemand, type DemandJson } from "./understand";

const asOf = "2027-01-10";
const u = (input: DemandJson | string, locale?: "zh-CN" | "en") => understandDemand(typeof input === "string" ? { text: input } : input, { asOf, locale });

// The development evaluation set (../shared/eval-dev/demands, labels.json `demands`), copied so the
// tests do not read outside the repository.
const P: Record<string, DemandJson> = {
  P01: { chainLink: "spinning", processes: ["ring_carded"], fibers: ["cotton"], text: "普梳棉纱 C32S 机织用", quantity: { value: 50, unit: "t" }, needBy: "2027-02-20", deliverTo: { cityAdcode: "371700" }, spec: { yarnCountNe: 32 } },
  P02: { text: "烟台 羊毛衫 电脑横机 5000件", quantity: { value: 5000, unit: "pcs" }, needBy: "2027-03-15" },
  P03: { chainLink: "dyeing_printing_finishing", processes: ["digital_printing"], fibers: ["polyester"], text: "polyester digital printing, small batch", quantity: { value: 3000, unit: "m" }, needBy: "2027-02-01", requiredCertifications: ["oeko_tex_100"] },
  P04: { chainLink: "industrial_textiles", processes: ["filter_media"], text: "除尘滤料 针刺毡 500克", quantity: { value: 50000, unit: "m2" }, needBy: "2027-03-01", spec: { gsm: 500 }, deliverTo: { cityAdcode: "370300" }, maxDistanceKm: 250 },
  P05: { chainLink: "garment", processes: ["fob_full_package"], products: ["sportswear"], text: "运动服 包工包料 BSCI", quantity: { value: 40000, unit: "pcs" }, needBy: "2027-04-10", requiredCertifications: ["amfori_bsci"] },
  P06: { chainLink: "spinning", processes: ["open_end_rotor"], fibers: ["cotton"], text: "气流纺 OE16S 300件 毛巾用", quantity: { value: 300, unit: "yarn_bale" }, needBy: "2027-02-25", spec: { yarnCountNe: 16 } },
};

describe("eval-dev demands", () => {
  it("P02 (text only) reads as its labelled intent, 烟台 named", () => {
    const d = u(P.P02!);
    expect(d).toMatchObject({ chainLink: "weaving_knitting", processes: ["flat_knitting"], products: ["knitwear_sweaters"], fibers: ["wool"] });
    expect(d.namedPlaces.map((p) => p.adcode)).toEqual(["370600"]);
    expect(d.deliverTo).toMatchObject({ cityAdcode: "370600" });
    expect(d.sources).toMatchObject({ chainLink: "text", processes: "text", quantity: "structured", deliverTo: "text" });
    expect(d.quantity).toEqual({ value: 5000, unit: "pcs" });
  });

  it("P01 keeps its structured fields and adds only the product the text names", () => {
    const d = u(P.P01!);
    expect(d).toMatchObject({ chainLink: "spinning", processes: ["ring_carded"], fibers: ["cotton"], products: ["yarn"], spec: { yarnCountNe: 32 } });
    expect(d.deliverTo).toEqual({ lat: 35.23, lng: 115.48, cityAdcode: "371700" });
    expect(d.sources).toMatchObject({ chainLink: "structured", processes: "structured", products: "text", "spec.yarnCountNe": "structured" });
  });

  it("P03 keeps the required certificate hard and reads no extra spec", () => {
    const d = u(P.P03!);
    expect(d).toMatchObject({ chainLink: "dyeing_printing_finishing", processes: ["digital_printing"], fibers: ["polyester"], requiredCertifications: ["oeko_tex_100"], softCertifications: [] });
    expect(d.quantity).toEqual({ value: 3000, unit: "m" });
    expect(d.needBy).toBe("2027-02-01");
    expect(d.terms).toEqual(expect.arrayContaining(["polyester", "digital printing"]));
  });

  it("P04: filter media, needle-punched, 500 g/m², 250 km from Zibo", () => {
    const d = u(P.P04!);
    expect(d).toMatchObject({ chainLink: "industrial_textiles", processes: ["filter_media"], products: ["filtration"], spec: { gsm: 500 }, maxDistanceKm: 250 });
    expect(d.deliverTo).toMatchObject({ cityAdcode: "370300" });
  });

  it("P05: BSCI in the text is the required scheme, not an extra one", () => {
    const d = u(P.P05!);
    expect(d).toMatchObject({ chainLink: "garment", processes: ["fob_full_package"], products: ["sportswear"], requiredCertifications: ["amfori_bsci"], softCertifications: [] });
  });

  it("P06: 300 bales of OE yarn for towels — yarn, not towels or wool", () => {
    const d = u(P.P06!);
    expect(d).toMatchObject({ chainLink: "spinning", processes: ["open_end_rotor"], fibers: ["cotton"], products: ["yarn"], spec: { yarnCountNe: 16 } });
    expect(d.quantity).toEqual({ value: 54.432, unit: "t" });
    expect(d.products).not.toContain("towels");
  });
});

describe("structured fields win, text fills the gaps", () => {
  it("never overrides a structured list or spec field with the text", () => {
    const d = u({ chainLink: "spinning", processes: ["ring_compact"], fibers: ["organic_cotton"], text: "C32S 涤纶 300g", spec: { yarnCountNe: 60, gsm: null } });
    expect(d).toMatchObject({ processes: ["ring_compact"], fibers: ["organic_cotton"], spec: { yarnCountNe: 60, gsm: 300 } });
    expect(d.sources).toMatchObject({ "spec.yarnCountNe": "structured", "spec.gsm": "text" });
  });

  it("infers the chain link from structured processes, then products", () => {
    expect(u({ processes: ["digital_printing"] }).chainLink).toBe("dyeing_printing_finishing");
    expect(u({ products: ["towels"] }).chainLink).toBe("home_textiles");
    expect(u({ processes: ["cmt"] }).sources.chainLink).toBe("structured");
  });

  it("converts structured quantities to canonical units", () => {
    expect(u({ chainLink: "spinning", quantity: { value: 10, unit: "万米" } }).quantity).toEqual({ value: 100000, unit: "m" });
    expect(u({ chainLink: "garment", quantity: { value: 2, unit: "wan_pcs" } }).quantity).toEqual({ value: 20000, unit: "pcs" });
  });

  it("keeps a county adcode and given coordinates as they are", () => {
    expect(u({ chainLink: "garment", deliverTo: { cityAdcode: "370215" } }).deliverTo).toEqual({ lat: 36.38, lng: 120.45, cityAdcode: "370215" });
    expect(u({ chainLink: "garment", deliverTo: { lat: 36.38, lng: 120.45 } }).deliverTo).toEqual({ lat: 36.38, lng: 120.45 });
  });

  it("text-mentioned certifications are soft; only structured ones are required", () => {
    const d = u("求购精梳棉纱 JC40S，针织用，需OEKO-TEX、GOTS");
    expect(d.requiredCertifications).toEqual([]);
    expect(d.softCertifications).toEqual(["oeko_tex_100", "gots"]);
  });

  it("ignores junk in list fields", () => {
    const d = u({ processes: ["ring_carded", 3, null, ""] as unknown as string[], text: null });
    expect(d.processes).toEqual(["ring_carded"]);
  });
});

describe("text-only demands, Chinese and English", () => {
  it("the formats example: 求购精梳棉纱 JC40S，针织用，需OEKO-TEX", () => {
    const d = u("求购精梳棉纱 JC40S，针织用，需OEKO-TEX 30吨 3月底前 青岛");
    expect(d).toMatchObject({ chainLink: "spinning", processes: ["ring_combed"], products: ["yarn"], fibers: ["cotton"], spec: { yarnCountNe: 40 } });
    expect(d).toMatchObject({ quantity: { value: 30, unit: "t" }, needBy: "2027-03-31", deliverTo: { cityAdcode: "370200" } });
  });

  it("the same demand in English", () => {
    const d = u("Combed cotton yarn JC40S for knitting, OEKO-TEX, 30 tons before March 31, Qingdao", "en");
    expect(d).toMatchObject({ chainLink: "spinning", processes: ["ring_combed"], products: ["yarn"], fibers: ["cotton"], spec: { yarnCountNe: 40 }, softCertifications: ["oeko_tex_100"] });
    expect(d).toMatchObject({ quantity: { value: 30, unit: "t" }, needBy: "2027-03-31" });
    expect(d.namedPlaces[0]).toMatchObject({ kind: "city", name: "Qingdao" });
  });

  it("件 of yarn is a 181.44 kg bale; 件 of garments is pieces", () => {
    expect(u("C32S 500件").quantity).toEqual({ value: 90.72, unit: "t" });
    expect(u("纱线 100件").quantity).toEqual({ value: 18.144, unit: "t" });
    expect(u("运动服 5万件").quantity).toEqual({ value: 50000, unit: "pcs" });
    expect(u("纱线手套 5000件").quantity).toEqual({ value: 5000, unit: "pcs" });
  });

  it("40S/2 is a two-ply Ne 40 yarn", () => {
    expect(u("精梳 40S/2 股线").spec).toEqual({ yarnCountNe: 40, plies: 2 });
  });

  it("T/C 65/35 and CVC 60/40 give blends and both fibres; T恤 gives no polyester", () => {
    expect(u("T/C 65/35 45S 纱").fibers).toEqual(["polyester", "cotton"]);
    expect(u("CVC 60/40 汗布 180g").spec).toEqual({ blend: [{ fiber: "cotton", pct: 60 }, { fiber: "polyester", pct: 40 }], gsm: 180 });
    expect(u("T恤 5万件 即墨").fibers).toEqual([]);
    expect(u("T恤 5万件 即墨")).toMatchObject({ chainLink: "garment", products: ["knit_apparel"], namedPlaces: [{ kind: "cluster", adcode: "370215" }] });
  });

  it("150D/48F is a filament spec; polyester only when 涤纶 is written", () => {
    expect(u("150D/48F DTY 20吨")).toMatchObject({ chainLink: "fiber", products: ["filament"], fibers: [], spec: { denier: 150, filaments: 48 } });
    expect(u("涤纶 150D/48F DTY").fibers).toEqual(["polyester"]);
  });

  it("12G 羊毛衫 is a gauge and wool knitwear, with no weight", () => {
    const d = u("12G 羊毛衫 海阳 3000件");
    expect(d.spec).toEqual({ gauge: 12 });
    expect(d).toMatchObject({ products: ["knitwear_sweaters"], fibers: ["wool"], quantity: { value: 3000, unit: "pcs" } });
    expect(d.namedPlaces[0]).toMatchObject({ kind: "cluster", adcode: "370687" });
  });

  it("毛巾 is towels (home textiles), never wool", () => {
    const d = u("毛巾 10万条 高密");
    expect(d).toMatchObject({ chainLink: "home_textiles", products: ["towels"], fibers: [] });
    expect(d.namedPlaces[0]).toMatchObject({ adcode: "370785" });
  });

  it("剑麻绳 is sisal rope from Huimin, not linen", () => {
    const d = u("剑麻绳 惠民 100公里内");
    expect(d).toMatchObject({ chainLink: "industrial_textiles", products: ["ropes_nets"], fibers: ["sisal"], maxDistanceKm: 100 });
  });

  it("土工膜 is no textile: no geotextile product or process", () => {
    const d = u("HDPE 土工膜 5万平米");
    expect(d.products).toEqual([]);
    expect(d.processes).toEqual([]);
    expect(d.chainLink).toBeUndefined();
    expect(d.quantity).toEqual({ value: 50000, unit: "m2" });
  });

  it("无纺布 and 天丝 map to nonwovens and lyocell", () => {
    expect(u("天丝 水刺无纺布 40g")).toMatchObject({ chainLink: "industrial_textiles", products: ["nonwovens"], processes: ["spunlace"], fibers: ["lyocell"], spec: { gsm: 40 } });
  });

  it("width and weight: 280cm bedding, 2.8米幅宽", () => {
    expect(u("床品面料 280cm 100万米").spec.widthCm).toBe(280);
    expect(u("2.8米幅宽 100万米")).toMatchObject({ spec: { widthCm: 280 }, quantity: { value: 1000000, unit: "m" } });
  });

  it("infers the chain link: a named link beats a product, knitted-to-shape goods are the knitter's", () => {
    expect(u("家纺四件套 全棉 40S 活性印染")).toMatchObject({ chainLink: "home_textiles", products: ["bedding"], fibers: ["cotton"] });
    expect(u("涤纶 分散染色 5万米")).toMatchObject({ chainLink: "dyeing_printing_finishing", processes: ["disperse_dyeing"], quantity: { value: 50000, unit: "m" } });
    expect(u("sweaters 12gg wool Haiyang 5,000 pcs", "en")).toMatchObject({ chainLink: "weaving_knitting", products: ["knitwear_sweaters"], fibers: ["wool"], spec: { gauge: 12 }, namedPlaces: [{ name: "Haiyang" }] });
    expect(u("needle punched geotextile 200 gsm, 6m wide, 100,000 sqm")).toMatchObject({ chainLink: "industrial_textiles", processes: ["needle_punch"], products: ["geotextiles"], spec: { gsm: 200, widthCm: 600 }, quantity: { value: 100000, unit: "m2" } });
  });

  it("full-width input is folded", () => {
    expect(u("ＪＣ４０Ｓ　２０吨")).toMatchObject({ spec: { yarnCountNe: 40 }, quantity: { value: 20, unit: "t" } });
  });

  it("returns search terms for relevance", () => {
    expect(u("求购精梳棉纱 JC40S 小批量").terms).toEqual(["jc40s", "精梳", "棉", "纱", "小批", "批量"]);
  });
});

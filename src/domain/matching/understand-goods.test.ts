import { describe, expect, it } from "vitest";
import { chainLinks, products } from "@/domain/taxonomy";
import { makingProcesses } from "./text/making";
import { understandDemand } from "./understand";

const asOf = "2027-01-10";
const u = (text: string) => understandDemand({ text }, { asOf });
const withoutParens = (s: string) => s.replace(/\s*[(（][^)）]*[)）]/g, "").trim();

describe("goods named without a process: the process that makes them", () => {
  it("找童装加工厂 针织套装: a garment factory that sews kidswear, not a knitting mill", () => {
    const d = u("找童装加工厂 针织套装 A类 1万件");
    expect(d).toMatchObject({ chainLink: "garment", processes: ["sewing"], quantity: { value: 10000, unit: "pcs" } });
    expect(d.products).toEqual(expect.arrayContaining(["childrenswear", "knit_apparel"]));
    const en = u("kids wear factory, knitted sets, 10,000 pcs");
    expect(en).toMatchObject({ chainLink: "garment", processes: ["sewing"], quantity: { value: 10000, unit: "pcs" } });
    expect(en.products).toEqual(expect.arrayContaining(["childrenswear", "knit_apparel"]));
  });

  it("a named process still wins: 清加工/包工包料 are CMT and full package", () => {
    const d = u("找童装加工厂 针织套装，清加工/包工包料均可");
    expect(d).toMatchObject({ chainLink: "garment" });
    expect(d.processes.sort()).toEqual(["cmt", "fob_full_package"]);
  });

  it("牛仔布 / denim is woven by a denim weaver; dyeing it is the dyer's", () => {
    expect(u("求牛仔布 10oz 弹力")).toMatchObject({ chainLink: "weaving_knitting", processes: ["denim_weaving"], products: ["denim_fabric"], spec: { gsm: 339 } });
    expect(u("denim 12oz stretch, 50,000 m")).toMatchObject({ chainLink: "weaving_knitting", processes: ["denim_weaving"], products: ["denim_fabric"] });
    expect(u("牛仔布 靛蓝染色")).toMatchObject({ chainLink: "dyeing_printing_finishing", processes: ["vat_indigo"], products: ["denim_fabric"] });
  });

  it("府绸坯布 / poplin greige is air-jet weaving of woven fabric", () => {
    const d = u("求购全棉府绸坯布 40×40 133×72 幅宽280cm");
    expect(d).toMatchObject({ chainLink: "weaving_knitting", processes: ["air_jet_loom"], products: ["woven_fabric"], fibers: ["cotton"], spec: { widthCm: 280 } });
    expect(u("cotton poplin greige, 280 cm wide")).toMatchObject({ chainLink: "weaving_knitting", processes: ["air_jet_loom"], products: ["woven_fabric"], fibers: ["cotton"], spec: { widthCm: 280 } });
    expect(u("府绸衬衫 加工 5000件")).toMatchObject({ chainLink: "garment", processes: ["sewing"], products: ["menswear"] });
  });

  it("goods made several ways stay open: 坯布, 纱线, 无纺布, 手套", () => {
    expect(u("坯布 10万米").processes).toEqual([]);
    expect(u("纱线 20吨").processes).toEqual([]);
    expect(u("无纺布 5吨").processes).toEqual([]);
    expect(u("劳保手套 1万双")).toMatchObject({ chainLink: "garment", processes: [], products: ["gloves"] });
    expect(makingProcesses(["childrenswear", "gloves"], "garment")).toEqual([]);
  });

  it("a structured product list adds no process (structured fields win, the text only fills gaps)", () => {
    const d = understandDemand({ chainLink: "garment", products: ["childrenswear"], text: "1万件" }, { asOf });
    expect(d.processes).toEqual([]);
  });

  it("the traps still hold with the new words", () => {
    expect(u("毛巾 10万条")).toMatchObject({ chainLink: "home_textiles", products: ["towels"], processes: ["towels"], fibers: [] });
    expect(u("剑麻绳 惠民")).toMatchObject({ products: ["ropes_nets"], fibers: ["sisal"] });
    expect(u("12G 羊毛衫 180g")).toMatchObject({ chainLink: "weaving_knitting", processes: ["flat_knitting"], spec: { gauge: 12, gsm: 180 } });
    expect(u("JC40S/2 精梳 500件")).toMatchObject({ chainLink: "spinning", spec: { yarnCountNe: 40, plies: 2 }, quantity: { value: 90.72, unit: "t" } });
    expect(u("T恤 童装 加工").fibers).toEqual([]);
    expect(u("T/C 65/35 府绸坯布").fibers.sort()).toEqual(["cotton", "polyester"]);
    const membrane = u("HDPE 土工膜 5万平米");
    expect([membrane.chainLink, membrane.processes, membrane.products]).toEqual([undefined, [], []]);
  });
});

describe("every taxonomy name, Chinese and English, reads as its chain link and process", () => {
  const cases: Array<[string, string, string]> = [];
  for (const link of chainLinks)
    for (const p of link.processes) for (const name of new Set([p.zh, withoutParens(p.zh), p.en, withoutParens(p.en), ...p.aliases])) cases.push([name, link.id, p.id]);

  it.each(cases)("process %s → %s / %s", (name, link, process) => {
    const d = u(`求 ${name} 加工`);
    expect(d.chainLink).toBe(link);
    expect(d.processes).toContain(process);
  });

  const goods: Array<[string, string]> = [];
  for (const p of products) for (const name of new Set([p.zh, p.en, ...p.aliases])) goods.push([name, p.id]);

  it.each(goods)("product %s → %s at one of its chain links, made by its process when it has one", (name, id) => {
    const d = u(`求购 ${name}`);
    const product = products.find((p) => p.id === id)!;
    expect(product.chainLinks).toContain(d.chainLink);
    expect(d.products).toContain(id);
    const making = makingProcesses([id], d.chainLink);
    if (making.length) expect(d.processes).toEqual(expect.arrayContaining(making));
  });
});

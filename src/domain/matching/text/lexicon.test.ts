import { describe, expect, it } from "vitest";
import { innerFibers, segment, type LexHit } from "./lexicon";
import { foldText } from "./normalize";

const hits = (text: string, kind: LexHit["kind"]) =>
  [...new Set(segment(foldText(text)).matches.flatMap((m) => m.hits.filter((h) => h.kind === kind).map((h) => h.id)))];

describe("dictionary segmentation", () => {
  it("maps names and aliases of processes, products, fibres and chain links", () => {
    expect(hits("电脑横机", "process")).toEqual(["flat_knitting"]);
    expect(hits("气流纺", "process")).toEqual(["open_end_rotor"]);
    expect(hits("包工包料", "process")).toEqual(["fob_full_package"]);
    expect(hits("digital printing", "process")).toEqual(["digital_printing"]);
    expect(hits("运动服", "product")).toEqual(["sportswear"]);
    expect(hits("无纺布", "product")).toEqual(["nonwovens"]);
    expect(hits("Nonwovens", "product")).toEqual(["nonwovens"]);
    expect(hits("印染", "chainLink")).toEqual(["dyeing_printing_finishing"]);
    expect(hits("Spinning", "chainLink")).toEqual(["spinning"]);
  });

  it("knows fibre synonyms: 涤纶 = polyester = PET, 天丝 = lyocell = Tencel", () => {
    for (const t of ["涤纶", "Polyester", "PET", "聚酯"]) expect(hits(t, "fiber"), t).toEqual(["polyester"]);
    for (const t of ["天丝", "莱赛尔", "Lyocell", "TENCEL"]) expect(hits(t, "fiber"), t).toEqual(["lyocell"]);
    expect(hits("有机棉", "fiber")).toEqual(["organic_cotton"]);
  });

  it("毛巾 is a towel, not wool; 毛衫 is knitwear, not wool", () => {
    expect(hits("毛巾", "fiber")).toEqual([]);
    expect(hits("毛巾", "product")).toEqual(["towels"]);
    expect(hits("毛巾被", "fiber")).toEqual([]);
    expect(hits("毛衫", "fiber")).toEqual([]);
    expect(hits("羊毛", "fiber")).toEqual(["wool"]);
  });

  it("剑麻 is sisal, not linen; 麻 alone is nothing", () => {
    expect(hits("剑麻", "fiber")).toEqual(["sisal"]);
    expect(hits("亚麻", "fiber")).toEqual(["linen"]);
    expect(hits("麻布", "fiber")).toEqual([]);
    expect(hits("剑杆织机", "fiber")).toEqual([]);
  });

  it("土工膜 is a geomembrane: no textile product, no geotextile", () => {
    const seg = segment(foldText("复合土工膜 5000平米"));
    expect(seg.matches.flatMap((m) => m.hits).every((h) => h.kind === "block")).toBe(true);
    expect(hits("土工膜", "product")).toEqual([]);
    expect(hits("土工布", "product")).toEqual(["geotextiles"]);
  });

  it("Latin aliases match whole words only", () => {
    expect(hits("PA6 切片", "fiber")).toEqual([]);
    expect(hits("PA 66", "fiber")).toEqual(["nylon"]);
    expect(hits("open", "fiber")).toEqual([]);
    expect(hits("T恤", "product")).toEqual(["knit_apparel"]);
  });

  it("reads certification names, acronyms and Chinese names", () => {
    expect(hits("需OEKO-TEX认证", "certification")).toEqual(["oeko_tex_100"]);
    expect(hits("oeko tex step", "certification")).toEqual(["oeko_tex_step"]);
    expect(hits("GOTS GRS BCI BSCI", "certification")).toEqual(["gots", "grs", "better_cotton", "amfori_bsci"]);
    expect(hits("全球回收标准", "certification")).toEqual(["grs"]);
    expect(hits("ISO 9001 and iso14001", "certification")).toEqual(["iso_9001", "iso_14001"]);
  });

  it("reads cities, counties and cluster seats with and without their suffix", () => {
    const places = (t: string) => segment(foldText(t)).matches.flatMap((m) => m.hits.map((h) => h.place)).filter(Boolean);
    expect(places("即墨")).toEqual([{ kind: "cluster", adcode: "370215", name: "即墨区", lat: 36.38, lng: 120.45 }]);
    expect(places("海阳 高密 惠民 邹平").map((p) => p?.adcode)).toEqual(["370687", "370785", "371621", "371626"]);
    expect(places("烟台市")[0]).toMatchObject({ kind: "city", adcode: "370600" });
    expect(places("Qingdao")[0]).toMatchObject({ kind: "city", adcode: "370200" });
    expect(places("胶州")[0]).toMatchObject({ kind: "county", adcode: "370281" });
  });

  it("marks end uses: 毛巾用 says what the yarn is for", () => {
    const [m] = segment(foldText("毛巾用")).matches;
    expect(m).toMatchObject({ surface: "毛巾", endUse: true });
    expect(segment(foldText("yarn for towels")).matches.at(-1)).toMatchObject({ endUse: true });
    expect(segment(foldText("毛巾")).matches[0]?.endUse).toBe(false);
  });

  it("terms: dictionary words, leftover CJK bigrams and Latin words", () => {
    expect(segment(foldText("求购精梳棉纱 小批量")).terms).toEqual(["精梳", "棉", "纱", "小批", "批量"]);
    expect(segment(foldText("Polyester digital printing, small batch")).terms).toEqual(["polyester", "digital printing", "small", "batch"]);
  });

  it("finds fibres inside product words (羊毛衫 → wool, 羊绒衫 → cashmere)", () => {
    expect(innerFibers("羊毛衫")).toEqual(["wool"]);
    expect(innerFibers("羊绒衫")).toEqual(["cashmere"]);
    expect(innerFibers("毛巾")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { halfWidth } from "./normalize";
import { readShorthand } from "./shorthand";

const read = (text: string) => readShorthand(halfWidth(text));

describe("yarn codes", () => {
  it("JC40S is combed cotton Ne 40", () => {
    const r = read("求购 JC40S 针织用");
    expect(r.spec.yarnCountNe).toBe(40);
    expect(r.fibers).toEqual(["cotton"]);
    expect(r.spinningProcesses).toEqual(["ring_combed"]);
    expect(r.products).toEqual(["yarn"]);
    expect(r.rest).not.toContain("JC40S");
  });

  it("C32S is carded cotton, OE10S open-end, R30S viscose", () => {
    expect(read("C32S")).toMatchObject({ spec: { yarnCountNe: 32 }, fibers: ["cotton"], spinningProcesses: ["ring_carded"] });
    expect(read("OE10S")).toMatchObject({ spec: { yarnCountNe: 10 }, fibers: [], spinningProcesses: ["open_end_rotor"] });
    expect(read("R30S")).toMatchObject({ spec: { yarnCountNe: 30 }, fibers: ["viscose"], spinningProcesses: [] });
  });

  it("accepts full-width, lower case and spaced codes", () => {
    expect(read("ＪＣ４０Ｓ").spec.yarnCountNe).toBe(40);
    expect(read("jc 40s").spinningProcesses).toEqual(["ring_combed"]);
    expect(read("combed cotton Ne 40").spec.yarnCountNe).toBe(40);
    expect(read("40支精梳").spec.yarnCountNe).toBe(40);
  });

  it("reads the warp count of woven notation without calling the fabric a yarn", () => {
    const r = read('C40×C40 133×72 57/58"');
    expect(r.spec).toMatchObject({ yarnCountNe: 40, widthCm: 147.3 });
    expect(r.fibers).toEqual(["cotton"]);
    expect(r.products).toEqual([]);
  });

  it("40S/2 is two-ply Ne 40, not Ne 2 or Ne 20", () => {
    expect(read("40S/2").spec).toEqual({ yarnCountNe: 40, plies: 2 });
    expect(read("32支/2").spec).toEqual({ yarnCountNe: 32, plies: 2 });
    expect(read("Ne 30/2").spec).toEqual({ yarnCountNe: 30, plies: 2 });
    expect(read("40S").spec.plies).toBeUndefined();
  });
});

describe("blend codes", () => {
  it("T/C 65/35 is polyester 65 / cotton 35", () => {
    const r = read("T/C 65/35 45S");
    expect(r.spec.blend).toEqual([{ fiber: "polyester", pct: 65 }, { fiber: "cotton", pct: 35 }]);
    expect(r.fibers).toEqual(["polyester", "cotton"]);
    expect(r.spec.yarnCountNe).toBe(45);
  });

  it("CVC 60/40 is chief value cotton: cotton first", () => {
    expect(read("CVC 60/40").spec.blend).toEqual([{ fiber: "cotton", pct: 60 }, { fiber: "polyester", pct: 40 }]);
    expect(read("CVC").fibers).toEqual(["cotton", "polyester"]);
  });

  it("T65/C35, TC 65/35 and T/R 65/35 read the same way", () => {
    expect(read("T65/C35").spec.blend).toEqual([{ fiber: "polyester", pct: 65 }, { fiber: "cotton", pct: 35 }]);
    expect(read("TC 65/35").spec.blend).toEqual([{ fiber: "polyester", pct: 65 }, { fiber: "cotton", pct: 35 }]);
    expect(read("T/R 65/35").fibers).toEqual(["polyester", "viscose"]);
  });

  it("a single T or C outside a code is no fibre", () => {
    expect(read("T恤 5万件").fibers).toEqual([]);
    expect(read("size C, grade T").fibers).toEqual([]);
    expect(read("C级品").fibers).toEqual([]);
  });
});

describe("filament counts", () => {
  it("150D/48F is denier and filaments of a filament yarn, polyester only when stated", () => {
    const r = read("150D/48F DTY");
    expect(r.spec).toMatchObject({ denier: 150, filaments: 48 });
    expect(r.products).toEqual(["filament"]);
    expect(r.fibers).toEqual([]);
    expect(read("75旦").spec.denier).toBe(75);
  });
});

describe("weight, gauge and width", () => {
  it("300g, 300gsm, 300克, 300 g/m² and 克重300 are fabric weights", () => {
    for (const t of ["300g", "300gsm", "300 GSM", "300克", "300 g/m²", "300克/平方米", "克重300", "３００克"]) expect(read(t).spec.gsm, t).toBe(300);
  });

  it("12G and 12针 are a knitting gauge, not a weight; 180g and 180G are weights", () => {
    expect(read("12G 毛衫").spec).toEqual({ gauge: 12 });
    expect(read("12针").spec).toEqual({ gauge: 12 });
    expect(read("28G 单面 180g").spec).toEqual({ gauge: 28, gsm: 180 });
    expect(read("180G").spec).toEqual({ gsm: 180 });
    expect(read("gauge 7").spec).toEqual({ gauge: 7 });
  });

  it("denim ounces convert to g/m²", () => {
    expect(read("12oz 牛仔布").spec.gsm).toBe(407);
  });

  it("280cm, 2.8米幅宽, 门幅280, width 2.8 m and 57/58\" are widths", () => {
    expect(read("280cm").spec.widthCm).toBe(280);
    expect(read("2.8米幅宽").spec.widthCm).toBe(280);
    expect(read("门幅280").spec.widthCm).toBe(280);
    expect(read("幅宽：2.8米").spec.widthCm).toBe(280);
    expect(read("width 2.8 m").spec.widthCm).toBe(280);
    expect(read('57/58"').spec.widthCm).toBe(147.3);
  });

  it("masks what it read so a width is not read again as a length", () => {
    expect(read("2.8米幅宽").rest.trim()).toBe("");
  });
});

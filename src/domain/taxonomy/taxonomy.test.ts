import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  certificationSchemes,
  chainLinkIds,
  chainLinks,
  countiesOf,
  defaultCoordinates,
  fiberAncestors,
  fiberIsA,
  fibers,
  findByName,
  getCertification,
  getChainLink,
  getCity,
  getCounty,
  getFiber,
  getProcess,
  getProduct,
  getProvince,
  impliedProcesses,
  inShandongBbox,
  isSmeLevel,
  localName,
  processCovers,
  processesOf,
  processIds,
  productIds,
  products,
  provinceAdcodes,
  provinces,
  safetyClasses,
  SHANDONG_ADCODE,
  shandongCities,
  smeLevelIds,
  smeLevels,
  taxonomy,
} from ".";

const unique = (values: string[]) => new Set(values).size === values.length;

describe("data integrity", () => {
  it("has unique ids in every list", () => {
    expect(unique(chainLinkIds)).toBe(true);
    expect(unique(processIds)).toBe(true);
    expect(unique(fibers.map((f) => f.id))).toBe(true);
    expect(unique(productIds)).toBe(true);
    expect(unique(certificationSchemes.map((c) => c.id))).toBe(true);
    expect(unique(provinceAdcodes)).toBe(true);
    expect(unique(taxonomy.shandong.counties.map((c) => c.adcode))).toBe(true);
  });

  it("only references ids that exist", () => {
    const links = new Set(chainLinkIds);
    const rates = new Set(taxonomy.units.rates.map((r) => r.id));
    const equipment = new Set(taxonomy.units.equipment.map((e) => e.id));
    const processSet = new Set(processIds);
    const productSet = new Set(productIds);
    const dangling: string[] = [];
    const need = (ok: boolean, what: string) => ok || dangling.push(what);
    for (const { process } of processIds.map((id) => getProcess(id)!)) {
      process.capacityUnits.forEach((u) => need(rates.has(u), `${process.id} capacity ${u}`));
      process.equipmentUnits.forEach((u) => need(equipment.has(u), `${process.id} equipment ${u}`));
      process.implies?.forEach((p) => need(processSet.has(p), `${process.id} implies ${p}`));
    }
    for (const owner of [...certificationSchemes, ...products, ...taxonomy.hsChapters, ...shandongCities]) {
      owner.chainLinks.forEach((l) => need(links.has(l), `chain link ${l}`));
    }
    fibers.forEach((f) => need(f.parent === undefined || getFiber(f.parent) !== undefined, `fibre parent ${f.parent}`));
    for (const county of taxonomy.shandong.counties) {
      need(getCity(county.cityAdcode) !== undefined, `county ${county.adcode} city`);
      need(county.adcode.slice(0, 4) === county.cityAdcode.slice(0, 4), `county ${county.adcode} prefix`);
      county.products.forEach((p) => need(productSet.has(p), `county ${county.adcode} product ${p}`));
    }
    taxonomy.shandong.markets.forEach((m) => need(getCity(m.cityAdcode) !== undefined, `market ${m.zh}`));
    expect(dangling).toEqual([]);
  });

  it("places every Shandong city, county and cluster inside the province's bounding box", () => {
    const points = [
      ...shandongCities,
      ...taxonomy.shandong.counties,
      ...shandongCities.flatMap((c) => c.localClusters),
      getProvince(SHANDONG_ADCODE)!,
    ];
    expect(points.filter((p) => !inShandongBbox(p.lat, p.lng))).toEqual([]);
  });
});

describe("chain links and processes", () => {
  it("lists the eight links in chain order", () => {
    expect(chainLinks.map((c) => c.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(chainLinkIds[0]).toBe("fiber");
    expect(chainLinkIds).toContain("garment");
    expect(getChainLink("garment")?.zh).toBe("服装加工");
    expect(getChainLink("nope")).toBeUndefined();
  });

  it("finds processes and their chain link", () => {
    expect(processesOf("spinning").map((p) => p.id)).toContain("ring_combed");
    expect(processesOf("nope")).toEqual([]);
    const hit = getProcess("open_end_rotor");
    expect(hit?.chainLink.id).toBe("spinning");
    expect(hit?.process.equipmentUnits).toEqual(["rotors"]);
    expect(getProcess("nope")).toBeUndefined();
  });

  it("follows process implications transitively", () => {
    expect(impliedProcesses("odm").sort()).toEqual(["cmt", "fob_full_package", "sewing"]);
    expect(impliedProcesses("fob_full_package").sort()).toEqual(["cmt", "sewing"]);
    expect(impliedProcesses("sewing")).toEqual([]);
    expect(processCovers("odm", "cmt")).toBe(true);
    expect(processCovers("cmt", "odm")).toBe(false);
    expect(processCovers("embroidery", "embroidery")).toBe(true);
  });
});

describe("fibres", () => {
  it("walks the parent chain", () => {
    expect(fiberAncestors("organic_cotton").map((f) => f.id)).toEqual(["cotton"]);
    expect(fiberAncestors("cotton")).toEqual([]);
    expect(fiberAncestors("nope")).toEqual([]);
  });

  it("answers is-a questions", () => {
    expect(fiberIsA("recycled_polyester", "polyester")).toBe(true);
    expect(fiberIsA("cotton", "cotton")).toBe(true);
    expect(fiberIsA("polyester", "recycled_polyester")).toBe(false);
    expect(fiberIsA("cotton", "polyester")).toBe(false);
    expect(fiberIsA("nope", "nope")).toBe(false);
  });
});

describe("names", () => {
  it("localises entries with en, with only a scheme name, and with zh only", () => {
    const gots = getCertification("gots")!;
    expect(localName(gots, "en")).toBe("Global Organic Textile Standard (GOTS)");
    expect(localName(gots, "zh-CN")).toBe("全球有机纺织品标准");
    expect(localName(getChainLink("spinning")!, "en")).toBe("Spinning (yarn)");
    expect(localName({ zh: "只有中文" }, "en")).toBe("只有中文");
  });

  it("finds entries by name or alias, exact names before aliases", () => {
    expect(findByName(fibers, "天丝")?.id).toBe("lyocell");
    expect(findByName(fibers, "ＰＥＴ")?.id).toBe("polyester");
    expect(findByName(fibers, " tencel ")?.id).toBe("lyocell");
    expect(findByName(products, "被芯")?.id).toBe("duvets");
    expect(findByName(products, "Yarn")?.id).toBe("yarn");
    expect(findByName(products, "spaceship")).toBeUndefined();
    expect(findByName(products, "")).toBeUndefined();
    expect(getProduct("hanfu")?.zh).toBe("汉服");
  });
});

describe("SME levels and id lists", () => {
  it("recognises SME levels and gives each an English name", () => {
    expect(smeLevelIds).toEqual(["innovative_sme", "provincial_specialized", "little_giant", "single_champion"]);
    expect(isSmeLevel("little_giant")).toBe(true);
    expect(isSmeLevel("giant")).toBe(false);
    expect(isSmeLevel(undefined)).toBe(false);
    for (const level of smeLevels) expect(localName(level, "en")).toMatch(/^[\x20-\x7e“”]+$/);
  });

  it("works as zod enum values", () => {
    const schema = z.enum(smeLevelIds);
    expect(schema.parse("innovative_sme")).toBe("innovative_sme");
    expect(schema.safeParse("nope").success).toBe(false);
    expect(z.enum(chainLinkIds).safeParse("garment").success).toBe(true);
    expect(z.enum(provinceAdcodes).safeParse(SHANDONG_ADCODE).success).toBe(true);
  });

  it("has the three GB 18401 safety classes", () => {
    expect(safetyClasses.map((s) => s.id)).toEqual(["gb18401_a", "gb18401_b", "gb18401_c"]);
  });
});

describe("geography", () => {
  it("has all 34 provincial divisions and Shandong's 16 cities", () => {
    expect(provinces).toHaveLength(34);
    expect(getProvince(SHANDONG_ADCODE)?.zh).toBe("山东");
    expect(getProvince("999999")).toBeUndefined();
    expect(shandongCities).toHaveLength(16);
    expect(shandongCities.every((c) => c.adcode.startsWith("37") && c.adcode.endsWith("00"))).toBe(true);
    expect(getCity("370200")?.en).toBe("Qingdao");
    expect(getCity("310000")).toBeUndefined();
  });

  it("lists a city's counties", () => {
    const weifang = countiesOf("370700");
    expect(weifang.map((c) => c.zh)).toContain("高密市");
    expect(weifang.every((c) => c.cityAdcode === "370700")).toBe(true);
    expect(countiesOf("371100")).toEqual([]);
    expect(getCounty("370215")?.cityAdcode).toBe("370200");
    expect(getCounty("370200")).toBeUndefined();
  });

  it("picks the most precise consistent centre for default coordinates", () => {
    const jimo = getCounty("370215")!;
    const qingdao = getCity("370200")!;
    const shandong = getProvince(SHANDONG_ADCODE)!;
    const place = { provinceAdcode: SHANDONG_ADCODE };
    expect(defaultCoordinates({ ...place, cityAdcode: "370200", countyAdcode: "370215" })).toEqual({ lat: jimo.lat, lng: jimo.lng });
    expect(defaultCoordinates({ ...place, countyAdcode: "370215" })).toEqual({ lat: jimo.lat, lng: jimo.lng });
    expect(defaultCoordinates({ ...place, cityAdcode: "370200" })).toEqual({ lat: qingdao.lat, lng: qingdao.lng });
    // An unlisted county falls back to its city.
    expect(defaultCoordinates({ ...place, cityAdcode: "370200", countyAdcode: "370203" })).toEqual({ lat: qingdao.lat, lng: qingdao.lng });
    // A county from another city is ignored rather than trusted.
    expect(defaultCoordinates({ ...place, cityAdcode: "370200", countyAdcode: "370785" })).toEqual({ lat: qingdao.lat, lng: qingdao.lng });
    expect(defaultCoordinates(place)).toEqual({ lat: shandong.lat, lng: shandong.lng });
    const jiangsu = getProvince("320000")!;
    expect(defaultCoordinates({ provinceAdcode: "320000", cityAdcode: "370200" })).toEqual({ lat: jiangsu.lat, lng: jiangsu.lng });
    expect(defaultCoordinates({ provinceAdcode: "999999" })).toBeNull();
  });

  it("tests the Shandong bounding box", () => {
    expect(inShandongBbox(36.67, 116.98)).toBe(true); // Jinan
    expect(inShandongBbox(31.23, 121.47)).toBe(false); // Shanghai
    expect(inShandongBbox(116.98, 36.67)).toBe(false); // lat/lng swapped
  });
});

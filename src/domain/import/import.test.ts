import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsvText } from "./csv";
import { decodeText } from "./decode";
import { groupRows, parseDay, readListingsSheet, validateSheet, ImportRefusal, type SheetData } from "./index";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, "__fixtures__", name)));
const validate = async (name: string) => validateSheet(await readListingsSheet(fixture(name)));

const HEADER = "ref,company_name,company_uscc,city_adcode,chain_link,processes,title,capacity_value,capacity_unit";
const sheetOf = (csv: string): SheetData => ({ encoding: "utf-8", ...parseCsvText(csv) });

describe("reading Listings files", () => {
  it("reads UTF-8, UTF-8 with BOM, GB18030 and XLSX into the same rows", async () => {
    const utf8 = await validate("listings-utf8.csv");
    expect(utf8.encoding).toBe("utf-8");
    expect(utf8.errors).toEqual([]);
    expect(utf8.rows.map((r) => r.ref)).toEqual(["QD-SP-0001", "QD-SP-0002", "HY-SW-0001"]);
    for (const [name, encoding] of [
      ["listings-utf8-bom.csv", "utf-8-bom"],
      ["listings-gb18030.csv", "gb18030"],
      ["listings.xlsx", "xlsx"],
    ] as const) {
      const other = await validate(name);
      expect(other.encoding, name).toBe(encoding);
      expect(other.errors, name).toEqual([]);
      expect(other.rows, name).toEqual(utf8.rows);
    }
    // GB18030 bytes really are not UTF-8: the Chinese company name survives decoding.
    expect(decodeText(fixture("listings-gb18030.csv")).text).toContain("即墨精纺纱业有限公司");
  });

  it("maps a full row to canonical values, the site and the certifications", async () => {
    const { rows } = await validate("listings-utf8.csv");
    const [first, second, third] = rows;
    expect(first!.company).toMatchObject({ name: "即墨精纺纱业有限公司", uscc: "91370215MA3C4QK7XL", type: "sme", specializedSme: true, cityAdcode: "370200", countyAdcode: "370215" });
    expect(first!.site).toMatchObject({ address: "青岛市即墨区 鹤山路 8 号", lat: 36.38, lng: 120.45 });
    expect(first!.listing).toMatchObject({
      chainLink: "spinning",
      processes: ["ring_combed", "ring_compact"],
      capacityValue: 300,
      capacityUnit: "t_per_month",
      capacityInputUnit: "吨/月",
      moqValue: 5,
      moqUnit: "t",
      equipment: [{ unit: "spindles", count: 50000 }],
      priceValue: 28000,
      priceTaxIncluded: true,
    });
    expect(first!.certifications).toEqual([{ schemeId: "oeko_tex_100", validTo: "2027-03-31" }]);
    expect(second!.listing).toMatchObject({ kind: "capacity", availableFrom: "2027-01-01", availableTo: "2027-03-31", title: "空闲产能：普梳纱, C32S" });
    expect(second!.certifications).toEqual([
      { schemeId: "oeko_tex_100", validTo: "2027-03-31" },
      { schemeId: "gots", validTo: null },
    ]);
    // 20 万件/年 → pieces per month; a city given by its county name.
    expect(third!.listing).toMatchObject({ capacityUnit: "pcs_per_month", capacityValue: 16666.6666667, moqUnit: "pcs" });
    expect(third!.company).toMatchObject({ type: "anchor", cityAdcode: "370600", countyAdcode: "370687" });
  });

  it("keeps the physical line of each row across quoted line breaks and blank lines, and warns about unknown columns", async () => {
    const v = await validate("multiline-unknown-column.csv");
    expect(v.rows.map((r) => [r.line, r.ref])).toEqual([[2, "ML-1"]]);
    expect(v.rows[0]!.listing.description).toBe("第一行\n第二行\n第三行");
    expect(v.errors).toEqual([expect.objectContaining({ line: 6, column: "capacity_value", code: "validation.positive" })]);
    expect(v.warnings).toEqual([expect.objectContaining({ line: 1, column: "colour", code: "imports.reasons.unknownColumn" })]);
  });

  it("accepts columns in any order and header names in any case", () => {
    const v = validateSheet(sheetOf("Capacity_Unit,TITLE,capacity_value,processes,chain_link,city_adcode,company_name,ref\n万米/月,坯布,30,air_jet_loom,weaving_knitting,370300,淄博织造有限公司,W-1\n"));
    expect(v.errors).toEqual([]);
    expect(v.rows[0]!.listing).toMatchObject({ capacityValue: 300000, capacityUnit: "m_per_month", title: "坯布" });
  });

  it.each([
    ["refused-binary.csv", "binary"],
    ["refused-empty.csv", "empty"],
    ["refused-missing-columns.csv", "missingColumns"],
  ])("refuses %s whole (%s)", async (name, reason) => {
    await expect(readListingsSheet(fixture(name)).then(validateSheet)).rejects.toMatchObject({ name: "ImportRefusal", reason });
  });

  it("refuses a header-less file, a file over 50 MB and broken quoting", async () => {
    await expect(readListingsSheet(new TextEncoder().encode("\n\n\n"))).rejects.toMatchObject({ reason: "noHeader" });
    const big = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x41);
    await expect(readListingsSheet(big)).rejects.toMatchObject({ reason: "tooLarge" });
    await expect(readListingsSheet(new TextEncoder().encode(`${HEADER}\n"unterminated,x\n`))).rejects.toBeInstanceOf(ImportRefusal);
  });
});

describe("row rejections (one bad file per reason; the good row still passes)", () => {
  it.each([
    ["bad-unknown-process.csv", "processes", "validation.processUnknown", "warp_drive"],
    ["bad-process-other-link.csv", "processes", "validation.processOtherLink", "cmt"],
    ["bad-unit.csv", "capacity_unit", "validation.rateUnit", "furlongs/fortnight"],
    ["bad-uscc.csv", "company_uscc", "validation.uscc.checksum", "91370687MA3D8RT2N9"],
    ["bad-negative.csv", "capacity_value", "validation.positive", "-5"],
    ["bad-absurd.csv", "moq_value", "validation.tooLarge", "1e15"],
    ["bad-date.csv", "available_from", "validation.date", "2027-02-30"],
    ["bad-repeated-ref.csv", "ref", "imports.reasons.duplicateRef", "BAD-OK-1"],
    ["bad-unknown-city.csv", "city_adcode", "imports.reasons.unknownCity", "Atlantis"],
  ])("%s → line 3, %s, %s", async (name, column, code, value) => {
    const v = await validate(name);
    expect(v.rows.map((r) => r.line)).toEqual([2]);
    expect(v.rejectedLines).toEqual([3]);
    expect(v.errors[0]).toMatchObject({ line: 3, column, code, params: expect.objectContaining({ value }) });
    expect(v.errors[0]!.message).toMatch(/^[A-Z].+/);
    expect(v.errors[0]!.message).not.toContain("validation.");
  });

  it("reports both bad window dates without a spurious 'window required'", async () => {
    const v = await validate("bad-date.csv");
    expect(v.errors.map((e) => e.column)).toEqual(["available_from", "available_to"]);
  });
});

describe("grouping and company conflicts", () => {
  const csv = [
    `${HEADER},company_type`,
    "A-1,海阳毛衫有限公司,,海阳,garment,cmt,羊毛衫,100,件/天,sme",
    "A-2,海阳毛衫有限公司 ,,370687,garment,sewing,羊毛衫,100,件/天,anchor",
    "A-3,海阳毛衫有限公司,,370200,garment,sewing,另一城市同名,100,件/天,",
    "A-4,Other Name,91370687MA3D8RT2N8,370687,garment,cmt,x1,100,件/天,",
    "A-5,Renamed Co,91370687MA3D8RT2N8,370687,garment,cmt,x2,100,件/天,",
  ].join("\n");

  it("groups by USCC, else by normalised name and city; the last row wins with a warning", () => {
    const v = validateSheet(sheetOf(csv));
    expect(v.errors).toEqual([]);
    const groups = [...groupRows(v.rows).values()];
    expect(groups.map((g) => g.rows.map((r) => r.ref))).toEqual([["A-1", "A-2"], ["A-3"], ["A-4", "A-5"]]);
    expect(groups[0]!.company.type).toBe("anchor");
    expect(groups[2]!.company.name).toBe("Renamed Co");
    expect(v.warnings.map((w) => [w.line, w.column, w.code])).toEqual([
      [3, "company_type", "imports.reasons.companyConflict"],
      [6, "company_name", "imports.reasons.companyConflict"],
    ]);
  });

  it("folds full-width characters in names and codes", () => {
    const v = validateSheet(sheetOf(`${HEADER}\nB-1,ＡＢＣ纺织　有限公司,９１３７０６８７ＭＡ３Ｄ８ＲＴ２Ｎ８,370687,spinning,ring_combed,棉纱,1,吨/月\n`));
    expect(v.errors).toEqual([]);
    expect(v.rows[0]!.company).toMatchObject({ name: "ABC纺织 有限公司", uscc: "91370687MA3D8RT2N8" });
  });
});

describe("dates", () => {
  it("accepts ISO and Excel-style dates and refuses days that do not exist", () => {
    expect(parseDay("2027-3-1")).toBe("2027-03-01");
    expect(parseDay("2027/03/31")).toBe("2027-03-31");
    expect(parseDay("2027年3月31日")).toBe("2027-03-31");
    expect(parseDay("2027-02-29")).toBe("bad");
    expect(parseDay("next week")).toBe("bad");
    expect(parseDay(" ")).toBeUndefined();
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportRefusal } from "../import/types";
import { parseOshList } from "./osh";

const DIR = path.join(__dirname, "__fixtures__", "opensupplyhub");
const lists = fs.readdirSync(DIR).filter((f) => f.endsWith(".csv")).sort();
const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading Open Supply Hub lists", () => {
  it("reads every real list: 932 facilities on their physical lines, none rejected", () => {
    expect(lists).toHaveLength(14);
    let total = 0;
    for (const f of lists) {
      const parsed = parseOshList(new Uint8Array(fs.readFileSync(path.join(DIR, f))));
      expect(parsed.errors, f).toEqual([]);
      expect(parsed.rows.length, f).toBe(parsed.totalRows);
      total += parsed.rows.length;
    }
    expect(total).toBe(932);
    const rushan = parseOshList(new Uint8Array(fs.readFileSync(path.join(DIR, "Spring_2019_Compliance_List.csv")))).rows.find((r) => r.name === "Hemp Fortex");
    expect(rushan).toEqual({
      line: 7,
      country: "China",
      name: "Hemp Fortex",
      address: "No 808, Shujing Village, Chendong industrial zone Dagushan Town Rushan City, Shandong Province",
      sector: "Apparel",
      lat: 36.599744,
      lng: 101.803717,
    });
  });

  it("reads a Chinese list saved as GB18030 or with a BOM", () => {
    const text = "country,name,address,sector,lat,lng\r\n中国,青岛即发集团股份有限公司,山东省青岛市即墨区黄河二路,服装,36.38,120.45\r\n";
    const gb = Uint8Array.from([
      ...bytes("country,name,address,sector,lat,lng\r\n"),
      // "中国,青岛" in GB18030, then the rest ASCII: enough to prove the decoder.
      0xd6, 0xd0, 0xb9, 0xfa, 0x2c, 0xc7, 0xe0, 0xb5, 0xba,
      ...bytes(",,,36.38,120.45\r\n"),
    ]);
    const parsedGb = parseOshList(gb);
    expect(parsedGb.encoding).toBe("gb18030");
    expect(parsedGb.rows[0]).toMatchObject({ country: "中国", name: "青岛", lat: 36.38 });
    const bom = parseOshList(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes(text)]));
    expect(bom.encoding).toBe("utf-8-bom");
    expect(bom.rows[0]).toMatchObject({ line: 2, name: "青岛即发集团股份有限公司", lng: 120.45 });
  });

  it("rejects rows without a name or with unreadable numbers, with i18n reason codes", () => {
    const parsed = parseOshList(
      bytes(
        [
          "Country,Name,Address,Sector,Lat,Lng,Website",
          "China,,Somewhere,Apparel,30,120,",
          "China,Good Co,Somewhere,Apparel,abc,120,",
          "China,Far North,Somewhere,Apparel,95,120,",
          "China,Half Co,Somewhere,Apparel,30,,",
          ",No Country,Somewhere,Apparel,,,",
          "China,Fine Co,Somewhere,Apparel,,,",
        ].join("\n"),
      ),
    );
    expect(parsed.rejectedLines).toEqual([2, 3, 4, 6]);
    expect(parsed.rejectedNames).toEqual({ 2: "", 3: "Good Co", 4: "Far North", 6: "No Country" });
    expect(parsed.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "name", "imports.osh.reasons.missingName"],
      [3, "lat", "imports.osh.reasons.badLatitude"],
      [4, "lat", "imports.osh.reasons.badLatitude"],
      [6, "country", "imports.osh.reasons.missingCountry"],
    ]);
    expect(parsed.errors[1]!.message).toBe('Latitude must be a number between -90 and 90: "abc"');
    expect(parsed.warnings.map((w) => [w.line, w.code])).toEqual([
      [1, "imports.reasons.unknownColumn"],
      [5, "imports.osh.reasons.halfCoordinates"],
    ]);
    expect(parsed.rows.map((r) => [r.line, r.name, r.lat, r.lng])).toEqual([
      [5, "Half Co", null, null],
      [7, "Fine Co", null, null],
    ]);
  });

  it("refuses a file without the name or country column", () => {
    const refusal = (text: string) => {
      try {
        parseOshList(bytes(text));
      } catch (e) {
        return e;
      }
      return null;
    };
    expect(refusal("country,address\nChina,Somewhere\n")).toBeInstanceOf(ImportRefusal);
    expect(refusal("address,lat\nSomewhere,1\n")).toMatchObject({ reason: "missingColumns", params: { columns: "country, name" } });
  });
});

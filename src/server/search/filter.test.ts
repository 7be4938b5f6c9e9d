import { describe, expect, it } from "vitest";
import { f, filterAttributes, FilterError, quote, toMeiliFilter } from "./filter";

/**
 * Reads back a quoted string the way Meilisearch's filter parser does (a `\` escapes the next
 * character), to prove that what the builder writes decodes to exactly the value given.
 */
function unquote(s: string): { value: string; rest: string } {
  expect(s[0]).toBe('"');
  let out = "";
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") out += s[++i];
    else if (c === '"') return { value: out, rest: s.slice(i + 1) };
    else out += c;
  }
  throw new Error("unterminated string");
}

describe("filter builder (Meilisearch grammar)", () => {
  it("quotes every string value and escapes quotes and backslashes", () => {
    expect(quote("plain")).toBe('"plain"');
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
    expect(quote("C:\\path\\")).toBe('"C:\\\\path\\\\"');
    for (const v of ['a"b', "a\\b", '\\"', 'x" OR status = "draft', "\\", '"', "end\\"]) {
      const { value, rest } = unquote(quote(v));
      expect(value).toBe(v);
      expect(rest).toBe("");
    }
  });

  it("keeps an injection attempt inside its string", () => {
    const s = toMeiliFilter(f.and(f.eq("status", "published"), f.eq("titleZh", 'x" OR status = "draft')))!;
    expect(s).toBe('(status = "published" AND titleZh = "x\\" OR status = \\"draft")');
    const after = s.slice(s.indexOf("titleZh = ") + "titleZh = ".length);
    expect(unquote(after)).toEqual({ value: 'x" OR status = "draft', rest: ")" });
  });

  it("writes Chinese values verbatim inside quotes", () => {
    expect(toMeiliFilter(f.eq("orgNameZh", "即墨童装（青岛）有限公司"))).toBe('orgNameZh = "即墨童装（青岛）有限公司"');
  });

  it("writes comparisons, TO ranges, IN and NOT IN lists", () => {
    expect(toMeiliFilter(f.gte("capacityValue", 12.5))).toBe("capacityValue >= 12.5");
    expect(toMeiliFilter(f.lt("leadTimeDays", 30))).toBe("leadTimeDays < 30");
    expect(toMeiliFilter(f.between("availableTo", 20260301, 20260430))).toBe("availableTo 20260301 TO 20260430");
    expect(toMeiliFilter(f.in("cityAdcode", ["370200", "370600"]))).toBe('cityAdcode IN ["370200", "370600"]');
    expect(toMeiliFilter(f.notIn("status", ["draft", 'we"ird']))).toBe('status NOT IN ["draft", "we\\"ird"]');
    expect(toMeiliFilter(f.eq("orgVerified", true))).toBe("orgVerified = true");
    expect(toMeiliFilter(f.eq("moqValue", 1e21))).toBe("moqValue = 1000000000000000000000");
  });

  it("writes EXISTS, IS NULL, IS EMPTY and NOT", () => {
    expect(toMeiliFilter(f.exists("availableTo"))).toBe("availableTo EXISTS");
    expect(toMeiliFilter(f.notExists("availableTo"))).toBe("availableTo NOT EXISTS");
    expect(toMeiliFilter(f.isNull("moqValue"))).toBe("moqValue IS NULL");
    expect(toMeiliFilter(f.isEmpty("certifications"))).toBe("certifications IS EMPTY");
    expect(toMeiliFilter(f.not(f.eq("kind", "capacity")))).toBe('NOT (kind = "capacity")');
  });

  it("nests AND/OR with parentheses and drops absent optional parts", () => {
    const chain = undefined as string | undefined;
    const s = toMeiliFilter(
      f.and(f.eq("status", "published"), chain ? f.eq("chainLink", chain) : null, f.or(f.eq("kind", "capability"), f.gte("availableTo", 20260301)), null),
    );
    expect(s).toBe('(status = "published" AND (kind = "capability" OR availableTo >= 20260301))');
    expect(toMeiliFilter(f.and())).toBeUndefined();
    expect(toMeiliFilter(null)).toBeUndefined();
    expect(() => toMeiliFilter(f.or())).toThrow(FilterError);
  });

  it("writes geo radius and bounding box with plain numbers", () => {
    expect(toMeiliFilter(f.geoRadius(36.3, 120.45, 50_000))).toBe("_geoRadius(36.3, 120.45, 50000)");
    expect(toMeiliFilter(f.geoBoundingBox([38.4, 122.7], [34.4, 114.8]))).toBe("_geoBoundingBox([38.4, 122.7], [34.4, 114.8])");
    expect(filterAttributes(f.and(f.geoRadius(1, 2, 3), f.eq("kind", "capacity")))).toEqual(new Set(["_geo", "kind"]));
  });

  it("refuses what cannot be written safely", () => {
    expect(() => toMeiliFilter(f.eq("title = 1 OR x", "a"))).toThrow(FilterError);
    expect(() => toMeiliFilter(f.eq('a"b', "a"))).toThrow(FilterError);
    expect(() => toMeiliFilter(f.gte("capacityValue", Number.NaN))).toThrow(FilterError);
    expect(() => toMeiliFilter(f.lt("capacityValue", Infinity))).toThrow(FilterError);
    expect(() => toMeiliFilter({ op: ">", attr: "status", value: "a" })).toThrow(FilterError);
    expect(() => toMeiliFilter(f.geoRadius(1, 2, -1))).toThrow(FilterError);
  });
});

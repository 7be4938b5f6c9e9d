import { describe, expect, it } from "vitest";
import { taxonomy } from "./taxonomy";
import {
  convertCanonical,
  fromCanonical,
  parseEquipmentUnit,
  parseUnit,
  quantityUnitIds,
  quantityUnitOf,
  rateUnitIds,
  toCanonical,
  unitName,
} from "./units";

describe("parseUnit", () => {
  it("resolves the cases the trade writes", () => {
    expect(parseUnit("万米/月")).toEqual({ canonical: "m_per_month", factor: 10000, kind: "rate" });
    expect(parseUnit("吨/年")).toMatchObject({ canonical: "t_per_month", kind: "rate" });
    expect(parseUnit("吨/年")?.factor).toBeCloseTo(1 / 12, 15);
    expect(parseUnit("件(纱线)")).toEqual({ canonical: "t", factor: 0.18144, kind: "quantity" });
    expect(parseUnit("吨/天")).toEqual({ canonical: "t_per_month", factor: 30, kind: "rate" });
  });

  it("keeps 件 as pieces and only the bale spelling as yarn weight", () => {
    expect(parseUnit("件")).toEqual({ canonical: "pcs", factor: 1, kind: "quantity" });
    expect(parseUnit("件/月")).toEqual({ canonical: "pcs_per_month", factor: 1, kind: "rate" });
    expect(parseUnit("件/天")?.factor).toBe(26);
    expect(parseUnit("件（纱线）")).toEqual({ canonical: "t", factor: 0.18144, kind: "quantity" });
  });

  it("resolves canonical ids, zh and en names, and alias ids", () => {
    expect(parseUnit("t_per_month")).toEqual({ canonical: "t_per_month", factor: 1, kind: "rate" });
    expect(parseUnit("平方米/月")).toEqual({ canonical: "m2_per_month", factor: 1, kind: "rate" });
    expect(parseUnit("Tonnes per month")).toEqual({ canonical: "t_per_month", factor: 1, kind: "rate" });
    expect(parseUnit("wan_m2_per_year")?.canonical).toBe("m2_per_month");
    expect(parseUnit("yarn_bale")).toEqual({ canonical: "t", factor: 0.18144, kind: "quantity" });
    expect(parseUnit("码")).toEqual({ canonical: "m", factor: 0.9144, kind: "quantity" });
  });

  it("resolves every unit and alias in the taxonomy by id and by zh", () => {
    const { rates, quantities, aliases } = taxonomy.units;
    for (const u of [...rates, ...quantities]) {
      expect(parseUnit(u.id)).toMatchObject({ canonical: u.id, factor: 1 });
      expect(parseUnit(u.zh)).toMatchObject({ canonical: u.id, factor: 1 });
    }
    for (const a of aliases) {
      expect(parseUnit(a.id)).toMatchObject({ canonical: a.to, factor: a.factor });
      expect(parseUnit(a.zh)).toMatchObject({ canonical: a.to, factor: a.factor });
    }
  });

  it("folds full-width characters, whitespace and case", () => {
    expect(parseUnit(" 万米／月 ")).toEqual({ canonical: "m_per_month", factor: 10000, kind: "rate" });
    expect(parseUnit("ＫＧ")).toEqual({ canonical: "t", factor: 0.001, kind: "quantity" });
    expect(parseUnit("吨 / 年")?.canonical).toBe("t_per_month");
    expect(parseUnit("㎡")).toEqual({ canonical: "m2", factor: 1, kind: "quantity" });
  });

  it("accepts everyday spellings: 每, 日, 千克, 平米", () => {
    expect(parseUnit("吨每天")).toEqual({ canonical: "t_per_month", factor: 30, kind: "rate" });
    expect(parseUnit("米/日")).toEqual({ canonical: "m_per_month", factor: 30, kind: "rate" });
    expect(parseUnit("千克")).toEqual({ canonical: "t", factor: 0.001, kind: "quantity" });
    expect(parseUnit("平米/月")?.canonical).toBe("m2_per_month");
  });

  it("composes 万 prefixes and quantity/period pairs the taxonomy does not list", () => {
    expect(parseUnit("万吨/月")).toEqual({ canonical: "t_per_month", factor: 10000, kind: "rate" });
    expect(parseUnit("万吨")).toEqual({ canonical: "t", factor: 10000, kind: "quantity" });
    expect(parseUnit("件(纱线)/月")).toEqual({ canonical: "t_per_month", factor: 0.18144, kind: "rate" });
    expect(parseUnit("万米/天")?.factor).toBe(300000);
    expect(parseUnit("公斤/天")?.factor).toBeCloseTo(0.03, 15);
    expect(parseUnit("套/年")?.canonical).toBe("sets_per_month");
    expect(parseUnit("台/月")).toEqual({ canonical: "units_per_month", factor: 1, kind: "rate" });
  });

  it("refuses per-day rates the taxonomy gives no working-day count for", () => {
    expect(parseUnit("平方米/天")).toBeNull();
    expect(parseUnit("打/天")).toBeNull();
  });

  it("returns null for unknown or empty units", () => {
    for (const text of ["", "  ", "furlongs", "万", "/月", "吨/", "吨/周", "锭", "纱线"]) expect(parseUnit(text)).toBeNull();
  });

  it("filters by the expected kind", () => {
    expect(parseUnit("吨", "rate")).toBeNull();
    expect(parseUnit("吨/月", "quantity")).toBeNull();
    expect(parseUnit("吨/月", "rate")?.canonical).toBe("t_per_month");
  });
});

describe("toCanonical / fromCanonical", () => {
  it("converts to the canonical unit", () => {
    expect(toCanonical(50, "万米/月")).toEqual({ value: 500000, unit: "m_per_month" });
    expect(toCanonical(1200, "吨/年")).toEqual({ value: 100, unit: "t_per_month" });
    expect(toCanonical(3, "件(纱线)")).toEqual({ value: 0.54432, unit: "t" });
    expect(toCanonical(500, "公斤")).toEqual({ value: 0.5, unit: "t" });
    expect(toCanonical(1000, "件/天")).toEqual({ value: 26000, unit: "pcs_per_month" });
  });

  it("returns null for an unknown unit", () => {
    expect(toCanonical(10, "bolts")).toBeNull();
    expect(fromCanonical(10, "bolts")).toBeNull();
  });

  it("shows a canonical value back in the unit the user entered", () => {
    expect(fromCanonical(100, "吨/年")).toBe(1200);
    expect(fromCanonical(500000, "万米/月")).toBe(50);
    expect(fromCanonical(0.54432, "件(纱线)")).toBe(3);
  });

  it("round-trips without float noise", () => {
    for (const [value, unit] of [
      [7, "吨/年"],
      [3.3, "万平方米/年"],
      [12.5, "万件/年"],
      [999, "码"],
      [41, "件(纱线)/月"],
    ] as const) {
      const canonical = toCanonical(value, unit);
      expect(canonical).not.toBeNull();
      expect(fromCanonical(canonical?.value ?? NaN, unit)).toBe(value);
    }
  });
});

describe("convertCanonical", () => {
  it("applies the taxonomy's equivalences in both directions, for quantities and rates", () => {
    expect(convertCanonical(5, "dozen_pairs", "pairs")).toBe(60);
    expect(convertCanonical(60, "pairs", "dozen_pairs")).toBe(5);
    expect(convertCanonical(5, "dozen_pairs_per_month", "pairs_per_month")).toBe(60);
    expect(convertCanonical(7, "t", "t")).toBe(7);
  });

  it("refuses to convert between different measures", () => {
    expect(convertCanonical(1, "t", "m")).toBeNull();
    expect(convertCanonical(1, "t_per_month", "t")).toBeNull();
    expect(convertCanonical(1, "nope", "t")).toBeNull();
  });
});

describe("equipment and names", () => {
  it("parses equipment counts, including 万锭", () => {
    expect(parseEquipmentUnit("万锭")).toEqual({ unit: "spindles", factor: 10000 });
    expect(parseEquipmentUnit("台")).toEqual({ unit: "machines", factor: 1 });
    expect(parseEquipmentUnit("台织机")).toEqual({ unit: "looms", factor: 1 });
    expect(parseEquipmentUnit("吨")).toBeNull();
  });

  it("names canonical units in both locales", () => {
    expect(unitName("t_per_month", "zh-CN")).toBe("吨/月");
    expect(unitName("m2", "en")).toBe("square metres");
    expect(unitName("spindles", "en")).toBe("ring spindles");
    expect(unitName("nope", "en")).toBeUndefined();
  });

  it("exposes id lists and rate → quantity links", () => {
    expect(rateUnitIds).toContain("t_per_month");
    expect(quantityUnitIds).toContain("pcs");
    expect(quantityUnitOf("m_per_month")).toBe("m");
    for (const id of rateUnitIds) expect(quantityUnitIds).toContain(quantityUnitOf(id));
  });

  it("has no spelling that means two different units", () => {
    const { rates, quantities, aliases } = taxonomy.units;
    const spellings: [string, string][] = [
      ...[...rates, ...quantities].flatMap((u) => [u.id, u.zh, u.en].map((n): [string, string] => [n.toLowerCase(), `${u.id}×1`])),
      ...aliases.flatMap((a) => [a.id, a.zh].map((n): [string, string] => [n.toLowerCase(), `${a.to}×${a.factor}`])),
    ];
    const meaning = new Map<string, string>();
    const conflicts: string[] = [];
    for (const [name, target] of spellings) {
      const earlier = meaning.get(name);
      if (earlier !== undefined && earlier !== target) conflicts.push(`${name}: ${earlier} vs ${target}`);
      meaning.set(name, target);
    }
    expect(conflicts).toEqual([]);
    expect(meaning.get("件")).toBe("pcs×1");
    expect(meaning.get("件(纱线)")).toBe("t×0.18144");
  });
});

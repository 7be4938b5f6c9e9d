import { describe, expect, it } from "vitest";
import en from "@/i18n/messages/en/analytics.json";
import zh from "@/i18n/messages/zh-CN/analytics.json";
import type { AnalyticsFigures } from "./aggregate";
import { ANALYTICS_TABLES } from "./input";
import { buildTable, toCsv } from "./tables";

const lookup = (bundle: Record<string, unknown>) => (key: string) => {
  const v = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], bundle);
  expect(v, key).toEqual(expect.any(String));
  return v as string;
};

const figures: AnalyticsFigures = {
  monthly: [{ month: "2030-01", invited: 1, responded: 2, introduced: 1, matches: 4, quotes: 3, deals: 1, dealValueFen: 1_234_567 }],
  sourcing: { totalFen: 8_000_000, sameCityFen: 5_000_000, sameProvinceFen: 7_000_000, sameCityRate: 0.625, sameProvinceRate: 0.875 },
  supply: [{ chainLink: "spinning", cityAdcode: "370200", unit: "t", demand: 25, capacity: 300, demands: 2, listings: 1 }],
  cities: [
    { cityAdcode: "370200", inquiries: 5, deals: 3, dealValueFen: 4_000_000, activity: 8 },
    { cityAdcode: "320500", inquiries: 1, deals: 1, dealValueFen: 1_000_000, activity: 2 },
  ],
};

describe("analytics tables and CSV", () => {
  it("builds every table in both languages with yuan and per cent", () => {
    for (const [bundle, locale] of [
      [zh, "zh-CN"],
      [en, "en"],
    ] as const)
      for (const table of ANALYTICS_TABLES) {
        const data = buildTable(table, figures, lookup(bundle), locale);
        for (const r of data.rows) expect(r).toHaveLength(data.columns.length);
      }
    const t = lookup(zh);
    expect(buildTable("monthly", figures, t, "zh-CN").rows).toEqual([["2030-01", 1, 2, 1, 4, 3, 1, 12345.67]]);
    expect(buildTable("sourcing", figures, t, "zh-CN").rows).toEqual([
      ["成交总额", 80000, 100],
      ["同城配套", 50000, 62.5],
      ["省内配套", 70000, 87.5],
    ]);
    expect(buildTable("supply", figures, lookup(en), "en").rows).toEqual([["Spinning (yarn)", "Qingdao", "tonnes", 25, 2, 300, 1]]);
    expect(buildTable("cities", figures, t, "zh-CN").rows).toEqual([
      ["青岛市", 5, 3, 40000, 8],
      ["省外", 1, 1, 10000, 2],
    ]);
  });

  it("writes CSV with a BOM, CRLF and quoted cells", () => {
    expect(toCsv({ columns: ["月份", "说明"], rows: [["2030-01", 'a "b", c'], ["2030-02", 3]] })).toBe('\uFEFF月份,说明\r\n2030-01,"a ""b"", c"\r\n2030-02,3\r\n');
  });
});

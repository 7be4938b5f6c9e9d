import { describe, expect, it } from "vitest";
import { fenToInput, formatYuan, pricePerCanonical, QUOTE_FIELDS, quoteChanges, sortComparison, type QuoteTerms } from "./quote-view";

const base: QuoteTerms = {
  unitPriceFen: 1250,
  priceUnit: "米",
  taxIncluded: true,
  invoiceType: "vat_special",
  quantityValue: 10000,
  quantityUnit: "米",
  leadTimeDays: 30,
  validUntil: "2026-03-01",
  paymentTerms: "monthly",
  paymentDays: 30,
  sampleCostFen: null,
  notes: "含运费",
  attachmentFileIds: ["a", "b"],
};

describe("quote view helpers", () => {
  it("formats fen as yuan with two decimals in both languages", () => {
    expect(formatYuan(123450, "zh-CN")).toBe("¥1,234.50");
    expect(formatYuan(5, "en")).toBe("¥0.05");
    expect(fenToInput(1250)).toBe("12.5");
    expect(fenToInput(null)).toBe("");
  });

  it("lists every field for a first quote and only what a revision changed", () => {
    expect([...quoteChanges(null, base)]).toEqual([...QUOTE_FIELDS]);
    expect(quoteChanges(base, { ...base }).size).toBe(0);
    expect(quoteChanges(base, { ...base, attachmentFileIds: ["b", "a"], notes: " 含运费 " }).size).toBe(0);
    const revised = quoteChanges(base, { ...base, unitPriceFen: 1200, paymentDays: 90, leadTimeDays: 25, sampleCostFen: 0 });
    expect([...revised].sort()).toEqual(["leadTime", "payment", "price", "sampleCost"]);
    expect([...quoteChanges(base, { ...base, invoiceType: "none", taxIncluded: false, attachmentFileIds: [] })].sort()).toEqual(["attachments", "invoice", "tax"]);
  });

  it("puts a price per 万米 on the scale of a price per 米", () => {
    expect(pricePerCanonical(120000, "万米")).toEqual({ unit: "m", fen: 12 });
    expect(pricePerCanonical(1250, "米")).toEqual({ unit: "m", fen: 1250 });
    expect(pricePerCanonical(100, "no-such-unit")).toBeNull();
  });

  it("sorts by price across units of one kind and by lead time, rows without a quote last", () => {
    const rows = [
      { id: "none", quote: null },
      { id: "a", quote: { unitPriceFen: 1300, priceUnit: "米", leadTimeDays: 20 } },
      { id: "b", quote: { unitPriceFen: 12_600_000, priceUnit: "万米", leadTimeDays: 40 } }, // 12.60 per 米
      { id: "c", quote: { unitPriceFen: 1250, priceUnit: "米", leadTimeDays: 20 } },
    ];
    expect(sortComparison(rows, "price", "asc").map((r) => r.id)).toEqual(["c", "b", "a", "none"]);
    expect(sortComparison(rows, "price", "desc").map((r) => r.id)).toEqual(["a", "b", "c", "none"]);
    // Equal lead times keep the order they came in.
    expect(sortComparison(rows, "leadTime", "asc").map((r) => r.id)).toEqual(["a", "c", "b", "none"]);
    expect(sortComparison(rows, "leadTime", "desc").map((r) => r.id)).toEqual(["b", "a", "c", "none"]);
  });
});

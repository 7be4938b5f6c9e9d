import { describe, expect, it } from "vitest";
import type { QuoteTerms } from "@/domain/deals/quote-view";
import { quoteInputSchema, yuanToFen } from "@/domain/schemas/deals";
import { formFromDemand, formFromQuote } from "./quote-defaults";

const now = new Date("2026-03-01T04:00:00Z"); // 12:00 in China

const demand = {
  quantityInputValue: 30,
  quantityInputUnit: "吨",
  targetPriceUnit: null,
  targetPriceTaxIncluded: null,
  paymentTerms: "monthly",
  paymentDays: 90,
  invoiceType: "vat_ordinary",
};

describe("quote form values", () => {
  it("starts a first quote from the demand's quantity and terms; price and lead time must be typed", () => {
    const values = formFromDemand(demand, now);
    expect(values).toMatchObject({ priceUnit: "吨", quantityValue: "30", quantityUnit: "吨", paymentTerms: "monthly", paymentDays: "90", invoiceType: "vat_ordinary", taxIncluded: true, validUntil: "2026-03-31" });
    const blank = quoteInputSchema.safeParse(values);
    expect(blank.success).toBe(false);
    // A blank number is "required", never read as 0 (z.coerce.number("") would be 0).
    expect(blank.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["unitPrice", "validation.required"],
      ["leadTimeDays", "validation.required"],
    ]);
    const filled = quoteInputSchema.parse({ ...values, unitPrice: "21000.5", leadTimeDays: "20" });
    expect(filled).toMatchObject({ unitPrice: 21000.5, leadTimeDays: 20, quantityValue: 30, paymentDays: 90 });
  });

  it("falls back to prepay and a special VAT invoice when the demand states nothing", () => {
    const values = formFromDemand({ ...demand, paymentTerms: null, paymentDays: null, invoiceType: null, quantityInputValue: null, quantityInputUnit: null }, now);
    expect(values).toMatchObject({ paymentTerms: "prepay", paymentDays: "", invoiceType: "vat_special", quantityValue: "", priceUnit: "" });
  });

  it("a revision starts from the latest version and gives back the same terms", () => {
    const q: QuoteTerms = {
      unitPriceFen: 2_050_050,
      priceUnit: "吨",
      taxIncluded: false,
      invoiceType: "none",
      quantityValue: 30,
      quantityUnit: "吨",
      leadTimeDays: 20,
      validUntil: "2026-03-20",
      paymentTerms: "acceptance",
      paymentDays: 60,
      sampleCostFen: 5000,
      notes: "旧备注",
    };
    const values = formFromQuote(q, now);
    expect(values).toMatchObject({ unitPrice: "20500.5", sampleCost: "50", paymentDays: "60", validUntil: "2026-03-20", notes: "" });
    const parsed = quoteInputSchema.parse(values);
    expect(yuanToFen(parsed.unitPrice)).toBe(q.unitPriceFen);
    expect(yuanToFen(parsed.sampleCost!)).toBe(q.sampleCostFen);
    // A validity date already past moves 30 days ahead of today.
    expect(formFromQuote({ ...q, validUntil: "2026-02-01" }, now).validUntil).toBe("2026-03-31");
  });
});

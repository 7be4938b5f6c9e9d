import { chinaDay } from "@/domain/demand-text";
import { fenToInput, type QuoteTerms } from "@/domain/deals/quote-view";

/** What the quote form edits: numbers as typed (strings), as react-hook-form holds them. */
export interface QuoteFormValues {
  unitPrice: string;
  priceUnit: string;
  taxIncluded: boolean;
  invoiceType: "vat_special" | "vat_ordinary" | "none";
  quantityValue: string;
  quantityUnit: string;
  leadTimeDays: string;
  validUntil: string;
  paymentTerms: "prepay" | "monthly" | "acceptance";
  paymentDays: string;
  sampleCost: string;
  notes: string;
}

const str = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

function inDays(days: number, from = new Date()): string {
  return chinaDay(new Date(from.getTime() + days * 86_400_000));
}

/** A revision or a counter-offer starts from the latest quote; a stale validity date moves to +30 days. */
export function formFromQuote(q: QuoteTerms, now = new Date()): QuoteFormValues {
  const today = chinaDay(now);
  return {
    unitPrice: fenToInput(q.unitPriceFen),
    priceUnit: q.priceUnit,
    taxIncluded: q.taxIncluded,
    invoiceType: q.invoiceType,
    quantityValue: str(q.quantityValue),
    quantityUnit: q.quantityUnit,
    leadTimeDays: str(q.leadTimeDays),
    validUntil: q.validUntil >= today ? q.validUntil : inDays(30, now),
    paymentTerms: q.paymentTerms,
    paymentDays: str(q.paymentDays),
    sampleCost: fenToInput(q.sampleCostFen),
    notes: "",
  };
}

/** A first quote starts from what the buyer asked for: quantity, unit, terms and invoice. */
export function formFromDemand(
  d: {
    quantityInputValue: number | null;
    quantityInputUnit: string | null;
    targetPriceUnit: string | null;
    targetPriceTaxIncluded?: boolean | null;
    paymentTerms: string | null;
    paymentDays: number | null;
    invoiceType: string | null;
  },
  now = new Date(),
): QuoteFormValues {
  const terms = (["prepay", "monthly", "acceptance"] as const).find((k) => k === d.paymentTerms) ?? "prepay";
  const invoice = (["vat_special", "vat_ordinary", "none"] as const).find((k) => k === d.invoiceType) ?? "vat_special";
  return {
    unitPrice: "",
    priceUnit: d.targetPriceUnit ?? d.quantityInputUnit ?? "",
    taxIncluded: d.targetPriceTaxIncluded ?? true,
    invoiceType: invoice,
    quantityValue: str(d.quantityInputValue),
    quantityUnit: d.quantityInputUnit ?? "",
    leadTimeDays: "",
    validUntil: inDays(30, now),
    paymentTerms: terms,
    paymentDays: terms === "prepay" ? "" : str(d.paymentDays),
    sampleCost: "",
    notes: "",
  };
}

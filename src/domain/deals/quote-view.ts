import { parseUnit } from "../units";

/**
 * Pure helpers for showing quotes (the inquiry page, the comparison table, the quote form): money
 * in fen as yuan, what a revision changed against the one before it, a price per canonical unit so
 * quotes per 米 and per 万米 sort together, and the comparison's sort order.
 */

/** The terms of a quote as stored (money in fen); revisions and counter-offers have the same shape. */
export interface QuoteTerms {
  unitPriceFen: number;
  priceUnit: string;
  taxIncluded: boolean;
  invoiceType: "vat_special" | "vat_ordinary" | "none";
  quantityValue: number;
  quantityUnit: string;
  leadTimeDays: number;
  validUntil: string;
  paymentTerms: "prepay" | "monthly" | "acceptance";
  paymentDays: number | null;
  sampleCostFen: number | null;
  notes: string | null;
  attachmentFileIds?: readonly string[];
}

/** Integer fen → yuan (a number with at most two decimals). */
export const fenToYuan = (fen: number): number => Math.round(fen) / 100;

/** "¥1,234.50": the yuan sign in both languages (CN¥ would puzzle Chinese readers). */
export function formatYuan(fen: number, locale: string): string {
  return `¥${fenToYuan(fen).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The groups a reader compares between two versions of a quote, in the order the quote shows them. */
export const QUOTE_FIELDS = ["price", "tax", "invoice", "quantity", "leadTime", "validUntil", "payment", "sampleCost", "notes", "attachments"] as const;
export type QuoteField = (typeof QUOTE_FIELDS)[number];

function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
}

/** What `current` changed against `previous` (every field for the first version). */
export function quoteChanges(previous: QuoteTerms | null | undefined, current: QuoteTerms): Set<QuoteField> {
  if (!previous) return new Set(QUOTE_FIELDS);
  const changed = new Set<QuoteField>();
  if (previous.unitPriceFen !== current.unitPriceFen || previous.priceUnit !== current.priceUnit) changed.add("price");
  if (previous.taxIncluded !== current.taxIncluded) changed.add("tax");
  if (previous.invoiceType !== current.invoiceType) changed.add("invoice");
  if (previous.quantityValue !== current.quantityValue || previous.quantityUnit !== current.quantityUnit) changed.add("quantity");
  if (previous.leadTimeDays !== current.leadTimeDays) changed.add("leadTime");
  if (previous.validUntil !== current.validUntil) changed.add("validUntil");
  if (previous.paymentTerms !== current.paymentTerms || (previous.paymentDays ?? null) !== (current.paymentDays ?? null)) changed.add("payment");
  if ((previous.sampleCostFen ?? null) !== (current.sampleCostFen ?? null)) changed.add("sampleCost");
  if ((previous.notes ?? "").trim() !== (current.notes ?? "").trim()) changed.add("notes");
  if (!sameList(previous.attachmentFileIds, current.attachmentFileIds)) changed.add("attachments");
  return changed;
}

/**
 * The price per canonical unit (fen per 米, per 公斤, per 件 …): a quote per 万米 and one per 米
 * compare on the same scale. Null when the unit is unknown.
 */
export function pricePerCanonical(unitPriceFen: number, priceUnit: string): { unit: string; fen: number } | null {
  const unit = parseUnit(priceUnit, "quantity");
  return unit && unit.factor > 0 ? { unit: unit.canonical, fen: unitPriceFen / unit.factor } : null;
}

export type ComparisonSort = "price" | "leadTime";
export type SortDirection = "asc" | "desc";

interface Sortable {
  quote: Pick<QuoteTerms, "unitPriceFen" | "priceUnit" | "leadTimeDays"> | null;
}

/**
 * Comparison rows in the chosen order. Rows without a quote always come last; prices in different
 * kinds of unit (per 米 vs per 公斤) cannot be compared, so they are grouped by unit first.
 */
export function sortComparison<T extends Sortable>(rows: readonly T[], key: ComparisonSort, direction: SortDirection): T[] {
  const sign = direction === "asc" ? 1 : -1;
  const decorated = rows.map((row, index) => {
    const q = row.quote;
    const canonical = q ? pricePerCanonical(q.unitPriceFen, q.priceUnit) : null;
    return { row, index, q, group: canonical?.unit ?? q?.priceUnit ?? "", price: canonical?.fen ?? q?.unitPriceFen ?? 0 };
  });
  decorated.sort((a, b) => {
    if (!a.q || !b.q) return a.q ? -1 : b.q ? 1 : a.index - b.index;
    if (key === "price" && a.group !== b.group) return a.group < b.group ? -1 : 1;
    const d = key === "price" ? a.price - b.price : a.q.leadTimeDays - b.q.leadTimeDays;
    return d !== 0 ? d * sign : a.index - b.index;
  });
  return decorated.map((d) => d.row);
}

/** Yuan as a form shows it back ("12.5"), or "" when absent. */
export function fenToInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? "" : String(fenToYuan(fen));
}

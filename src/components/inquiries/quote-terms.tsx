import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatYuan, type QuoteField, type QuoteTerms } from "@/domain/deals/quote-view";
import { cn } from "@/lib/utils";
import { paymentTermsText } from "./display";

/**
 * A quote's terms as a definition list. `changed` highlights what a revision changed against the
 * one before it (a mark and, for screen readers, the word "changed").
 */
export function QuoteTermsList({ quote, changed, className }: { quote: QuoteTerms; changed?: ReadonlySet<QuoteField>; className?: string }) {
  const t = useTranslations("inquiries");
  const locale = useLocale();
  const rows: Array<{ field: QuoteField; label: string; value: ReactNode }> = [
    { field: "price", label: t("terms.unitPrice"), value: t("terms.perUnit", { price: formatYuan(quote.unitPriceFen, locale), unit: quote.priceUnit }) },
    { field: "tax", label: t("terms.tax"), value: quote.taxIncluded ? t("terms.taxIncluded") : t("terms.taxExcluded") },
    { field: "invoice", label: t("terms.invoiceType"), value: t(`terms.invoice.${quote.invoiceType}`) },
    { field: "quantity", label: t("terms.quantity"), value: `${quote.quantityValue.toLocaleString(locale)} ${quote.quantityUnit}` },
    { field: "leadTime", label: t("terms.leadTime"), value: t("terms.days", { days: quote.leadTimeDays }) },
    { field: "validUntil", label: t("terms.validUntil"), value: quote.validUntil },
    { field: "payment", label: t("terms.paymentTerms"), value: paymentTermsText(t, quote) },
    { field: "sampleCost", label: t("terms.sampleCost"), value: quote.sampleCostFen === null ? t("terms.none") : formatYuan(quote.sampleCostFen, locale) },
  ];
  if (quote.notes) rows.push({ field: "notes", label: t("terms.notes"), value: <span className="whitespace-pre-line break-words">{quote.notes}</span> });
  return (
    <dl className={cn("grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:gap-x-6", className)}>
      {rows.map((r) => {
        const hit = changed?.has(r.field);
        return (
          <div key={r.field} className={cn("flex flex-col rounded px-1.5 py-1", hit && "bg-amber-50 ring-1 ring-amber-200")} data-changed={hit ? "true" : undefined}>
            <dt className="text-xs text-muted-foreground">
              {r.label}
              {hit ? <span className="ml-1 font-medium text-amber-800">· {t("timeline.changed")}</span> : null}
            </dt>
            <dd className="font-medium">{r.value}</dd>
          </div>
        );
      })}
    </dl>
  );
}

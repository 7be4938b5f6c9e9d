"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, Star } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { certificationNames } from "@/components/demands/display";
import { orgName, todayInChina } from "@/components/org/display";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatYuan, sortComparison, type ComparisonSort, type SortDirection } from "@/domain/deals/quote-view";
import type { Locale } from "@/domain/taxonomy";
import { cn } from "@/lib/utils";
import { AwardButton, AwardResult } from "./award-dialog";
import { paymentTermsText, taxInvoiceText, type RouterOutputs } from "./display";
import { PaymentWarning } from "./payment-warning";
import { InquiryStatusBadge } from "./status-badge";

type Row = RouterOutputs["inquiry"]["forDemand"]["rows"][number];

/**
 * 报价对比: the demand's inquiries side by side with each supplier's latest quote, sortable by
 * unit price (per canonical unit) and lead time, with distance, delivery record and valid
 * certificates; the buyer awards from the row. Scrolls sideways on a phone, the supplier column fixed.
 */
export function ComparisonTable({ rows, canAward, requiredCertifications }: { rows: Row[]; canAward: boolean; requiredCertifications: string[] }) {
  const t = useTranslations("inquiries");
  const locale = useLocale() as Locale;
  const [sort, setSort] = useState<{ key: ComparisonSort; dir: SortDirection }>({ key: "price", dir: "asc" });
  const [dealId, setDealId] = useState<string | null>(null);
  const sorted = sortComparison(rows, sort.key, sort.dir);
  const today = todayInChina();
  const required = new Set(requiredCertifications);

  const header = (key: ComparisonSort, label: string) => {
    const active = sort.key === key;
    const Icon = !active ? ArrowUpDown : sort.dir === "asc" ? ArrowUp : ArrowDown;
    return (
      <th scope="col" aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} className="px-3 py-2 text-left font-medium">
        <button
          type="button"
          className="inline-flex items-center gap-1 rounded hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          onClick={() => setSort((s) => ({ key, dir: s.key === key && s.dir === "asc" ? "desc" : "asc" }))}
          data-testid={`compare-sort-${key}`}
        >
          {label}
          <Icon className="h-3.5 w-3.5" aria-hidden="true" />
          <span className="sr-only">{active ? `(${sort.dir === "asc" ? t("compare.sortedAsc") : t("compare.sortedDesc")})` : `(${t("compare.sortBy", { column: label })})`}</span>
        </button>
      </th>
    );
  };
  const plain = (label: string) => (
    <th scope="col" className="px-3 py-2 text-left font-medium">
      {label}
    </th>
  );

  return (
    <div className="flex flex-col gap-3">
      {dealId ? <AwardResult dealId={dealId} /> : null}
      <div className="relative overflow-x-auto rounded-lg border">
        <table className="w-full min-w-[64rem] border-collapse text-sm" data-testid="compare-table">
          <caption className="sr-only">{t("compare.caption")}</caption>
          <thead className="bg-secondary/50 text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-secondary px-3 py-2 text-left font-medium">
                {t("compare.supplier")}
              </th>
              {header("price", t("compare.price"))}
              {plain(t("compare.taxInvoice"))}
              {header("leadTime", t("compare.leadTime"))}
              {plain(t("compare.validity"))}
              {plain(t("compare.payment"))}
              {plain(t("compare.distance"))}
              {plain(t("compare.record"))}
              {plain(t("compare.certificates"))}
              {plain(t("compare.actions"))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => {
              const name = orgName(r.supplier, locale);
              const q = r.quote;
              const rec = r.deliveryRecord;
              return (
                <tr key={r.inquiryId} className={cn("border-t align-top", r.status === "awarded" && "bg-emerald-50/60")} data-testid="compare-row" data-inquiry-id={r.inquiryId}>
                  <th scope="row" className="sticky left-0 z-10 max-w-[14rem] bg-background px-3 py-3 text-left font-normal">
                    <span className="flex flex-col gap-1">
                      <Link href={`/org/${r.supplier.id}`} className="break-words font-semibold underline-offset-4 hover:underline">
                        {name}
                      </Link>
                      <span className="flex flex-wrap items-center gap-1">
                        {r.supplier.verified ? <VerifiedBadge /> : null}
                        <InquiryStatusBadge status={r.status} />
                        {r.unread > 0 ? <Badge variant="default">{t("mine.unread", { count: r.unread })}</Badge> : null}
                      </span>
                    </span>
                  </th>
                  <td className="px-3 py-3 font-medium" data-testid="compare-price">
                    {q ? t("terms.perUnit", { price: formatYuan(q.unitPriceFen, locale), unit: q.priceUnit }) : <span className="text-muted-foreground">{t("compare.noQuote")}</span>}
                  </td>
                  <td className="px-3 py-3">{q ? taxInvoiceText(t, q) : t("compare.unknown")}</td>
                  <td className="px-3 py-3" data-testid="compare-lead-time">
                    {q ? t("terms.days", { days: q.leadTimeDays }) : t("compare.unknown")}
                  </td>
                  <td className="px-3 py-3">
                    {q ? (
                      <span className={q.validUntil < today ? "text-destructive" : undefined}>
                        {q.validUntil}
                        {q.validUntil < today ? ` (${t("compare.expired")})` : null}
                      </span>
                    ) : (
                      t("compare.unknown")
                    )}
                  </td>
                  <td className="px-3 py-3">
                    {q ? (
                      <span className="flex flex-col gap-1">
                        {paymentTermsText(t, q)}
                        {r.paymentTermsWarning ? <PaymentWarning compact /> : null}
                      </span>
                    ) : (
                      t("compare.unknown")
                    )}
                  </td>
                  <td className="px-3 py-3">{r.distanceKm !== null ? t("compare.km", { km: Math.round(r.distanceKm) }) : t("compare.unknown")}</td>
                  <td className="px-3 py-3">
                    {rec && rec.deliveredDeals > 0 ? (
                      <span className="flex flex-col gap-0.5">
                        {rec.onTimeRate !== null ? <span>{t("compare.onTime", { pct: Math.round(rec.onTimeRate * 100) })}</span> : null}
                        {rec.avgOverall !== null ? (
                          <span className="inline-flex items-center gap-1">
                            <Star className="h-3.5 w-3.5 fill-amber-400 text-amber-500" aria-hidden="true" />
                            {t("compare.rating", { avg: rec.avgOverall.toFixed(1) })}
                          </span>
                        ) : null}
                        <span className="text-muted-foreground">{t("compare.deals", { count: rec.deliveredDeals })}</span>
                      </span>
                    ) : (
                      <span className="text-muted-foreground">{t("compare.noRecord")}</span>
                    )}
                  </td>
                  <td className="px-3 py-3">
                    {r.certificates.length ? (
                      <span className="flex flex-wrap gap-1">
                        {r.certificates.map((c) => (
                          <Badge key={c.id} variant={required.has(c.schemeId) ? "success" : "outline"}>
                            {certificationNames([c.schemeId], locale)[0] ?? c.schemeId}
                          </Badge>
                        ))}
                      </span>
                    ) : (
                      <span className="text-muted-foreground">{t("compare.unknown")}</span>
                    )}
                  </td>
                  <td className="px-3 py-3">
                    <span className="flex flex-col items-start gap-2">
                      <Button asChild size="sm" variant="outline">
                        <Link href={`/inquiries/${r.inquiryId}`} aria-label={t("compare.viewLabel", { supplier: name })}>
                          {t("compare.view")}
                        </Link>
                      </Button>
                      {canAward && r.awardable && q ? <AwardButton size="sm" inquiryId={r.inquiryId} quoteId={q.id} supplierName={name} quote={q} warning={r.paymentTermsWarning} onAwarded={setDealId} /> : null}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

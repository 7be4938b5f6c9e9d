import type { inferRouterOutputs } from "@trpc/server";
import type { InquiryStatus } from "@/domain/deals/inquiry-rules";
import type { AppRouter } from "@/server/api/root";

/** The API's outputs, for typing the inquiry pages and components. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const INQUIRY_STATUSES = ["invited", "quoted", "countered", "declined", "withdrawn", "awarded", "lost"] as const satisfies readonly InquiryStatus[];

export const inquiryStatusVariant: Record<InquiryStatus, "default" | "secondary" | "success" | "warning" | "destructive" | "outline"> = {
  invited: "outline",
  quoted: "default",
  countered: "warning",
  declined: "secondary",
  withdrawn: "secondary",
  awarded: "success",
  lost: "secondary",
};

/** A translator scoped to the `inquiries` namespace (server or client). */
type T = (key: string, values?: Record<string, string | number>) => string;

/** 款到发货 / 月结 30 天 / 承兑汇票 90 天. */
export function paymentTermsText(t: T, terms: { paymentTerms: string; paymentDays: number | null | undefined }): string {
  if (terms.paymentTerms === "prepay") return t("terms.prepay");
  const days = terms.paymentDays;
  if (days === null || days === undefined) return t(`terms.${terms.paymentTerms}NoDays`);
  return t(`terms.${terms.paymentTerms}`, { days });
}

/** "含税 · 专票" */
export function taxInvoiceText(t: T, q: { taxIncluded: boolean; invoiceType: string }): string {
  return `${q.taxIncluded ? t("terms.taxIncluded") : t("terms.taxExcluded")} · ${t(`terms.invoiceShort.${q.invoiceType}`)}`;
}

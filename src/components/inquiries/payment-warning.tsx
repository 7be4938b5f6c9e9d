import { AlertTriangle } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/**
 * 保障中小企业款项支付条例 (in force 2025-06-01): a large buyer pays an SME within 60 days. Shown on
 * the quote form, the comparison, the award dialog and the inquiry page when the terms exceed it.
 */
export function PaymentWarning({ compact = false, className }: { compact?: boolean; className?: string }) {
  const t = useTranslations("inquiries.warning");
  if (compact) {
    return (
      <span className={cn("inline-flex items-center gap-1 text-xs font-medium text-amber-800", className)} data-testid="payment-warning">
        <AlertTriangle className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
        {t("short")}
      </span>
    );
  }
  return (
    <div role="status" className={cn("flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900", className)} data-testid="payment-warning">
      <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden="true" />
      <div className="flex flex-col gap-1">
        <p className="font-semibold">{t("title")}</p>
        <p>{t("body")}</p>
      </div>
    </div>
  );
}

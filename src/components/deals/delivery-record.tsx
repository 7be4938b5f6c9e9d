import { PackageCheck } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { EmptyState } from "@/components/layout/page-header";
import type { Locale } from "@/domain/taxonomy";
import { Stars } from "./star-rating";
import type { DeliveryRecordView } from "./types";

/**
 * An organisation's delivery record as a supplier, on its public page: delivered orders, the share
 * delivered on time, and the average ratings its buyers gave (with how many ratings).
 */
export function DeliveryRecord({ record, name }: { record: DeliveryRecordView; name: string }) {
  const t = useTranslations("deals.record");
  const locale = useLocale() as Locale;
  return (
    <section aria-labelledby="delivery-record-title" className="flex flex-col gap-3" data-testid="delivery-record">
      <h2 id="delivery-record-title" className="text-xl font-semibold">
        {t("title")}
      </h2>
      {record.deliveredDeals === 0 && record.ratings === 0 ? (
        <EmptyState icon={<PackageCheck className="h-8 w-8" />} title={t("emptyTitle")} body={t("emptyBody", { name })} />
      ) : (
        <div className="grid gap-4 rounded-xl border bg-background p-5 sm:grid-cols-2 lg:grid-cols-4">
          <dl className="contents">
            <div data-testid="record-delivered">
              <dt className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("delivered")}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{record.deliveredDeals.toLocaleString(locale)}</dd>
            </div>
            <div data-testid="record-on-time">
              <dt className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("onTimeRate")}</dt>
              <dd className="mt-1">
                {record.onTimeRate === null ? (
                  <span className="text-muted-foreground">—</span>
                ) : (
                  <>
                    <span className="text-2xl font-semibold tabular-nums">{new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(record.onTimeRate)}</span>
                    <span className="block text-xs text-muted-foreground">{t("onTimeOf", { onTime: record.onTimeDeals, total: record.deliveredDeals })}</span>
                  </>
                )}
              </dd>
            </div>
            <div className="sm:col-span-2" data-testid="record-ratings">
              <dt className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("ratings", { count: record.ratings })}</dt>
              <dd className="mt-1">
                {record.ratings === 0 ? (
                  <span className="text-sm text-muted-foreground">{t("noRatings")}</span>
                ) : (
                  <dl className="flex flex-col gap-1 text-sm">
                    {(["avgOnTime", "avgQuality", "avgCommunication"] as const).map((k) => {
                      const v = record[k];
                      return v === null ? null : (
                        <div key={k} className="flex items-center justify-between gap-3">
                          <dt className="text-muted-foreground">{t(`criteria.${k}`)}</dt>
                          <dd>
                            <Stars value={v} label={t("average", { label: t(`criteria.${k}`), value: v.toFixed(1), count: record.ratings })} />
                          </dd>
                        </div>
                      );
                    })}
                  </dl>
                )}
              </dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}

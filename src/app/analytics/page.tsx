import { TRPCError } from "@trpc/server";
import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AnalyticsSection } from "@/components/analytics/analytics-table";
import { mapOption, monthlyOption, sourcingOption, supplyOption, valueOption } from "@/components/analytics/chart-options";
import { EChart } from "@/components/analytics/echart";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { analyticsInputSchema } from "@/domain/analytics/input";
import { buildTable, cityLabel } from "@/domain/analytics/tables";
import { getCity, localName, shandongCities, type Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics");
  return { title: t("metaTitle") };
}

/**
 * 统计分析 (issue 6): a service centre sees its city's cluster, a platform admin the province (or
 * one city). Each chart has the same figures as a table next to it, and every table downloads as
 * CSV and XLSX.
 */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/analytics");
  const [t, locale] = await Promise.all([getTranslations("analytics"), getLocale() as Promise<Locale>]);
  const sp = await searchParams;
  const parsed = analyticsInputSchema.safeParse({ from: sp.from || undefined, to: sp.to || undefined, city: sp.city || undefined });
  const input = parsed.success ? parsed.data : {};
  let o;
  try {
    o = await (await getServerCaller()).analytics.overview(input);
  } catch (e) {
    // A service centre whose plan lacks the brokering tools (docs/billing.md): say so and point to /billing.
    if (e instanceof TRPCError && e.code === "FORBIDDEN" && e.message === "billing.errors.featureNotInPlan")
      return (
        <div>
          <PageHeader title={t("title")} />
          <EmptyState
            icon={<BarChart3 className="h-10 w-10" />}
            title={t("notInPlan.title")}
            body={t("notInPlan.body")}
            action={
              <Button asChild>
                <Link href="/billing" data-testid="analytics-upgrade">
                  {t("notInPlan.action")}
                </Link>
              </Button>
            }
          />
        </div>
      );
    if (e instanceof TRPCError && e.code === "FORBIDDEN") return <NoOrganizationPage title={t("title")} reason={t("notAllowedTitle")} body={t("errors.forbidden")} icon={<BarChart3 className="h-10 w-10" />} />;
    throw e;
  }
  const isAdmin = viewer.user.isPlatformAdmin;
  const tt = (key: string) => t(key);
  const city = o.scope.cityAdcode ? getCity(o.scope.cityAdcode) : undefined;
  const cityOf = (adcode: string | null) => cityLabel(adcode, locale, tt);
  const query = new URLSearchParams(Object.entries({ from: o.period.from, to: o.period.to, ...(isAdmin && o.scope.cityAdcode ? { city: o.scope.cityAdcode } : {}) })).toString();
  const table = (name: "monthly" | "sourcing" | "supply" | "cities") => buildTable(name, o, tt, locale);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={city ? t("descriptionCity", { city: localName(city, locale) }) : t("descriptionProvince")} />
      <form method="get" action="/analytics" aria-label={t("filters.label")} className="flex flex-wrap items-end gap-3 rounded-xl border bg-background p-4" data-testid="analytics-filters">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="analytics-from">{t("filters.from")}</Label>
          <Input id="analytics-from" name="from" type="month" defaultValue={o.period.from} className="w-40" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="analytics-to">{t("filters.to")}</Label>
          <Input id="analytics-to" name="to" type="month" defaultValue={o.period.to} className="w-40" />
        </div>
        {isAdmin ? (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="analytics-city">{t("filters.city")}</Label>
            <Select id="analytics-city" name="city" defaultValue={o.scope.cityAdcode ?? ""} className="w-44" data-testid="analytics-city">
              <option value="">{t("filters.province")}</option>
              {shandongCities.map((c) => (
                <option key={c.adcode} value={c.adcode}>
                  {localName(c, locale)}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <Button type="submit">{t("filters.apply")}</Button>
        <p className="basis-full text-xs text-muted-foreground" data-testid="analytics-period">
          {t("period", { from: o.period.from, to: o.period.to })}
        </p>
      </form>

      <AnalyticsSection table="monthly" data={table("monthly")} query={query}>
        <div className="grid gap-4 lg:grid-cols-2">
          <EChart option={monthlyOption(o, tt)} label={t("charts.monthly")} describedBy="analytics-monthly-note" testId="chart-monthly" />
          <EChart option={valueOption(o, tt)} label={t("charts.value")} describedBy="analytics-monthly-note" testId="chart-value" />
        </div>
      </AnalyticsSection>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <AnalyticsSection table="sourcing" data={table("sourcing")} query={query}>
          <EChart option={sourcingOption(o, tt)} label={t("charts.sourcing")} describedBy="analytics-sourcing-note" height={180} testId="chart-sourcing" />
        </AnalyticsSection>
        <AnalyticsSection table="cities" data={table("cities")} query={query}>
          <EChart option={mapOption(o, tt, locale)} label={t("charts.map")} describedBy="analytics-cities-note" height={420} testId="chart-map" />
        </AnalyticsSection>
      </div>
      <AnalyticsSection table="supply" data={table("supply")} query={query}>
        {o.supply.length ? <EChart option={supplyOption(o, tt, locale, cityOf)} label={t("charts.supply")} describedBy="analytics-supply-note" height={Math.max(240, 48 * o.supply.length)} testId="chart-supply" /> : null}
      </AnalyticsSection>
    </div>
  );
}

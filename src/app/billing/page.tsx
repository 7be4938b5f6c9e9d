import { CreditCard } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { BankTransferSection } from "@/components/billing/bank-transfer-section";
import { InvoicesTable } from "@/components/billing/invoices-table";
import { PlanChooser, type PlanOffer } from "@/components/billing/plan-chooser";
import { PortalButton } from "@/components/billing/portal-button";
import { PageHeader } from "@/components/layout/page-header";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { MONTHLY_PRICE_FEN, PAID_PLAN_IDS, entitlementsOf } from "@/domain/billing/plans";
import { formatYuan } from "@/domain/deals/quote-view";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing");
  return { title: t("title") };
}

/**
 * 会员与套餐 (issue 7): the organisation's plan, usage against its limits, and how to upgrade: with
 * payments on, Stripe Checkout per paid plan, the customer portal and the invoices (docs/billing.md).
 */
export default async function BillingPage({ searchParams }: { searchParams: Promise<{ checkout?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/billing");
  const [t, format, locale, { checkout }] = await Promise.all([getTranslations("billing"), getFormatter(), getLocale(), searchParams]);
  if (!viewer.active) return <NoOrganizationPage title={t("title")} reason={t("noOrganization")} icon={<CreditCard className="h-10 w-10" />} />;
  const caller = await getServerCaller();
  const b = await caller.billing.mine();
  const sub = b.subscription;
  const canManage = viewer.active.role !== "member";
  // Stripe unreachable: the page still shows the plan; the invoices say why they are missing.
  const invoices = b.paymentsEnabled ? await caller.billing.invoices().catch(() => null) : [];
  const offers: PlanOffer[] = PAID_PLAN_IDS.map((id) => {
    const e = entitlementsOf(id);
    const limit = (n: number | null) => (n === null ? t("unlimited") : String(n));
    return {
      id,
      name: t(`plans.${id}`),
      price: t("chooser.perMonth", { price: formatYuan(MONTHLY_PRICE_FEN[id], locale) }),
      lines: [
        t("chooser.openDemands", { limit: limit(e.openDemands) }),
        t("chooser.publishedListings", { limit: limit(e.publishedListings) }),
        ...(["priorityPlacement", "featuredListings", "brokeringTools"] as const).filter((f) => e[f]).map((f) => t(`features.${f}`)),
      ],
    };
  });
  const resources = ["openDemands", "publishedListings"] as const;
  const features = ["priorityPlacement", "featuredListings", "brokeringTools"] as const;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {checkout === "success" ? (
        <Alert variant="success" data-testid="checkout-notice">
          {t("checkout.success")}
        </Alert>
      ) : checkout === "cancelled" ? (
        <Alert variant="info" data-testid="checkout-notice">
          {t("checkout.cancelled")}
        </Alert>
      ) : null}
      {b.paymentsEnabled ? (
        <Alert variant="info">{t("paymentsOn")}</Alert>
      ) : (
        <Alert variant="info" data-testid="payments-off">
          <strong>{t("paymentsOff.title")}</strong> {t("paymentsOff.body")}
        </Alert>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <Card aria-labelledby="billing-plan">
          <CardHeader>
            <CardTitle id="billing-plan">{t("currentPlan")}</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-2xl font-semibold" data-testid="billing-plan">
              {t(`plans.${b.plan}`)}
            </p>
            {sub ? (
              <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted-foreground">{t("status")}</dt>
                <dd>
                  <Badge>{t(`statuses.${sub.status}`)}</Badge>
                </dd>
                <dt className="text-muted-foreground">{t("source")}</dt>
                <dd>{t(`sources.${sub.source}`)}</dd>
                <dt className="text-muted-foreground">{t("until")}</dt>
                <dd>{sub.currentPeriodEnd ? format.dateTime(sub.currentPeriodEnd, { dateStyle: "medium" }) : t("noEnd")}</dd>
              </dl>
            ) : null}
            {b.paymentsEnabled && canManage && (sub?.source === "stripe" || (invoices?.length ?? 0) > 0) ? (
              <div className="mt-4">
                <PortalButton />
              </div>
            ) : null}
          </CardContent>
        </Card>
        <Card aria-labelledby="billing-usage">
          <CardHeader>
            <CardTitle id="billing-usage">{t("usage")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-4">
              {resources.map((r) => {
                const limit = b.entitlements[r];
                const used = b.usage[r];
                return (
                  <li key={r} className="flex flex-col gap-1.5" data-testid={`usage-${r}`}>
                    <div className="flex justify-between text-sm">
                      <span>{t(`resources.${r}`)}</span>
                      <span>{t("usageLine", { used, limit: limit === null ? t("unlimited") : String(limit) })}</span>
                    </div>
                    {limit !== null ? (
                      <progress className="h-2 w-full accent-primary" value={Math.min(used, limit)} max={limit} aria-label={t(`resources.${r}`)} />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </CardContent>
        </Card>
      </div>
      <Card aria-labelledby="billing-features">
        <CardHeader>
          <CardTitle id="billing-features">{t("features.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="flex flex-col gap-2 text-sm">
            {features.map((f) => (
              <li key={f} className="flex justify-between gap-4">
                <span>{t(`features.${f}`)}</span>
                <span className={b.entitlements[f] ? "" : "text-muted-foreground"}>{b.entitlements[f] ? t("features.included") : t("features.notIncluded")}</span>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      {b.paymentsEnabled ? <PlanChooser offers={offers} currentPlan={b.plan} canBuy={canManage} /> : null}
      {b.paymentsEnabled ? invoices ? <InvoicesTable invoices={invoices} /> : <Alert variant="error">{t("invoices.unavailable")}</Alert> : null}
      <BankTransferSection />
    </div>
  );
}

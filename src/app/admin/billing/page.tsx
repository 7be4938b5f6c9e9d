import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PlanGrants } from "@/components/admin/plan-grants";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getServerCaller } from "@/server/viewer";
import { adminMetadata, requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

export function generateMetadata(): Promise<Metadata> {
  return adminMetadata("billing");
}

export default async function AdminBillingPage() {
  if (!(await requireAdmin("/admin/billing"))) return null;
  const [caller, t, format, locale] = await Promise.all([getServerCaller(), getTranslations("billing.admin"), getFormatter(), getLocale()]);
  const subs = await caller.billing.subscriptions();
  const rows = subs.map((s) => ({
    organizationId: s.organizationId,
    organizationName: (locale === "en" && s.organizationNameEn) || s.organizationNameZh,
    plan: s.plan,
    effectivePlan: s.effectivePlan,
    status: s.status,
    source: s.source,
    until: s.currentPeriodEnd ? format.dateTime(s.currentPeriodEnd, { dateStyle: "medium" }) : null,
    updatedAt: s.updatedAt.toISOString(),
  }));
  return (
    <Card aria-labelledby="plan-grants-title">
      <CardHeader>
        <CardTitle id="plan-grants-title">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <PlanGrants rows={rows} />
      </CardContent>
    </Card>
  );
}

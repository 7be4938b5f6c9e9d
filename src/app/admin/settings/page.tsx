import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RateLimitForm } from "@/components/admin/rate-limit-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getServerCaller } from "@/server/viewer";
import { adminMetadata, requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

export function generateMetadata(): Promise<Metadata> {
  return adminMetadata("settings");
}

export default async function AdminSettingsPage() {
  if (!(await requireAdmin("/admin/settings"))) return null;
  const [caller, t] = await Promise.all([getServerCaller(), getTranslations("admin.settings")]);
  const rateLimit = await caller.admin.rateLimit();
  return (
    <Card aria-labelledby="rate-limit-title">
      <CardHeader>
        <CardTitle id="rate-limit-title">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <RateLimitForm initial={rateLimit} />
      </CardContent>
    </Card>
  );
}

import { ShieldOff } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [viewer, t] = await Promise.all([getViewer(), getTranslations("admin")]);
  // Signed out: the page redirects to sign-in with its own path as the callback (a layout cannot see it).
  if (!viewer) return children;
  if (!viewer.user.isPlatformAdmin) {
    return (
      <EmptyState
        icon={<ShieldOff className="h-10 w-10" />}
        title={t("forbidden.title")}
        body={t("forbidden.body")}
        action={
          <Button asChild variant="outline">
            <Link href="/">{t("forbidden.home")}</Link>
          </Button>
        }
      />
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <div>
        <PageHeader title={t("title")} description={t("description")} />
        <AdminTabs
          label={t("tabs.label")}
          tabs={[
            { href: "/admin", label: t("tabs.verification") },
            { href: "/admin/claims", label: t("tabs.claims") },
            { href: "/admin/outbox", label: t("tabs.outbox") },
            { href: "/admin/audit", label: t("tabs.audit") },
            { href: "/admin/settings", label: t("tabs.settings") },
            { href: "/admin/billing", label: t("tabs.billing") },
            { href: "/admin/bank-transfers", label: t("tabs.bankTransfers") },
          ]}
        />
      </div>
      {children}
    </div>
  );
}

import { Award } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CertificationManager } from "@/components/certifications/certification-manager";
import { PageHeader } from "@/components/layout/page-header";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certifications.my");
  return { title: t("title") };
}

export default async function MyCertificationsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/certifications");
  const t = await getTranslations("certifications.my");
  if (!viewer.active) return <NoOrganizationPage title={t("title")} reason={t("noOrganization")} icon={<Award className="h-10 w-10" />} />;
  const certificates = await (await getServerCaller()).certification.mine();
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <CertificationManager certificates={certificates} canManage={viewer.active.role === "owner" || viewer.active.role === "admin"} />
    </div>
  );
}

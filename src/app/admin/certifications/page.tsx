import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CertificateQueue } from "@/components/certifications/certificate-queue";
import { getServerCaller, getViewer } from "@/server/viewer";
import { requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [viewer, t, ta] = await Promise.all([getViewer(), getTranslations("certifications.admin"), getTranslations("admin")]);
  return { title: viewer?.user.isPlatformAdmin ? `${t("title")} · ${ta("title")}` : ta("forbidden.title") };
}

export default async function AdminCertificationsPage() {
  if (!(await requireAdmin("/admin/certifications"))) return null;
  const items = await (await getServerCaller()).certification.pending();
  return <CertificateQueue items={items} />;
}

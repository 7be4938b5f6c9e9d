import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReportQueue } from "@/components/listings/report-queue";
import { getServerCaller, getViewer } from "@/server/viewer";
import { requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [viewer, t, ta] = await Promise.all([getViewer(), getTranslations("listings.admin"), getTranslations("admin")]);
  return { title: viewer?.user.isPlatformAdmin ? `${t("reportsTitle")} · ${ta("title")}` : ta("forbidden.title") };
}

export default async function AdminReportsPage() {
  if (!(await requireAdmin("/admin/reports"))) return null;
  const items = await (await getServerCaller()).listing.reports();
  return <ReportQueue items={items} />;
}

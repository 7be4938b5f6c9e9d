import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DemandForm } from "@/components/demands/demand-form";
import { PageHeader } from "@/components/layout/page-header";
import { getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demands.meta");
  return { title: t("new") };
}

export default async function NewDemandPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/demands/new");
  // Demands belong to an organisation; /my/demands explains how to get one.
  if (!viewer.active) redirect("/my/demands");
  const t = await getTranslations("demands.form");
  return (
    <div className="mx-auto flex max-w-4xl flex-col">
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <DemandForm />
    </div>
  );
}

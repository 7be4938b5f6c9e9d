import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DemandForm } from "@/components/demands/demand-form";
import { PageHeader } from "@/components/layout/page-header";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demands.meta");
  return { title: t("edit") };
}

export default async function EditDemandPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=/my/demands/${id}/edit`);
  const caller = await getServerCaller();
  const data = await caller.demand.byId({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  });
  // Only the buyer organisation (as the active one) edits, and only while the demand is open.
  if (!data.viewer.canEdit) notFound();
  if (data.demand.status !== "open") redirect(`/demands/${id}`);
  const t = await getTranslations("demands.form");
  return (
    <div className="mx-auto flex max-w-4xl flex-col">
      <PageHeader title={t("editTitle")} description={t("editDescription")} />
      <DemandForm
        demand={{ ...data.demand, attachmentFileIds: data.demand.attachmentFileIds }}
        attachments={data.attachments.map((a) => ({ id: a.id, name: a.originalName ?? a.id, size: a.size }))}
      />
    </div>
  );
}

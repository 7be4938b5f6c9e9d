import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { ListingForm } from "@/components/listings/listing-form";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("listings.form");
  return { title: t("editTitle") };
}

export default async function EditListingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=/my/listings/${id}/edit`);
  if (!viewer.active) redirect("/my/listings");
  const caller = await getServerCaller();
  const data = await caller.listing.byId({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  });
  // Only the listing's own organisation edits it; admins read it but do not edit here.
  if (!data.canEdit || data.listing.status === "archived") notFound();
  const [t, tl, certificates] = await Promise.all([getTranslations("listings.form"), getTranslations("listings"), caller.certification.mine()]);
  return (
    <div>
      <PageHeader title={t("editTitle")} description={`${tl(`statuses.${data.listing.status}`)} · ${t("versionHint", { version: data.listing.version })}`} />
      <ListingForm listing={data.listing as unknown as Record<string, unknown> & { id: string; version: number; status: string }} certificationIds={data.certificationIds} certificates={certificates} />
    </div>
  );
}

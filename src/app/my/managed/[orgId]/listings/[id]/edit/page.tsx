import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { ListingForm } from "@/components/listings/listing-form";
import { orgName } from "@/components/org/display";
import type { Locale } from "@/domain/taxonomy";
import { loadManagedFirm } from "../../../load";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("listings.form");
  return { title: t("editTitle") };
}

/** Editing a managed firm's listing: the listing form, naming the firm; its certificates stay as they are. */
export default async function EditManagedListingPage({ params }: { params: Promise<{ orgId: string; id: string }> }) {
  const { orgId, id } = await params;
  const { caller, organization } = await loadManagedFirm(orgId, `/my/managed/${orgId}/listings/${id}/edit`);
  const data = await caller.managed.listing({ organizationId: orgId, id }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  if (data.listing.status === "archived") notFound();
  const [t, tl, tm, locale] = await Promise.all([getTranslations("listings.form"), getTranslations("listings"), getTranslations("managed.firm"), getLocale() as Promise<Locale>]);
  return (
    <div>
      <PageHeader
        title={t("editTitle")}
        description={`${tm("onBehalf", { name: orgName(organization, locale) })} · ${tl(`statuses.${data.listing.status}`)} · ${t("versionHint", { version: data.listing.version })}`}
      />
      <ListingForm
        listing={data.listing as unknown as Record<string, unknown> & { id: string; version: number; status: string }}
        certificationIds={data.certificationIds}
        certificates={data.certifications.map((c) => ({ ...c }))}
        organizationId={orgId}
      />
    </div>
  );
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { ListingForm } from "@/components/listings/listing-form";
import { orgName } from "@/components/org/display";
import type { Locale } from "@/domain/taxonomy";
import { loadManagedFirm } from "../../load";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("listings.form");
  return { title: t("newTitle") };
}

/** A new listing for a managed firm: the listing form, naming the firm. */
export default async function NewManagedListingPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { organization } = await loadManagedFirm(orgId, `/my/managed/${orgId}/listings/new`);
  const [t, tm, locale] = await Promise.all([getTranslations("listings.form"), getTranslations("managed.firm"), getLocale() as Promise<Locale>]);
  return (
    <div>
      <PageHeader title={t("newTitle")} description={tm("onBehalf", { name: orgName(organization, locale) })} />
      <ListingForm certificates={[]} organizationId={orgId} />
    </div>
  );
}

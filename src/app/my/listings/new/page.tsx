import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { ListingForm } from "@/components/listings/listing-form";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("listings.form");
  return { title: t("newTitle") };
}

export default async function NewListingPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/listings/new");
  if (!viewer.active) redirect("/my/listings");
  const [t, certificates] = await Promise.all([getTranslations("listings.form"), (await getServerCaller()).certification.mine()]);
  return (
    <div>
      <PageHeader title={t("newTitle")} />
      <ListingForm certificates={certificates} />
    </div>
  );
}

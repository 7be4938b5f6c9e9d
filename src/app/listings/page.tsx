import { Layers } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BrowsePlaceholder } from "@/components/org/browse-placeholder";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("org.browse.listings");
  return { title: t("title"), description: t("description") };
}

export default function ListingsPage() {
  return <BrowsePlaceholder kind="listings" icon={Layers} />;
}

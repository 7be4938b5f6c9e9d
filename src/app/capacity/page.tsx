import { Gauge } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BrowsePlaceholder } from "@/components/org/browse-placeholder";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("org.browse.capacity");
  return { title: t("title"), description: t("description") };
}

export default function CapacityPage() {
  return <BrowsePlaceholder kind="capacity" icon={Gauge} />;
}

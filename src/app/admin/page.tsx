import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { VerificationQueue, type PendingOrganization } from "@/components/admin/verification-queue";
import { orgAltName, orgName, placeName } from "@/components/org/display";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller } from "@/server/viewer";
import { adminMetadata, requireAdmin } from "./_lib/guard";

export const dynamic = "force-dynamic";

export function generateMetadata(): Promise<Metadata> {
  return adminMetadata("verification");
}

export default async function AdminVerificationPage() {
  if (!(await requireAdmin("/admin"))) return null;
  const [caller, locale, tc] = await Promise.all([getServerCaller(), getLocale() as Promise<Locale>, getTranslations("common")]);
  const pending = await caller.admin.pendingOrganizations();
  const items: PendingOrganization[] = pending.map((o) => ({
    id: o.id,
    name: orgName(o, locale),
    altName: orgAltName(o, locale),
    typeLabel: tc(`orgTypes.${o.type}`),
    uscc: o.uscc,
    place: placeName(o, locale),
    contact: [o.contactName, o.contactPhone, o.contactEmail].filter(Boolean).join(" · ") || null,
    website: o.website,
    licenseFileId: o.licenseFileId,
    submittedAt: o.updatedAt,
  }));
  return <VerificationQueue items={items} />;
}

import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { ClaimQueue } from "@/components/onboarding/claim-queue";
import { orgAltName, orgName, placeName } from "@/components/org/display";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller } from "@/server/viewer";
import { adminMetadata, requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

export function generateMetadata(): Promise<Metadata> {
  return adminMetadata("claims");
}

/** Claims (认领) of imported or centre-created profiles, for platform admins to approve or reject. */
export default async function AdminClaimsPage() {
  if (!(await requireAdmin("/admin/claims"))) return null;
  const [caller, locale] = await Promise.all([getServerCaller(), getLocale() as Promise<Locale>]);
  const claims = await caller.onboarding.pendingClaims();
  return (
    <ClaimQueue
      items={claims.map((c) => ({
        id: c.id,
        organizationId: c.organization.id,
        name: orgName(c.organization, locale),
        altName: orgAltName(c.organization, locale),
        place: placeName(c.organization, locale),
        address: c.organization.address,
        createdVia: c.organization.createdVia,
        storedUscc: c.organization.uscc,
        uscc: c.uscc,
        claimant: [c.claimant.name, c.claimant.email, c.claimant.phone].filter(Boolean).join(" · "),
        claimantOrgName: c.claimantOrgName,
        licenseFileId: c.licenseFileId,
        submittedAt: c.createdAt,
      }))}
    />
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { CertificateStatus } from "@/domain/certificates";
import { getCertification, localName, type Locale } from "@/domain/taxonomy";

export function schemeName(id: string, locale: Locale) {
  const scheme = getCertification(id);
  return scheme ? localName(scheme, locale) : id;
}

/**
 * A certificate as a badge: its scheme, and a warning when it does not count today (expired,
 * rejected, not yet valid). Verified ones say so; pending ones are plain.
 */
export function CertificateBadge({ cert }: { cert: { schemeId: string; status: CertificateStatus; verificationState: string; validTo: string | null } }) {
  const t = useTranslations("certifications");
  const locale = useLocale() as Locale;
  const name = schemeName(cert.schemeId, locale);
  const bad = cert.status !== "valid";
  return (
    <Badge
      variant={bad ? "destructive" : cert.verificationState === "verified" ? "success" : "outline"}
      data-testid="certificate-badge"
      data-status={cert.status}
      title={cert.validTo ? t("fields.validUntil", { date: cert.validTo }) : undefined}
    >
      {name}
      {bad ? <span>· {t(`status.${cert.status}`)}</span> : cert.verificationState === "verified" ? <span>· {t("verification.verified")}</span> : null}
    </Badge>
  );
}

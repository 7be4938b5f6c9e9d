"use client";

import { BadgeCheck, CalendarRange, MapPin } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { PlacementBadge } from "@/components/search/placement-badge";
import Link from "next/link";
import { CertificateBadge } from "@/components/certifications/certificate-badge";
import { Badge } from "@/components/ui/badge";
import type { CertificateStatus } from "@/domain/certificates";
import { getCity, localName, type Locale } from "@/domain/taxonomy";
import { chainLinkName, listingTitle, processNames, typedAmount } from "./display";

export interface ListingCardData {
  id: string;
  kind: "capability" | "capacity";
  chainLink: string;
  processes: string[];
  title: string;
  titleEn: string | null;
  capacityInputValue: number;
  capacityInputUnit: string;
  availableFrom: string | null;
  availableTo: string | null;
  photoFileIds: string[];
  orgId: string;
  orgNameZh: string;
  orgNameEn: string | null;
  orgVerificationState: string;
  cityAdcode: string | null;
  certifications: Array<{ id: string; schemeId: string; status: CertificateStatus; verificationState: string; validTo: string | null }>;
  /** The organisation's plan features its listings (docs/billing.md "Placement"). */
  featured?: boolean;
}

export function ListingCard({ l }: { l: ListingCardData }) {
  const t = useTranslations("listings");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const city = l.cityAdcode ? getCity(l.cityAdcode) : undefined;
  const orgName = locale === "en" && l.orgNameEn ? l.orgNameEn : l.orgNameZh;
  return (
    <li className="flex flex-col gap-3 rounded-xl border bg-background p-4 shadow-sm sm:flex-row" data-testid="listing-card">
      {l.photoFileIds[0] ? (
        // eslint-disable-next-line @next/next/no-img-element -- served by /api/files with its own caching
        <img src={`/api/files/${l.photoFileIds[0]}`} alt="" className="h-32 w-full shrink-0 rounded-lg object-cover sm:h-24 sm:w-32" loading="lazy" />
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={l.kind === "capacity" ? "warning" : "secondary"}>{t(`kinds.${l.kind}`)}</Badge>
          <Badge variant="outline">{chainLinkName(l.chainLink, locale)}</Badge>
        </div>
        <h3 className="break-words text-lg font-semibold">
          <Link href={`/listings/${l.id}`} className="hover:underline" data-testid="listing-card-link">
            {listingTitle(l, locale)}
          </Link>
        </h3>
        <p className="text-sm text-muted-foreground">{processNames(l.processes, locale).join(" · ")}</p>
        <p className="text-sm">
          {t("labelValue", { label: t("fields.capacity"), value: typedAmount(l.capacityInputValue, l.capacityInputUnit, locale) ?? "" })}
        </p>
        {l.kind === "capacity" && l.availableFrom && l.availableTo ? (
          <p className="flex items-center gap-1 text-sm">
            <CalendarRange className="h-4 w-4" aria-hidden="true" />
            <span className="sr-only">{t("fields.window")}:</span>
            {t("fields.windowText", { from: l.availableFrom, to: l.availableTo })}
          </p>
        ) : null}
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
          <Link href={`/org/${l.orgId}`} className="inline-flex items-center gap-1 font-medium text-foreground hover:underline">
            {orgName}
            {l.orgVerificationState === "verified" ? <BadgeCheck className="h-4 w-4 text-emerald-600" aria-label={tc("verification.verified")} role="img" /> : null}
          </Link>
          {l.featured ? <PlacementBadge kind="featured" label={t("board.featured")} /> : null}
          {city ? (
            <span className="inline-flex items-center gap-1">
              <MapPin className="h-3.5 w-3.5" aria-hidden="true" />
              {localName(city, locale)}
            </span>
          ) : null}
        </p>
        {l.certifications.length ? (
          <div className="flex flex-wrap gap-1">
            {l.certifications.map((c) => (
              <CertificateBadge key={c.id} cert={c} />
            ))}
          </div>
        ) : null}
      </div>
    </li>
  );
}

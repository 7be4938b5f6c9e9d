import { MapPin } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { orgName } from "@/components/org/display";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Badge } from "@/components/ui/badge";
import type { Locale } from "@/domain/taxonomy";
import { DeadlineCountdown } from "./deadline-countdown";
import { certificationNames, chainLinkName, cityName, processNames, quantityText } from "./display";

export interface BoardItem {
  id: string;
  title: string;
  chainLink: string | null;
  processes: string[];
  quantityInputValue: number | null;
  quantityInputUnit: string | null;
  needBy: string | null;
  deliverCityAdcode: string | null;
  requiredCertifications: string[];
  quoteDeadline: Date | null;
  samplesWanted: boolean;
  buyerId: string;
  buyerNameZh: string;
  buyerNameEn: string | null;
  buyerVerificationState: string;
}

/** One demand on the board: what, how much, where, by when, from whom. */
export function DemandCard({ item, serverNow }: { item: BoardItem; serverNow: string }) {
  const t = useTranslations("demands");
  const locale = useLocale() as Locale;
  const link = chainLinkName(item.chainLink, locale);
  const city = cityName(item.deliverCityAdcode, locale);
  const quantity = quantityText(item, locale);
  const tags = [...(link ? [link] : []), ...processNames(item.processes, locale)];
  const certs = certificationNames(item.requiredCertifications, locale);
  return (
    <li className="flex flex-col gap-3 rounded-xl border bg-background p-4 shadow-xs" data-testid="demand-card">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <h2 className="text-base font-semibold leading-snug">
          <Link href={`/demands/${item.id}`} className="hover:underline" data-testid="demand-card-link">
            {item.title}
          </Link>
        </h2>
        {quantity ? <span className="shrink-0 text-sm font-medium" data-testid="demand-card-quantity">{quantity}</span> : null}
      </div>
      <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
        <span>{orgName({ nameZh: item.buyerNameZh, nameEn: item.buyerNameEn }, locale)}</span>
        {item.buyerVerificationState === "verified" ? <VerifiedBadge /> : null}
      </p>
      {tags.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label={t("fields.what")}>
          {tags.map((tag) => (
            <li key={tag}>
              <Badge variant="secondary">{tag}</Badge>
            </li>
          ))}
          {certs.map((c) => (
            <li key={c}>
              <Badge variant="outline">{c}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        {city ? (
          <span className="inline-flex items-center gap-1">
            <MapPin className="h-3.5 w-3.5 text-muted-foreground" aria-hidden="true" />
            <span className="sr-only">{t("fields.deliverTo")}: </span>
            {city}
          </span>
        ) : null}
        {item.needBy ? (
          <span>
            {t("fields.needBy")} {item.needBy}
          </span>
        ) : null}
        {item.samplesWanted ? <span>{t("fields.samples")}</span> : null}
        {item.quoteDeadline ? <DeadlineCountdown deadline={item.quoteDeadline.toISOString()} serverNow={serverNow} compact /> : null}
      </div>
    </li>
  );
}

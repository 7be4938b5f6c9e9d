"use client";

import { CalendarRange, MapPin, Navigation } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { certificationNames, chainLinkName, cityName, processNames } from "@/components/demands/display";
import { canonicalAmount, fiberNames } from "@/components/listings/display";
import { orgName } from "@/components/org/display";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { PlacementBadge } from "@/components/search/placement-badge";
import { Badge } from "@/components/ui/badge";
import type { Locale } from "@/domain/taxonomy";
import type { InstantSearchHit } from "@/server/services/search";

/** `<mark>` inside highlighted fragments, readable in both colour schemes. */
export const markClasses = "[&_mark]:rounded-sm [&_mark]:bg-amber-200 [&_mark]:px-0.5 [&_mark]:text-inherit";

/**
 * Server-escaped highlight HTML (only <mark> tags, see services/search.ts `onlyMarks`). Nothing else
 * on this page is rendered as HTML.
 */
function Highlighted({ html, text, className }: { html?: string; text: string; className?: string }) {
  if (!html) return <span className={className}>{text}</span>;
  return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One search result: what, who, how much, where; the title links to the listing or demand. */
export function SearchHitCard({ hit }: { hit: InstantSearchHit }) {
  const t = useTranslations("search");
  const locale = useLocale() as Locale;
  // The title in the reader's language when there is one; a match in the other one is shown under it.
  const primary = locale === "en" ? (hit.titleEn ? "titleEn" : "titleZh") : hit.titleZh ? "titleZh" : "titleEn";
  const secondary = primary === "titleZh" ? "titleEn" : "titleZh";
  const title = hit[primary] ?? hit[secondary] ?? "";
  const href = hit.entity === "listing" ? `/listings/${hit.id}` : `/demands/${hit.id}`;
  const link = chainLinkName(hit.chainLink, locale);
  const what = [...processNames(hit.processes, locale), ...fiberNames(hit.fibers, locale)];
  const certs = certificationNames(hit.certifications, locale);
  const city = cityName(hit.cityAdcode, locale);
  const amount = hit.amount ? canonicalAmount(hit.amount.value, hit.amount.unit, locale) : null;
  const facts = [
    amount ? t(hit.entity === "listing" ? "hit.capacity" : "hit.quantity", { amount }) : null,
    hit.leadTimeDays !== null ? t("hit.leadTime", { days: hit.leadTimeDays }) : null,
    hit.needBy ? t("hit.needBy", { date: hit.needBy }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <li className="flex flex-col gap-2 rounded-xl border bg-background p-4 shadow-xs" data-testid="search-hit" data-entity={hit.entity}>
      <div className="flex flex-wrap items-center gap-2">
        {hit.kind ? (
          <Badge variant={hit.kind === "capacity" ? "warning" : "secondary"}>{t(`filters.kind.${hit.kind}`)}</Badge>
        ) : (
          <Badge variant="success">{t("hit.demand")}</Badge>
        )}
        {link ? <Badge variant="outline">{link}</Badge> : null}
        {hit.featured ? <PlacementBadge kind="featured" label={t("hit.featured")} /> : null}
        {hit.priority ? <PlacementBadge kind="priority" label={t("hit.priority")} /> : null}
        {hit.distanceKm !== null ? (
          <span className="ml-auto inline-flex items-center gap-1 text-xs text-muted-foreground" data-testid="search-hit-distance">
            <Navigation className="h-3.5 w-3.5" aria-hidden="true" />
            {t("hit.distance", { km: new Intl.NumberFormat(locale, { maximumFractionDigits: hit.distanceKm < 10 ? 1 : 0 }).format(hit.distanceKm) })}
          </span>
        ) : null}
      </div>
      <h3 className={`break-words text-base font-semibold leading-snug md:text-lg ${markClasses}`}>
        <Link href={href} className="hover:underline focus-visible:underline" data-testid="search-hit-link">
          <Highlighted html={hit.highlights[primary] ?? (hit[primary] ? undefined : hit.highlights[secondary])} text={title} />
        </Link>
      </h3>
      {hit[primary] && hit.highlights[secondary] ? (
        <p className={`text-sm text-muted-foreground ${markClasses}`}>
          <Highlighted html={hit.highlights[secondary]} text="" />
        </p>
      ) : null}
      {hit.highlights.description ? (
        <p className={`line-clamp-2 text-sm text-muted-foreground ${markClasses}`} data-testid="search-hit-snippet">
          <Highlighted html={hit.highlights.description} text="" />
        </p>
      ) : null}
      {what.length ? <p className="text-sm">{what.join(" · ")}</p> : null}
      {facts.length ? <p className="text-sm font-medium">{facts.join(" · ")}</p> : null}
      {hit.availableFrom && hit.availableTo ? (
        <p className="flex items-center gap-1 text-sm">
          <CalendarRange className="h-4 w-4" aria-hidden="true" />
          {t("hit.window", { from: hit.availableFrom, to: hit.availableTo })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
        <span className="font-medium text-foreground">{orgName({ nameZh: hit.orgNameZh, nameEn: hit.orgNameEn }, locale)}</span>
        {hit.verified ? <VerifiedBadge /> : null}
        {city ? (
          <span className="inline-flex items-center gap-1">
            <MapPin className="h-3.5 w-3.5" aria-hidden="true" />
            {city}
          </span>
        ) : null}
      </div>
      {certs.length ? (
        <ul className="flex flex-wrap gap-1" aria-label={t("filters.groups.certification")}>
          {certs.map((c) => (
            <li key={c}>
              <Badge variant="outline">{c}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

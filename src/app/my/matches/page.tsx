import { Factory, Inbox, MapPin } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cityName, quantityText } from "@/components/demands/display";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { ReasonList, GradeBadge } from "@/components/matching/reason-list";
import { reasonSentences, type ReasonT } from "@/components/matching/reasons";
import { chinaDate, dateFormat, orgName } from "@/components/org/display";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { PlacementBadge } from "@/components/search/placement-badge";
import { Button } from "@/components/ui/button";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("matching.mine");
  return { title: t("metaTitle") };
}

/** "Demands that fit you": open public demands the active organisation's published listings can serve. */
export default async function MyMatchesPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/matches");
  const [t, tm, locale, format] = await Promise.all([getTranslations("matching.mine"), getTranslations("matching"), getLocale() as Promise<Locale>, getFormatter()]);
  if (!viewer.active) return <NoOrganizationPage title={t("title")} reason={t("noOrgTitle")} body={t("noOrgBody")} />;
  const data = await (await getServerCaller()).match.forMyListings({ top: 50 });
  const tr = tm as unknown as ReasonT;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { date: data.asOf })} />
      {data.listingCount === 0 ? (
        <EmptyState
          icon={<Factory className="h-10 w-10" />}
          title={t("noListingsTitle")}
          body={t("noListingsBody")}
          action={
            <Button asChild>
              <Link href="/my/listings/new">{t("newListing")}</Link>
            </Button>
          }
        />
      ) : data.items.length === 0 ? (
        <EmptyState
          icon={<Inbox className="h-10 w-10" />}
          title={t("emptyTitle")}
          body={t("emptyBody", { count: data.listingCount })}
          action={
            <Button asChild variant="outline">
              <Link href="/demands">{t("browse")}</Link>
            </Button>
          }
        />
      ) : (
        <ol className="flex flex-col gap-4" aria-label={t("listLabel")} data-testid="my-matches">
          {data.items.map((d, i) => {
            const city = cityName(d.deliverCityAdcode, locale);
            const quantity = quantityText(d, locale);
            return (
              <li key={d.demandId} className="rounded-xl border bg-background p-4" data-testid="my-match" data-demand-id={d.demandId} data-priority={d.priority ? "true" : undefined} aria-labelledby={`m-${d.demandId}`}>
                <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
                  <div className="flex min-w-0 flex-col gap-1.5">
                    {d.priority ? (
                      <p>
                        <PlacementBadge kind="priority" label={t("priority")} />
                      </p>
                    ) : null}
                    <h2 id={`m-${d.demandId}`} className="break-words text-base font-semibold">
                      <Link href={`/demands/${d.demandId}`} className="underline-offset-4 hover:underline">
                        {d.title}
                      </Link>
                    </h2>
                    <p className="flex flex-wrap items-center gap-2 text-sm">
                      <span className="text-muted-foreground">{t("buyer")}</span>
                      <Link href={`/org/${d.buyer.id}`} className="font-medium underline-offset-4 hover:underline">
                        {orgName(d.buyer, locale)}
                      </Link>
                      {d.buyer.verified ? <VerifiedBadge /> : null}
                    </p>
                    <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted-foreground">
                      {city ? (
                        <span className="inline-flex items-center gap-1">
                          <MapPin className="h-3.5 w-3.5" aria-hidden="true" />
                          {t("deliverTo", { city })}
                        </span>
                      ) : null}
                      {d.distanceKm !== null ? <span>{tm("distanceKm", { km: Math.round(d.distanceKm) })}</span> : null}
                      {d.needBy ? <span>{t("needBy", { date: format.dateTime(chinaDate(d.needBy), dateFormat) })}</span> : null}
                      {quantity ? <span>{t("quantity", { quantity })}</span> : null}
                    </p>
                    <p className="text-sm">
                      <Link href={`/listings/${d.listing.id}`} className="text-primary underline-offset-4 hover:underline">
                        {t("viaListing", { title: d.listing.title })}
                      </Link>
                      {d.otherListings.length ? <span className="ml-2 text-muted-foreground">{t("alsoFits", { count: d.otherListings.length })}</span> : null}
                    </p>
                  </div>
                  <div className="flex flex-row items-center gap-3 md:flex-col md:items-end">
                    <GradeBadge score={d.score} label={tm("grade.label")} names={{ ideal: tm("grade.ideal"), good: tm("grade.good"), marginal: tm("grade.marginal") }} />
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/demands/${d.demandId}`}>{t("open")}</Link>
                    </Button>
                  </div>
                </div>
                <details className="mt-3" open={i < 3}>
                  <summary className="cursor-pointer text-sm font-medium underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">{tm("whyDemand")}</summary>
                  <div className="mt-2">
                    <ReasonList sentences={reasonSentences(d.reasons, tr, locale)} label={tm("whyDemand")} caution={tm("caution")} />
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

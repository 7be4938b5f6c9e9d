import { Gauge } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { BrowseFilters } from "@/components/listings/browse-filters";
import { canonicalAmount, chainLinkName, listingTitle, typedAmount } from "@/components/listings/display";
import { Button } from "@/components/ui/button";
import { PlacementBadge } from "@/components/search/placement-badge";
import { certificationIds, chainLinkIds, getCity, localName, processIds, shandongCityAdcodes, type Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("listings.board");
  return { title: t("title"), description: t("description") };
}

const querySchema = z.object({
  chainLink: z.enum(chainLinkIds).optional().catch(undefined),
  process: z.enum(processIds).optional().catch(undefined),
  cityAdcode: z.enum(shandongCityAdcodes).optional().catch(undefined),
  certification: z.enum(certificationIds).optional().catch(undefined),
});

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

export default async function CapacityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const q = querySchema.parse(raw);
  const [t, tb, viewer, locale, format, caller] = await Promise.all([
    getTranslations("listings.board"),
    getTranslations("listings"),
    getViewer(),
    getLocale() as Promise<Locale>,
    getFormatter(),
    getServerCaller(),
  ]);
  const board = await caller.listing.board({ ...q, months: 6 });
  const monthLabel = (m: string) => format.dateTime(new Date(`${m}-15T00:00:00+08:00`), { year: "numeric", month: "short", timeZone: "Asia/Shanghai" });
  const start = dayNumber(`${board.months[0]}-01`);
  const [ly, lm] = board.months[board.months.length - 1]!.split("-").map(Number) as [number, number];
  const end = Date.UTC(ly, lm, 1) / DAY;
  const span = end - start;
  const ctaHref = !viewer ? "/signup" : viewer.active ? "/my/listings/new" : "/my/organization/new";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild>
            <Link href={ctaHref}>{t("publishCapacity")}</Link>
          </Button>
        }
      />
      <BrowseFilters values={q} action="/capacity" showKind={false} />
      {board.total === 0 ? (
        <EmptyState
          icon={<Gauge className="h-10 w-10" />}
          title={t("emptyTitle")}
          body={t("emptyBody")}
          action={
            <Button asChild>
              <Link href={ctaHref}>{t("publishCapacity")}</Link>
            </Button>
          }
        />
      ) : (
        <>
          <section aria-labelledby="grid-title" className="flex flex-col gap-3">
            <h2 id="grid-title" className="text-xl font-semibold">
              {t("grid")}
            </h2>
            <div className="overflow-x-auto rounded-xl border bg-background">
              <table className="w-full min-w-[720px] border-collapse text-sm" data-testid="capacity-grid">
                <caption className="sr-only">{t("caption")}</caption>
                <thead>
                  <tr className="border-b bg-muted/50">
                    <th scope="col" className="sticky left-0 bg-muted/50 px-3 py-2 text-left font-medium">
                      {t("chainLink")}
                    </th>
                    {board.months.map((m) => (
                      <th key={m} scope="col" className="px-3 py-2 text-left font-medium">
                        {monthLabel(m)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {board.rows.map((row) => (
                    <tr key={row.chainLink} className="border-b last:border-0" data-testid="capacity-row" data-chain-link={row.chainLink}>
                      <th scope="row" className="sticky left-0 bg-background px-3 py-2 text-left font-medium">
                        <Link href={`/listings?kind=capacity&chainLink=${row.chainLink}${q.cityAdcode ? `&cityAdcode=${q.cityAdcode}` : ""}`} className="hover:underline">
                          {chainLinkName(row.chainLink, locale)}
                        </Link>
                      </th>
                      {board.months.map((m) => {
                        const cell = row.cells[m];
                        return (
                          <td key={m} className="px-3 py-2 align-top" data-testid="capacity-cell" data-month={m}>
                            {cell ? (
                              <div className="flex flex-col gap-0.5">
                                <span className="whitespace-nowrap font-semibold">{t("cellCount", { count: cell.count })}</span>
                                {Object.entries(cell.totals).map(([unit, value]) => (
                                  <span key={unit} className="whitespace-nowrap text-xs text-muted-foreground">
                                    {canonicalAmount(value, unit, locale)}
                                  </span>
                                ))}
                              </div>
                            ) : (
                              <span className="text-muted-foreground" aria-label="0">
                                {t("emptyCell")}
                              </span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="timeline-title" className="flex flex-col gap-3">
            <h2 id="timeline-title" className="text-xl font-semibold">
              {t("timeline")}
            </h2>
            <ul className="flex flex-col gap-2" data-testid="capacity-timeline">
              {board.timeline.map((l) => {
                const from = Math.max(start, dayNumber(l.availableFrom ?? board.today));
                const to = Math.min(end, dayNumber(l.availableTo!) + 1);
                const left = ((from - start) / span) * 100;
                const width = Math.max(1, ((to - from) / span) * 100);
                const city = l.cityAdcode ? getCity(l.cityAdcode) : undefined;
                return (
                  <li key={l.id} className="rounded-lg border bg-background p-3" data-testid="capacity-timeline-item">
                    <div className="flex flex-col gap-1 md:flex-row md:items-baseline md:justify-between">
                      <span className="flex flex-wrap items-center gap-2">
                        <Link href={`/listings/${l.id}`} className="break-words font-medium hover:underline">
                          {listingTitle(l, locale)}
                        </Link>
                        {l.featured ? <PlacementBadge kind="featured" label={t("featured")} /> : null}
                      </span>
                      <span className="text-sm text-muted-foreground">
                        {tb("fields.windowText", { from: l.availableFrom ?? board.today, to: l.availableTo ?? "" })}
                      </span>
                    </div>
                    <p className="text-sm text-muted-foreground">
                      {[chainLinkName(l.chainLink, locale), typedAmount(l.capacityInputValue, l.capacityInputUnit, locale), locale === "en" && l.orgNameEn ? l.orgNameEn : l.orgNameZh, city ? localName(city, locale) : null]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                    <div className="relative mt-2 h-2 rounded-full bg-muted" aria-hidden="true">
                      <div className="absolute h-2 rounded-full bg-primary" style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
                    </div>
                  </li>
                );
              })}
            </ul>
            {board.total > board.timeline.length ? (
              <p className="text-sm text-muted-foreground">
                {t("more", { shown: board.timeline.length, total: board.total })}{" "}
                <Link href={`/listings?kind=capacity${q.chainLink ? `&chainLink=${q.chainLink}` : ""}${q.cityAdcode ? `&cityAdcode=${q.cityAdcode}` : ""}`} className="text-primary hover:underline">
                  {t("seeAll")}
                </Link>
              </p>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}

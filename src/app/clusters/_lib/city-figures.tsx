import { BarChart3, Gauge, Handshake, Megaphone } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { canonicalAmount, chainLinkName } from "@/components/listings/display";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatYuan } from "@/domain/deals/quote-view";
import type { Locale } from "@/domain/taxonomy";
import type { Amount, CityFigures } from "@/server/services/cluster-figures";

const amounts = (list: Amount[], locale: Locale) => (list.length === 0 ? "—" : list.map((a) => canonicalAmount(a.value, a.unit, locale)).join(" · "));
const linkClass = "text-primary underline-offset-4 hover:underline";

/** The live figures of a city (issue 6): totals, a table by chain link and deals per month. */
export async function CityLiveFigures({ figures, city, locale }: { figures: CityFigures; city: string; locale: Locale }) {
  const [t, format] = await Promise.all([getTranslations("clusters"), getFormatter()]);
  const q = (chainLink: string, key: "city" | "cityAdcode") => `?${new URLSearchParams({ [key]: figures.adcode, chainLink })}`;
  const tiles = [
    { key: "listings", icon: BarChart3, value: figures.listings, href: `/listings?cityAdcode=${figures.adcode}`, hint: null },
    { key: "spare", icon: Gauge, value: figures.spareListings, href: `/capacity?cityAdcode=${figures.adcode}`, hint: t("live.spareHint") },
    { key: "openDemands", icon: Megaphone, value: figures.openDemands, href: `/demands?city=${figures.adcode}`, hint: null },
  ] as const;
  const monthLabel = (m: string) => format.dateTime(new Date(`${m}-15T00:00:00+08:00`), { year: "numeric", month: "short", timeZone: "Asia/Shanghai" });
  const min = figures.deals.minimum;

  return (
    <section aria-labelledby="live-title" className="flex flex-col gap-4" data-testid="city-live-figures">
      <div>
        <h2 id="live-title" className="text-xl font-semibold">
          {t("live.title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("live.body")}</p>
      </div>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {tiles.map(({ key, icon: Icon, value, href, hint }) => (
          <div key={key} className="rounded-xl border bg-background px-4 py-3">
            <dt className="flex items-center gap-2 text-sm text-muted-foreground">
              <Icon className="h-4 w-4 text-primary" aria-hidden="true" />
              {t(`live.${key}`)}
            </dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`live-${key}`}>
              <Link href={href} className={linkClass}>
                {format.number(value)}
              </Link>
            </dd>
            {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
          </div>
        ))}
      </dl>

      <Card aria-labelledby="by-link-title">
        <CardHeader>
          <CardTitle id="by-link-title" className="text-base">
            {t("links.title")}
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-2">
          {figures.chainLinks.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("links.empty")}</p>
          ) : (
            // Scrolls sideways on a phone: focusable so the keyboard can scroll it too.
            <div className="overflow-x-auto" role="region" tabIndex={0} aria-labelledby="by-link-title">
              <table className="w-full min-w-[40rem] text-left text-sm" data-testid="city-link-figures">
                <caption className="sr-only">{t("links.caption", { city })}</caption>
                <thead className="text-xs text-muted-foreground">
                  <tr className="border-b">
                    <th scope="col" className="py-2 pr-3 font-medium">{t("links.link")}</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">{t("links.listings")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("links.capacity")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("links.spare")}</th>
                    <th scope="col" className="py-2 text-right font-medium">{t("links.demands")}</th>
                  </tr>
                </thead>
                <tbody>
                  {figures.chainLinks.map((r) => {
                    const name = chainLinkName(r.chainLink, locale);
                    return (
                      <tr key={r.chainLink} className="border-b last:border-0">
                        <th scope="row" className="py-2 pr-3 font-medium">{name}</th>
                        <td className="py-2 pr-3 text-right tabular-nums">
                          {r.listings > 0 ? (
                            <Link href={`/listings${q(r.chainLink, "cityAdcode")}`} className={linkClass} aria-label={`${format.number(r.listings)} · ${t("links.viewListings", { link: name })}`}>
                              {format.number(r.listings)}
                            </Link>
                          ) : (
                            0
                          )}
                        </td>
                        <td className="py-2 pr-3 tabular-nums">{amounts(r.capacity, locale)}</td>
                        <td className="py-2 pr-3 tabular-nums">
                          {r.spareListings > 0 ? (
                            <Link href={`/capacity${q(r.chainLink, "cityAdcode")}`} className={linkClass} aria-label={`${amounts(r.spare, locale)} · ${t("links.viewSpare", { link: name })}`}>
                              {amounts(r.spare, locale)}
                            </Link>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td className="py-2 text-right tabular-nums">
                          {r.openDemands > 0 ? (
                            <Link href={`/demands${q(r.chainLink, "city")}`} className={linkClass} aria-label={`${format.number(r.openDemands)} · ${t("links.viewDemands", { link: name })}`}>
                              {format.number(r.openDemands)}
                            </Link>
                          ) : (
                            0
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {figures.otherDemands > 0 ? <p className="text-xs text-muted-foreground">{t("links.otherDemands", { count: figures.otherDemands })}</p> : null}
        </CardContent>
      </Card>

      <Card aria-labelledby="deals-title">
        <CardHeader>
          <CardTitle id="deals-title" className="flex items-center gap-2 text-base">
            <Handshake className="h-4 w-4 text-primary" aria-hidden="true" />
            {t("deals.title")}
          </CardTitle>
          <p className="text-sm text-muted-foreground">{t("deals.body", { min })}</p>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <table className="w-full min-w-[20rem] text-left text-sm" data-testid="city-deal-figures">
            <caption className="sr-only">{t("deals.caption", { city })}</caption>
            <thead className="text-xs text-muted-foreground">
              <tr className="border-b">
                <th scope="col" className="py-2 pr-3 font-medium">{t("deals.month")}</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">{t("deals.count")}</th>
                <th scope="col" className="py-2 text-right font-medium">{t("deals.value")}</th>
              </tr>
            </thead>
            <tbody>
              {figures.deals.months.map((m) => (
                <tr key={m.month} className="border-b last:border-0">
                  <th scope="row" className="py-2 pr-3 font-medium">{monthLabel(m.month)}</th>
                  {m.deals === null || m.amountFen === null ? (
                    <>
                      <td className="py-2 pr-3 text-right text-muted-foreground">{t("deals.few", { min })}</td>
                      <td className="py-2 text-right text-muted-foreground">{t("deals.hidden")}</td>
                    </>
                  ) : (
                    <>
                      <td className="py-2 pr-3 text-right tabular-nums">{format.number(m.deals)}</td>
                      <td className="py-2 text-right tabular-nums">{formatYuan(m.amountFen, locale)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
    </section>
  );
}

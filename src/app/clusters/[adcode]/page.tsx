import { Award, Building2, ChevronRight, Factory, Store } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { countiesOf, getCity, getProduct, localName, shandong, shandongCities, type Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";
import { CityLiveFigures } from "../_lib/city-figures";
import { chainLinksInOrder, cityAltName, LocalClusterItem, PolicyClusterLabel } from "../_lib/cluster-bits";
import { policyClustersOf } from "../_lib/policy-clusters";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ adcode: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { adcode } = await params;
  const city = getCity(adcode);
  if (!city) notFound();
  const [t, locale] = await Promise.all([getTranslations("taxonomy.city"), getLocale() as Promise<Locale>]);
  return { title: t("metaTitle", { city: localName(city, locale) }) };
}

export default async function CityPage({ params }: Params) {
  const { adcode } = await params;
  const city = getCity(adcode);
  if (!city) notFound();
  const [t, tt, to, tc, locale, viewer, figures] = await Promise.all([
    getTranslations("taxonomy.city"),
    getTranslations("taxonomy"),
    getTranslations("onboarding.cluster"),
    getTranslations("clusters"),
    getLocale() as Promise<Locale>,
    getViewer(),
    getServerCaller().then((c) => c.cluster.city({ adcode: city.adcode })),
  ]);
  const firms = figures.firms;
  const name = localName(city, locale);
  const cityCounties = countiesOf(city.adcode);
  const titles = policyClustersOf(city.adcode);
  const markets = shandong.markets.filter((m) => m.cityAdcode === city.adcode);
  const links = chainLinksInOrder(city.chainLinks);
  const countyNote = (countyAdcode: string, raw: string) => {
    const key = `countyNotes.${countyAdcode}`;
    if (tt.has(key)) return tt(key);
    return locale === "zh-CN" ? raw : null;
  };

  return (
    <div className="flex flex-col gap-8">
      <nav aria-label={t("breadcrumb")} className="text-sm text-muted-foreground">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/clusters" className="underline-offset-4 hover:text-primary hover:underline">
              {tt("clusters.title")}
            </Link>
          </li>
          <li aria-hidden="true">
            <ChevronRight className="h-4 w-4" />
          </li>
          <li aria-current="page" className="text-foreground">
            {name}
          </li>
        </ol>
      </nav>

      <PageHeader
        title={
          <>
            {name} <span className="text-lg font-normal text-muted-foreground" lang={locale === "zh-CN" ? "en" : "zh-CN"}>{cityAltName(city, locale)}</span>
          </>
        }
        description={city.specialties.length > 0 ? city.specialties.map((s) => localName(s, locale)).join(locale === "zh-CN" ? "；" : "; ") : t("noSpecialties")}
        actions={
          <Button asChild>
            <Link href={viewer ? "/my/organization" : "/signup"}>{t(viewer ? "ctaMember" : "ctaGuest", { city: name })}</Link>
          </Button>
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2" aria-labelledby="links-title">
          <CardHeader>
            <CardTitle id="links-title">{t("chainLinksTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            {links.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("noChainLinks")}</p>
            ) : (
              <ul className="flex flex-col divide-y">
                {links.map((c) => (
                  <li key={c.id} className="py-3 first:pt-0 last:pb-0">
                    <span className="font-medium">{localName(c, locale)}</span>
                    <p className="mt-0.5 text-sm text-muted-foreground">{c.processes.map((p) => localName(p, locale)).join(locale === "zh-CN" ? "、" : ", ")}</p>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <div className="flex flex-col gap-6">
          <Card aria-labelledby="firms-title">
            <CardHeader>
              <CardTitle id="firms-title" className="flex items-center gap-2 text-base">
                <Building2 className="h-4 w-4 text-primary" aria-hidden="true" />
                {to("firms", { city: name })}
              </CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-3xl font-semibold tabular-nums" data-testid="city-firm-count" data-count={firms.all}>
                {to("firmCount", { count: firms.all })}
              </p>
              <p className="mt-1 text-sm text-muted-foreground" data-testid="city-verified-count">
                {tc("live.verified", { count: firms.verified })}
              </p>
              {firms.unclaimed > 0 ? <p className="text-sm text-muted-foreground">{to("unclaimed", { count: firms.unclaimed })}</p> : null}
            </CardContent>
          </Card>
          <Card aria-labelledby="clusters-title">
            <CardHeader>
              <CardTitle id="clusters-title">{t("clustersTitle")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4 text-sm">
              {city.localClusters.length === 0 && titles.length === 0 && markets.length === 0 ? (
                <p className="text-muted-foreground">{t("noClusters")}</p>
              ) : null}
              {city.localClusters.length > 0 ? (
                <ul className="flex flex-col gap-1.5">
                  {city.localClusters.map((c) => (
                    <LocalClusterItem key={c.zh} cluster={c} locale={locale} />
                  ))}
                </ul>
              ) : null}
              {titles.length > 0 ? (
                <div>
                  <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("titlesTitle")}</h3>
                  <ul className="flex flex-col gap-2">
                    {titles.map((p) => (
                      <li key={p.raw} className="flex items-start gap-2">
                        <Award className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden="true" />
                        <div>
                          <PolicyClusterLabel cluster={p} locale={locale} linkCity={false} />
                        </div>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {markets.length > 0 ? (
                <div>
                  <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("marketsTitle")}</h3>
                  <ul className="flex flex-col gap-1.5">
                    {markets.map((m) => (
                      <li key={m.zh} className="flex items-start gap-2">
                        <Store className="mt-0.5 h-4 w-4 shrink-0 text-primary" aria-hidden="true" />
                        {localName(m, locale)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </CardContent>
          </Card>
        </div>
      </div>

      <CityLiveFigures figures={figures} city={name} locale={locale} />

      <section aria-labelledby="counties-title">
        <h2 id="counties-title" className="text-xl font-semibold">
          {t("countiesTitle")}
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">{t("countiesBody")}</p>
        {cityCounties.length === 0 ? (
          <p className="rounded-xl border border-dashed bg-background px-4 py-6 text-sm text-muted-foreground">{t("noCounties", { city: name })}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {cityCounties.map((county) => {
              const note = countyNote(county.adcode, county.note);
              const live = figures.counties.find((c) => c.adcode === county.adcode);
              return (
                <li key={county.adcode} className="flex flex-col gap-2 rounded-xl border bg-background p-4" data-testid="county-card">
                  <h3 className="flex items-center gap-2 font-semibold">
                    <Factory className="h-4 w-4 text-primary" aria-hidden="true" />
                    {localName(county, locale)}
                  </h3>
                  {live ? (
                    <p className="text-sm font-medium text-primary" data-testid="county-figures">
                      {tc("county.figures", { firms: live.firms, listings: live.listings })}
                    </p>
                  ) : null}
                  {note ? <p className="text-sm text-muted-foreground">{note}</p> : null}
                  <ul className="flex flex-wrap gap-1.5" aria-label={t("products")}>
                    {county.products
                      .map(getProduct)
                      .filter((p) => p !== undefined)
                      .map((p) => (
                        <li key={p.id}>
                          <Badge variant="outline">{localName(p, locale)}</Badge>
                        </li>
                      ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <nav aria-labelledby="other-cities-title" className="rounded-xl border bg-background p-4">
        <h2 id="other-cities-title" className="mb-2 text-sm font-semibold">
          {t("otherCities")}
        </h2>
        <ul className="flex flex-wrap gap-2">
          {shandongCities
            .filter((c) => c.adcode !== city.adcode)
            .map((c) => (
              <li key={c.adcode}>
                <Link href={`/clusters/${c.adcode}`} className="inline-block rounded-full border px-3 py-1 text-sm hover:border-primary hover:text-primary">
                  {localName(c, locale)}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
    </div>
  );
}

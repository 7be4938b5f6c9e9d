import { Award, Store } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { counties, getCity, localName, shandong, shandongCities, type Locale } from "@/domain/taxonomy";
import { getServerCaller } from "@/server/viewer";
import { ChainLinkBadges, cityAltName, LocalClusterItem, PolicyClusterLabel } from "./_lib/cluster-bits";
import { policyClusters } from "./_lib/policy-clusters";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("taxonomy.clusters");
  return { title: t("title"), description: t("description") };
}

export default async function ClustersPage() {
  const [t, tc, locale, live] = await Promise.all([
    getTranslations("taxonomy.clusters"),
    getTranslations("clusters.overview"),
    getLocale() as Promise<Locale>,
    getServerCaller().then((c) => c.cluster.overview()),
  ]);
  const figures = [
    { key: "cities", value: shandongCities.length },
    { key: "policyClusters", value: policyClusters.length },
    { key: "counties", value: counties.length },
    { key: "markets", value: shandong.markets.length },
  ] as const;
  return (
    <div className="flex flex-col gap-10">
      <div>
        <PageHeader title={t("title")} description={t("description")} />
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {figures.map((f) => (
            <div key={f.key} className="rounded-xl border bg-background px-4 py-3">
              <dt className="text-sm text-muted-foreground">{t(`figures.${f.key}`)}</dt>
              <dd className="text-2xl font-semibold text-primary">{f.value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-muted-foreground">{t("source")}</p>
      </div>

      <section aria-labelledby="policy-title">
        <h2 id="policy-title" className="text-xl font-semibold">
          {t("policyTitle")}
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">{t("policyBody")}</p>
        <ul className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-3">
          {policyClusters.map((p) => (
            <li key={p.raw} className="flex items-start gap-2 rounded-xl border bg-background p-3 sm:gap-3 sm:p-4">
              <Award className="mt-0.5 hidden h-5 w-5 shrink-0 text-amber-600 sm:block" aria-hidden="true" />
              <div className="min-w-0">
                <PolicyClusterLabel cluster={p} locale={locale} />
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cities-title">
        <h2 id="cities-title" className="text-xl font-semibold">
          {t("citiesTitle")}
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">{t("citiesBody")}</p>
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {shandongCities.map((city) => {
            const empty = city.chainLinks.length === 0 && city.specialties.length === 0 && city.localClusters.length === 0;
            const figures = live.cities[city.adcode] ?? { firms: 0, listings: 0, openDemands: 0 };
            return (
              <li key={city.adcode} className="flex">
                <Card className="flex w-full flex-col" aria-labelledby={`city-${city.adcode}`} data-testid="city-card">
                  <CardHeader>
                    <CardTitle id={`city-${city.adcode}`}>
                      <Link href={`/clusters/${city.adcode}`} className="underline-offset-4 hover:text-primary hover:underline">
                        {localName(city, locale)}
                      </Link>
                    </CardTitle>
                    <p className="text-sm text-muted-foreground" lang={locale === "zh-CN" ? "en" : "zh-CN"}>
                      {cityAltName(city, locale)}
                    </p>
                  </CardHeader>
                  <CardContent className="flex flex-1 flex-col gap-4">
                    <dl className="grid grid-cols-3 gap-2 rounded-lg bg-muted/50 px-3 py-2 text-center" aria-label={tc("label", { city: localName(city, locale) })} data-testid="city-card-figures">
                      {(["firms", "listings", "demands"] as const).map((key) => (
                        <div key={key} className="flex flex-col-reverse">
                          <dt className="text-xs text-muted-foreground">{tc(key)}</dt>
                          <dd className="text-lg font-semibold tabular-nums">{key === "firms" ? figures.firms : key === "listings" ? figures.listings : figures.openDemands}</dd>
                        </div>
                      ))}
                    </dl>
                    {empty ? (
                      <p className="text-sm text-muted-foreground">{t("cityEmpty")}</p>
                    ) : (
                      <>
                        <ChainLinkBadges ids={city.chainLinks} locale={locale} />
                        {city.specialties.length > 0 ? (
                          <div>
                            <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("specialties")}</h3>
                            <ul className="mt-1 list-inside list-disc text-sm">
                              {city.specialties.map((s) => (
                                <li key={s.zh}>{localName(s, locale)}</li>
                              ))}
                            </ul>
                          </div>
                        ) : null}
                        {city.localClusters.length > 0 ? (
                          <div>
                            <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("localClusters")}</h3>
                            <ul className="mt-1 flex flex-col gap-1 text-sm">
                              {city.localClusters.map((c) => (
                                <LocalClusterItem key={c.zh} cluster={c} locale={locale} />
                              ))}
                            </ul>
                          </div>
                        ) : null}
                      </>
                    )}
                    <Link
                      href={`/clusters/${city.adcode}`}
                      className="mt-auto self-start text-sm font-medium text-primary underline-offset-4 hover:underline"
                    >
                      {t("cityDetails")}
                      <span className="sr-only"> · {localName(city, locale)}</span>
                      <span aria-hidden="true"> →</span>
                    </Link>
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="markets-title">
        <h2 id="markets-title" className="text-xl font-semibold">
          {t("marketsTitle")}
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">{t("marketsBody")}</p>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {shandong.markets.map((m) => {
            const city = getCity(m.cityAdcode);
            return (
              <li key={m.zh} className="flex items-start gap-3 rounded-xl border bg-background p-4">
                <Store className="mt-0.5 h-5 w-5 shrink-0 text-primary" aria-hidden="true" />
                <div className="min-w-0">
                  <span className="block font-medium">{localName(m, locale)}</span>
                  {city ? (
                    <Link href={`/clusters/${city.adcode}`} className="text-sm text-muted-foreground underline-offset-4 hover:text-primary hover:underline">
                      {localName(city, locale)}
                    </Link>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

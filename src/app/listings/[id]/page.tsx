import { TRPCError } from "@trpc/server";
import { CalendarRange, Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { CertificateBadge } from "@/components/certifications/certificate-badge";
import { chainLinkName, fiberNames, listingTitle, processNames, productNames, typedAmount } from "@/components/listings/display";
import { ReportButton } from "@/components/listings/report-button";
import { placeName } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getSafetyClass, localName, type Locale } from "@/domain/taxonomy";
import { unitName } from "@/domain/units";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => {
  try {
    return await (await getServerCaller()).listing.byId({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const [data, locale] = await Promise.all([load(id), getLocale() as Promise<Locale>]);
  return { title: listingTitle(data.listing, locale), description: (locale === "en" ? data.listing.descriptionEn : null)?.slice(0, 160) ?? data.listing.description?.slice(0, 160) };
}

export default async function ListingPage({ params }: Params) {
  const { id } = await params;
  const [data, viewer, locale, t] = await Promise.all([load(id), getViewer(), getLocale() as Promise<Locale>, getTranslations("listings")]);
  const { listing: l, organization: org } = data;
  const orgName = locale === "en" && org.nameEn ? org.nameEn : org.nameZh;
  const description = locale === "en" && l.descriptionEn ? l.descriptionEn : l.description;
  const sampling = l.sampling
    ? [l.sampling.cutSamples && t("fields.cutSamples"), l.sampling.colourCards && t("fields.colourCards"), l.sampling.labDips && t("fields.labDips")].filter(Boolean).join(" · ")
    : "";
  const range = (min: number | null, max: number | null) => (min !== null || max !== null ? `${min ?? "…"} – ${max ?? "…"}` : null);
  const safety = l.safetyClass ? getSafetyClass(l.safetyClass) : undefined;
  const join = (xs: string[]) => (xs.length ? xs.join(locale === "zh-CN" ? "、" : ", ") : null);

  return (
    <article className="flex flex-col gap-6" aria-labelledby="listing-title">
      <Link href="/listings" className="text-sm text-primary hover:underline">
        ← {t("detail.back")}
      </Link>
      {l.status !== "published" ? <Alert variant="info">{t("detail.notForPublic")}</Alert> : null}
      {data.expired ? <Alert variant="info">{t("detail.expiredNote")}</Alert> : null}
      <header className="flex flex-col gap-3 rounded-2xl border bg-background p-6 shadow-sm">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={l.kind === "capacity" ? "warning" : "secondary"} data-testid="listing-kind">
            {t(`kinds.${l.kind}`)}
          </Badge>
          <Badge variant="outline">{chainLinkName(l.chainLink, locale)}</Badge>
          {l.status !== "published" ? <Badge variant="outline">{t(`statuses.${l.status}`)}</Badge> : null}
        </div>
        <h1 id="listing-title" className="break-words text-2xl font-semibold md:text-3xl" data-testid="listing-title">
          {listingTitle(l, locale)}
        </h1>
        <p className="flex flex-wrap items-center gap-2">
          <Link href={`/org/${org.id}`} className="font-medium text-primary hover:underline" data-testid="listing-org">
            {orgName}
          </Link>
          {org.verificationState === "verified" ? <VerifiedBadge /> : null}
          {data.cityAdcode ? <span className="text-sm text-muted-foreground">{placeName({ provinceAdcode: "370000", cityAdcode: data.cityAdcode, countyAdcode: null }, locale)}</span> : null}
        </p>
        <p className="text-lg" data-testid="listing-capacity">
          {t("labelValue", { label: t("fields.capacity"), value: typedAmount(l.capacityInputValue, l.capacityInputUnit, locale) ?? "" })}
        </p>
        {l.kind === "capacity" && l.availableFrom && l.availableTo ? (
          <p className="flex items-center gap-2" data-testid="listing-window">
            <CalendarRange className="h-4 w-4" aria-hidden="true" />
            {t("labelValue", { label: t("fields.window"), value: t("fields.windowText", { from: l.availableFrom, to: l.availableTo }) })}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {data.canEdit && l.status !== "archived" ? (
            <Button asChild size="sm" variant="outline">
              <Link href={`/my/listings/${l.id}/edit`} data-testid="listing-edit">
                <Pencil className="h-4 w-4" aria-hidden="true" />
                {t("detail.edit")}
              </Link>
            </Button>
          ) : null}
          {l.status === "published" && !data.canEdit ? <ReportButton listingId={l.id} signedIn={Boolean(viewer)} /> : null}
        </div>
      </header>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t("detail.details")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            {description ? <p className="whitespace-pre-line break-words leading-relaxed">{description}</p> : null}
            <FactList
              facts={[
                { id: "processes", label: t("fields.processes"), value: join(processNames(l.processes, locale)) },
                { id: "products", label: t("fields.products"), value: join(productNames(l.products, locale)) },
                { id: "fibers", label: t("fields.fibers"), value: join(fiberNames(l.fibers, locale)) },
                { id: "moq", label: t("fields.moq"), value: typedAmount(l.moqInputValue, l.moqInputUnit, locale) },
                { id: "lead-time", label: t("fields.leadTime"), value: l.leadTimeDays !== null ? t("fields.leadTimeValue", { days: l.leadTimeDays }) : null },
                { id: "yarn-count", label: t("fields.yarnCountRange"), value: range(l.yarnCountNeMin, l.yarnCountNeMax) },
                { id: "gsm", label: t("fields.gsmRange"), value: range(l.gsmMin, l.gsmMax) },
                { id: "width", label: t("fields.widthCmMax"), value: l.widthCmMax },
                {
                  id: "sampling",
                  label: t("fields.sampling"),
                  value: sampling || l.sampling?.sampleLeadDays !== undefined ? [sampling, l.sampling?.sampleLeadDays !== undefined ? `${t("fields.sampleLeadDays")}: ${l.sampling.sampleLeadDays}` : ""].filter(Boolean).join(" · ") : null,
                },
                { id: "equipment", label: t("fields.equipment"), value: l.equipment?.length ? l.equipment.map((e) => `${e.count} ${unitName(e.unit, locale) ?? e.unit}`).join(locale === "zh-CN" ? "、" : ", ") : null },
                {
                  id: "price",
                  label: t("fields.price"),
                  value:
                    l.priceValue !== null && l.priceUnit
                      ? t("fields.priceWithTax", { price: t("fields.priceValueText", { value: l.priceValue, unit: l.priceUnit }), tax: l.priceTaxIncluded ? t("fields.taxIncluded") : t("fields.taxExcluded") })
                      : null,
                },
                { id: "safety-class", label: t("fields.safetyClass"), value: safety ? localName(safety, locale) : null },
              ]}
            />
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("fields.certifications")}</CardTitle>
            </CardHeader>
            <CardContent>
              {data.certifications.length ? (
                <ul className="flex flex-wrap gap-2" data-testid="listing-certificates">
                  {data.certifications.map((c) => (
                    <li key={c.id}>
                      <CertificateBadge cert={c} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t("detail.noCertificates")}</p>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("fields.photos")}</CardTitle>
            </CardHeader>
            <CardContent>
              {l.photoFileIds.length ? (
                <ul className="grid grid-cols-2 gap-2" data-testid="listing-photos">
                  {l.photoFileIds.map((f, i) => (
                    <li key={f}>
                      <a href={`/api/files/${f}`} target="_blank" rel="noopener noreferrer">
                        {/* eslint-disable-next-line @next/next/no-img-element -- served by /api/files */}
                        <img src={`/api/files/${f}`} alt={t("form.photoAlt", { n: i + 1 })} className="aspect-square w-full rounded-lg object-cover" loading="lazy" />
                      </a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t("detail.noPhotos")}</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </article>
  );
}

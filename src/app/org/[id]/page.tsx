import { TRPCError } from "@trpc/server";
import { Award, ExternalLink, Layers, Settings } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { CertificateBadge } from "@/components/certifications/certificate-badge";
import { DeliveryRecord } from "@/components/deals/delivery-record";
import { EmptyState } from "@/components/layout/page-header";
import { ListingCard } from "@/components/listings/listing-card";
import { ClaimButton } from "@/components/onboarding/claim-button";
import { chinaDate, dateFormat, orgAltName, orgName, placeName, smeLevelName, todayInChina } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** One lookup per request, shared by the metadata and the page; unknown or malformed ids are a 404. */
const loadOrganization = cache(async (id: string) => {
  try {
    return await (await getServerCaller()).organization.byId({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const [org, locale, t] = await Promise.all([loadOrganization(id), getLocale(), getTranslations("org")]);
  const name = orgName(org, locale as Locale);
  return { title: name, description: org.description?.slice(0, 160) ?? t("public.metaDescription", { name }) };
}

export default async function OrganizationPage({ params }: Params) {
  const { id } = await params;
  // The organisation first: an unknown id is a 404 before its listings are asked for.
  await loadOrganization(id);
  const caller = await getServerCaller();
  const [org, viewer, locale, t, tc, format, listings, certificates, record, managers, tm] = await Promise.all([
    loadOrganization(id),
    getViewer(),
    getLocale() as Promise<Locale>,
    getTranslations("org"),
    getTranslations("common"),
    getFormatter(),
    caller.listing.byOrganization({ organizationId: id, pageSize: 50 }),
    caller.certification.byOrganization({ organizationId: id }),
    caller.organization.deliveryRecord({ organizationId: id }),
    caller.managed.managers({ organizationId: id }),
    getTranslations("managed"),
  ]);
  const name = orgName(org, locale);
  const altName = orgAltName(org, locale);
  const verified = org.verificationState === "verified";
  // "Manage" opens the active organisation, so offer it only when this is the one.
  const isMember = viewer?.active?.organizationId === org.id;
  const level = smeLevelName(org.smeLevel, locale);
  const expired = org.smeLevelValidUntil !== null && org.smeLevelValidUntil < todayInChina();
  const memberSince = format.dateTime(org.createdAt, dateFormat);

  return (
    <article className="flex flex-col gap-6" aria-labelledby="org-name">
      <header className="rounded-2xl border bg-background p-6 shadow-sm md:p-8">
        <div className="flex flex-col gap-4 md:flex-row md:items-start md:justify-between">
          <div className="min-w-0">
            <div className="mb-3 flex flex-wrap items-center gap-2">
              <Badge variant="secondary" data-testid="org-type">
                {tc(`orgTypes.${org.type}`)}
              </Badge>
              {level ? (
                <Badge variant="outline" className="gap-1">
                  <Award className="h-3.5 w-3.5 text-amber-600" aria-hidden="true" />
                  {level}
                </Badge>
              ) : null}
            </div>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <h1 id="org-name" className="break-words text-2xl font-semibold tracking-tight md:text-3xl" data-testid="org-name">
                {name}
              </h1>
              {verified ? <VerifiedBadge size="lg" /> : null}
            </div>
            {altName ? (
              <p className="mt-1 break-words text-lg text-muted-foreground" lang={locale === "en" ? "zh-CN" : "en"} data-testid="org-alt-name">
                {altName}
              </p>
            ) : null}
            <p className="mt-3 text-sm text-muted-foreground" data-testid="member-since">
              {t("public.memberSince", { date: memberSince })}
            </p>
            {managers.length > 0 ? (
              // 代管: a service centre keeps this profile up to date for the firm (docs/managed-profiles.md).
              <p className="mt-1 text-sm text-muted-foreground" data-testid="org-managed-by">
                {tm("public.managedBy", { centres: managers.map((m) => orgName(m, locale)).join(tm("public.separator")) })}
              </p>
            ) : null}
          </div>
          {isMember ? (
            <div className="shrink-0">
              <Button asChild variant="outline" size="sm">
                <Link href="/my/organization">
                  <Settings className="h-4 w-4" aria-hidden="true" />
                  {t("public.manage")}
                </Link>
              </Button>
            </div>
          ) : null}
        </div>
      </header>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2" aria-labelledby="about-title">
          <CardHeader>
            <CardTitle id="about-title">{t("public.about")}</CardTitle>
          </CardHeader>
          <CardContent>
            {org.description ? (
              <p className="whitespace-pre-line break-words leading-relaxed" data-testid="org-description">
                {org.description}
              </p>
            ) : (
              <p className="text-sm text-muted-foreground">{t("public.noDescription")}</p>
            )}
          </CardContent>
        </Card>

        <Card aria-labelledby="facts-title">
          <CardHeader>
            <CardTitle id="facts-title">{t("public.facts")}</CardTitle>
          </CardHeader>
          <CardContent>
            <FactList
              className="sm:grid-cols-1"
              facts={[
                { id: "type", label: t("fields.type"), value: tc(`orgTypes.${org.type}`) },
                { id: "location", label: t("fields.location"), value: placeName(org, locale) },
                {
                  id: "sme-level",
                  label: t("fields.smeLevel"),
                  value: level ? (
                    <>
                      {level}
                      {org.smeLevelValidUntil ? (
                        <span className="block text-muted-foreground">
                          {t(expired ? "public.smeLevelExpired" : "public.smeLevelValidUntil", {
                            date: format.dateTime(chinaDate(org.smeLevelValidUntil), dateFormat),
                          })}
                        </span>
                      ) : null}
                    </>
                  ) : null,
                },
                {
                  id: "website",
                  label: t("fields.website"),
                  value: org.website ? (
                    <a href={org.website} target="_blank" rel="noopener noreferrer nofollow" className="inline-flex items-center gap-1 break-all text-primary underline-offset-4 hover:underline">
                      {org.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                      <ExternalLink className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
                      <span className="sr-only">{t("public.opensInNewTab")}</span>
                    </a>
                  ) : null,
                },
                { id: "verification", label: t("fields.verification"), value: verified ? tc("verification.verified") : t("public.notYetVerified") },
                { id: "member-since", label: t("fields.memberSince"), value: memberSince },
              ]}
            />
          </CardContent>
        </Card>
      </div>

      <DeliveryRecord record={record} name={name} />

      <section aria-labelledby="listings-title" className="flex flex-col gap-3">
        <h2 id="listings-title" className="text-xl font-semibold">
          {t("public.listingsTitle")}
        </h2>
        {listings.items.length ? (
          <ul className="flex flex-col gap-3" data-testid="org-listings">
            {listings.items.map((l) => (
              <ListingCard key={l.id} l={l} />
            ))}
          </ul>
        ) : (
          <EmptyState
            icon={<Layers className="h-8 w-8" />}
            title={t("public.listingsEmptyTitle")}
            body={t("public.listingsEmptyBody", { name })}
            action={
              <Button asChild variant="outline" size="sm">
                <Link href="/listings">{t("public.browseListings")}</Link>
              </Button>
            }
          />
        )}
      </section>

      <section aria-labelledby="certificates-title" className="flex flex-col gap-3">
        <h2 id="certificates-title" className="text-xl font-semibold">
          {t("public.certificatesTitle")}
        </h2>
        {certificates.length ? (
          <ul className="flex flex-wrap gap-2" data-testid="org-certificates">
            {certificates.map((c) => (
              <li key={c.id}>
                <CertificateBadge cert={c} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState icon={<Award className="h-8 w-8" />} title={t("public.certificatesEmptyTitle")} body={t("public.certificatesEmptyBody", { name })} />
        )}
      </section>
      <ClaimButton organizationId={org.id} />
    </article>
  );
}

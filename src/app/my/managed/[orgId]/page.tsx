import { ArrowLeft, Layers, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { chainLinkName, listingTitle, typedAmount } from "@/components/listings/display";
import { ListingActions } from "@/components/listings/listing-actions";
import { dateTimeFormat, orgName } from "@/components/org/display";
import { OrganizationEditForm } from "@/components/org/organization-edit-form";
import { OrganizationProfileView } from "@/components/org/organization-profile-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { loadManagedFirm } from "./load";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("managed.firm");
  return { title: t("metaTitle") };
}

const statusVariant = { draft: "outline", published: "success", paused: "warning", archived: "secondary" } as const;

/** A managed firm, edited by its service centre on the firm's behalf: the same profile form and listing actions, naming the firm. */
export default async function ManagedFirmPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { viewer, organization: org, listings } = await loadManagedFirm(orgId, `/my/managed/${orgId}`);
  const [t, tl, locale, format] = await Promise.all([getTranslations("managed.firm"), getTranslations("listings"), getLocale() as Promise<Locale>, getFormatter()]);
  const role = viewer.active!.role;
  const canEditProfile = role === "owner" || role === "admin";
  const name = orgName(org, locale);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<span className="break-words">{t("title", { name })}</span>}
        description={t("description")}
        actions={
          <Button asChild variant="ghost">
            <Link href="/my/managed">
              <ArrowLeft className="h-4 w-4" aria-hidden="true" />
              {t("back")}
            </Link>
          </Button>
        }
      />
      <Alert variant="info">{t("onBehalf", { name })}</Alert>
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Card aria-labelledby="managed-profile-title">
          <CardHeader>
            <CardTitle id="managed-profile-title">{t("profile")}</CardTitle>
            <CardDescription>{canEditProfile ? t("profileEditable") : t("profileReadOnly")}</CardDescription>
          </CardHeader>
          <CardContent>
            {canEditProfile && org.type !== "platform" ? (
              <OrganizationEditForm key={org.id} organization={{ ...org, type: org.type }} organizationId={org.id} />
            ) : (
              <OrganizationProfileView org={org} locale={locale} />
            )}
          </CardContent>
        </Card>

        <section aria-labelledby="managed-listings-title" className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="managed-listings-title" className="text-lg font-semibold">
              {t("listings", { count: listings.length })}
            </h2>
            <Button asChild size="sm">
              <Link href={`/my/managed/${org.id}/listings/new`} data-testid="managed-listing-new">
                <Plus className="h-4 w-4" aria-hidden="true" />
                {tl("my.new")}
              </Link>
            </Button>
          </div>
          {listings.length === 0 ? (
            <EmptyState icon={<Layers className="h-10 w-10" />} title={t("noListings")} />
          ) : (
            <ul className="flex flex-col gap-3" data-testid="managed-listings">
              {listings.map((l) => (
                <li key={l.id} className="flex flex-col gap-3 rounded-xl border bg-background p-4" data-testid="managed-listing" data-status={l.status}>
                  <div className="min-w-0">
                    <div className="mb-1 flex flex-wrap items-center gap-2">
                      <Badge variant={statusVariant[l.status]}>{tl(`statuses.${l.status}`)}</Badge>
                      <Badge variant="outline">{tl(`kinds.${l.kind}`)}</Badge>
                      {l.expired ? <Badge variant="destructive">{tl("expired")}</Badge> : null}
                      <span className="text-xs text-muted-foreground">{chainLinkName(l.chainLink, locale)}</span>
                    </div>
                    <Link href={`/listings/${l.id}`} className="break-words font-semibold hover:underline" data-testid="managed-listing-title">
                      {listingTitle(l, locale)}
                    </Link>
                    <p className="text-sm text-muted-foreground">
                      {typedAmount(l.capacityInputValue, l.capacityInputUnit, locale)} · {tl("fields.updatedAt")} {format.dateTime(l.updatedAt, dateTimeFormat)}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {l.status !== "archived" ? (
                      <Button asChild size="sm" variant="outline">
                        <Link href={`/my/managed/${org.id}/listings/${l.id}/edit`} data-testid="managed-listing-edit">
                          {tl("my.edit")}
                        </Link>
                      </Button>
                    ) : null}
                    <ListingActions id={l.id} status={l.status} title={listingTitle(l, locale)} canArchive={canEditProfile} expired={l.expired} organizationId={org.id} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

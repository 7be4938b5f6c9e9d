import { Layers, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { chainLinkName, listingTitle, typedAmount } from "@/components/listings/display";
import { ListingActions } from "@/components/listings/listing-actions";
import { dateTimeFormat } from "@/components/org/display";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("listings.my");
  return { title: t("title") };
}

const statusVariant = { draft: "outline", published: "success", paused: "warning", archived: "secondary" } as const;

export default async function MyListingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/listings");
  const [t, locale, format] = await Promise.all([getTranslations("listings"), getLocale() as Promise<Locale>, getFormatter()]);
  if (!viewer.active) return <NoOrganizationPage title={t("my.title")} reason={t("my.noOrganization")} icon={<Layers className="h-10 w-10" />} />;
  const rows = await (await getServerCaller()).listing.mine();
  const canArchive = viewer.active.role === "owner" || viewer.active.role === "admin";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("my.title")}
        description={t("my.description")}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/my/certifications">{t("fields.manageCertificates")}</Link>
            </Button>
            <Button asChild>
              <Link href="/my/listings/new" data-testid="my-listings-new">
                <Plus className="h-4 w-4" aria-hidden="true" />
                {t("my.new")}
              </Link>
            </Button>
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState
          icon={<Layers className="h-10 w-10" />}
          title={t("my.emptyTitle")}
          body={t("my.emptyBody")}
          action={
            <Button asChild>
              <Link href="/my/listings/new">{t("my.new")}</Link>
            </Button>
          }
        />
      ) : (
        <ul className="flex flex-col gap-3" data-testid="my-listings">
          {rows.map((l) => (
            <li key={l.id} className="flex flex-col gap-3 rounded-xl border bg-background p-4 md:flex-row md:items-center md:justify-between" data-testid="my-listing" data-status={l.status}>
              <div className="min-w-0">
                <div className="mb-1 flex flex-wrap items-center gap-2">
                  <Badge variant={statusVariant[l.status]} data-testid="my-listing-status">
                    {t(`statuses.${l.status}`)}
                  </Badge>
                  <Badge variant="outline">{t(`kinds.${l.kind}`)}</Badge>
                  {l.expired ? <Badge variant="destructive">{t("expired")}</Badge> : null}
                  <span className="text-xs text-muted-foreground">{chainLinkName(l.chainLink, locale)}</span>
                </div>
                <Link href={`/listings/${l.id}`} className="break-words font-semibold hover:underline" data-testid="my-listing-title">
                  {listingTitle(l, locale)}
                </Link>
                <p className="text-sm text-muted-foreground">
                  {typedAmount(l.capacityInputValue, l.capacityInputUnit, locale)}
                  {l.kind === "capacity" && l.availableFrom && l.availableTo ? ` · ${t("fields.windowText", { from: l.availableFrom, to: l.availableTo })}` : ""}
                  {" · "}
                  {t("fields.updatedAt")} {format.dateTime(l.updatedAt, dateTimeFormat)}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {l.status !== "archived" ? (
                  <Button asChild size="sm" variant="outline">
                    <Link href={`/my/listings/${l.id}/edit`} data-testid="my-listing-edit">
                      {t("my.edit")}
                    </Link>
                  </Button>
                ) : null}
                <ListingActions id={l.id} status={l.status} title={listingTitle(l, locale)} canArchive={canArchive} expired={l.expired} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { ClipboardList, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DeadlineCountdown } from "@/components/demands/deadline-countdown";
import { chainLinkName, quantityText } from "@/components/demands/display";
import { DemandStatusActions } from "@/components/demands/demand-status-actions";
import { DemandStatusBadge } from "@/components/demands/status-badge";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { DemandStatus } from "@/domain/demand-text";
import type { Locale } from "@/domain/taxonomy";
import { cn } from "@/lib/utils";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demands.my");
  return { title: t("metaTitle") };
}

const statuses: DemandStatus[] = ["open", "closed", "awarded", "expired"];

export default async function MyDemandsPage({ searchParams }: { searchParams: Promise<{ status?: string; created?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/demands");
  const [t, td, locale] = await Promise.all([getTranslations("demands.my"), getTranslations("demands"), getLocale() as Promise<Locale>]);
  if (!viewer.active) return <NoOrganizationPage title={t("title")} reason={t("noOrgTitle")} body={t("noOrgBody")} />;
  const sp = await searchParams;
  const status = statuses.find((s) => s === sp.status);
  const caller = await getServerCaller();
  const rows = await caller.demand.mine(status ? { status } : undefined);
  const canManage = viewer.active.role === "owner" || viewer.active.role === "admin";
  const serverNow = new Date().toISOString();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild>
            <Link href="/my/demands/new" data-testid="new-demand-link">
              <Plus className="h-4 w-4" aria-hidden="true" />
              {t("new")}
            </Link>
          </Button>
        }
      />
      {sp.created === "1" ? <Alert variant="success" data-testid="demand-created">{td("form.created")}</Alert> : null}
      {!canManage ? <p className="text-sm text-muted-foreground">{t("managersOnly")}</p> : null}
      <nav aria-label={t("filterByStatus")} className="-mx-1 overflow-x-auto">
        <ul className="flex gap-1 px-1">
          {[undefined, ...statuses].map((s) => (
            <li key={s ?? "all"}>
              <Link
                href={s ? `/my/demands?status=${s}` : "/my/demands"}
                aria-current={s === status ? "page" : undefined}
                className={cn(
                  "inline-flex h-9 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium",
                  s === status ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-secondary hover:text-foreground",
                )}
              >
                {s ? td(`status.${s}`) : t("all")}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        status ? (
          <p className="rounded-xl border border-dashed p-8 text-center text-sm text-muted-foreground">{t("emptyStatus")}</p>
        ) : (
          <EmptyState
            icon={<ClipboardList className="h-10 w-10" />}
            title={t("emptyTitle")}
            body={t("emptyBody")}
            action={
              <Button asChild>
                <Link href="/my/demands/new">{t("new")}</Link>
              </Button>
            }
          />
        )
      ) : (
        <ul className="flex flex-col gap-3" data-testid="my-demand-list">
          {rows.map((d) => (
            <li key={d.id} className="flex flex-col gap-3 rounded-xl border bg-background p-4 md:flex-row md:items-center md:justify-between" data-testid="my-demand" data-demand-id={d.id}>
              <div className="flex min-w-0 flex-col gap-1.5">
                <div className="flex flex-wrap items-center gap-2">
                  <DemandStatusBadge status={d.status} />
                  {d.visibility === "invited" ? <Badge variant="outline">{td("visibility.invitedBadge")}</Badge> : null}
                  <Link href={`/demands/${d.id}`} className="break-words font-semibold hover:underline" data-testid="my-demand-link">
                    {d.title}
                  </Link>
                </div>
                <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted-foreground">
                  {[chainLinkName(d.chainLink, locale), quantityText(d, locale)].filter(Boolean).join(" · ")}
                  {d.quoteDeadline && d.status === "open" ? <DeadlineCountdown deadline={d.quoteDeadline.toISOString()} serverNow={serverNow} compact /> : null}
                </p>
              </div>
              <DemandStatusActions id={d.id} title={d.title} status={d.status} canManage={canManage} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

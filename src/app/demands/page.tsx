import { ClipboardList, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DemandCard } from "@/components/demands/demand-card";
import { DemandFilters, type BoardQuery } from "@/components/demands/demand-filters";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 20;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demands.board");
  return { title: t("title"), description: t("description") };
}

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

export default async function DemandsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const query: BoardQuery = { chainLink: one(params.chainLink), process: one(params.process), city: one(params.city), certification: one(params.certification) };
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(params.page) ?? "1", 10) || 1));
  const [t, viewer, caller] = await Promise.all([getTranslations("demands.board"), getViewer(), getServerCaller()]);
  // A malformed city code in a hand-edited link shows an empty board, not an error page.
  const city = query.city && /^\d{6}$/.test(query.city) ? query.city : undefined;
  const board =
    query.city && !city
      ? { items: [], total: 0, page, pageSize: PAGE_SIZE }
      : await caller.demand.board({ ...query, city, page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(board.total / PAGE_SIZE));
  const filtered = Boolean(query.chainLink || query.process || query.city || query.certification);
  const serverNow = new Date().toISOString();
  const pageHref = (p: number) => {
    const sp = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    if (p > 1) sp.set("page", String(p));
    const s = sp.toString();
    return s ? `/demands?${s}` : "/demands";
  };
  const postHref = viewer?.active ? "/my/demands/new" : viewer ? "/my/organization/new" : "/signup";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild>
            <Link href={viewer ? postHref : "/signin?callbackUrl=/my/demands/new"} data-testid="post-demand-link">
              <Plus className="h-4 w-4" aria-hidden="true" />
              {t("post")}
            </Link>
          </Button>
        }
      />
      <DemandFilters key={JSON.stringify(query)} query={query} />
      <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="demand-count">
        {t("count", { total: board.total })}
      </p>
      {board.items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<ClipboardList className="h-10 w-10" />}
            title={t("noMatchTitle")}
            body={t("noMatchBody")}
            action={
              <Button asChild variant="outline">
                <Link href="/demands">{t("clear")}</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<ClipboardList className="h-10 w-10" />}
            title={t("emptyTitle")}
            body={viewer?.active ? t("emptyMember") : viewer ? t("emptyNoOrg") : t("emptyGuest")}
            action={
              <Button asChild>
                <Link href={postHref} data-testid="empty-post-demand">
                  {viewer?.active ? t("post") : viewer ? t("createOrg") : t("signUp")}
                </Link>
              </Button>
            }
          />
        )
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2" data-testid="demand-list">
          {board.items.map((item) => (
            <DemandCard key={item.id} item={item} serverNow={serverNow} />
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t("pagination")} className="flex items-center justify-between gap-3">
          {page > 1 ? (
            <Button asChild variant="outline">
              <Link href={pageHref(page - 1)} rel="prev" data-testid="page-prev">
                {t("previous")}
              </Link>
            </Button>
          ) : (
            <span />
          )}
          <span className="text-sm text-muted-foreground">{t("page", { page, pages })}</span>
          {page < pages ? (
            <Button asChild variant="outline">
              <Link href={pageHref(page + 1)} rel="next" data-testid="page-next">
                {t("next")}
              </Link>
            </Button>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

import { Bell, Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { SavedSearchList } from "@/components/saved-searches/saved-search-list";
import { Button } from "@/components/ui/button";
import { SAVED_SEARCH_LIMIT } from "@/domain/notifications";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.saved");
  return { title: t("metaTitle") };
}

/** The signed-in user's saved searches (personal, whichever organisation is active). */
export default async function SavedSearchesPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/saved-searches");
  const [t, tp] = await Promise.all([getTranslations("notifications.saved"), getTranslations("notifications.page")]);
  const items = await (await getServerCaller()).savedSearch.list();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/notifications">
                <Bell className="h-4 w-4" aria-hidden="true" />
                {tp("title")}
              </Link>
            </Button>
            <Button asChild>
              <Link href="/search">
                <Search className="h-4 w-4" aria-hidden="true" />
                {t("goSearch")}
              </Link>
            </Button>
          </>
        }
      />
      {items.length === 0 ? (
        <EmptyState icon={<Search className="h-10 w-10" />} title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <>
          <p className="text-sm text-muted-foreground">{t("count", { count: items.length, max: SAVED_SEARCH_LIMIT })}</p>
          <SavedSearchList items={items} />
        </>
      )}
    </div>
  );
}

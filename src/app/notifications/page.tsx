import { Bell, Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { NotificationList } from "@/components/notifications/notification-list";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { Button } from "@/components/ui/button";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.page");
  return { title: t("metaTitle") };
}

/** The notification centre: the signed-in user's notifications and their channel preferences. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/notifications");
  const t = await getTranslations("notifications.page");
  const requested = Number((await searchParams).page ?? "1");
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 1000 ? requested : 1;
  const caller = await getServerCaller();
  const [list, preferences] = await Promise.all([caller.notification.list({ page, pageSize: 20, unreadOnly: false }), caller.notification.preferences()]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="outline">
            <Link href="/my/saved-searches">
              <Search className="h-4 w-4" aria-hidden="true" />
              {t("savedSearchesLink")}
            </Link>
          </Button>
        }
      />
      {list.total === 0 ? (
        <EmptyState icon={<Bell className="h-10 w-10" />} title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <NotificationList items={list.items} unread={list.unread} page={page} pages={pages} />
      )}
      <PreferencesForm preferences={preferences} hasEmail={Boolean(viewer.user.email)} />
    </div>
  );
}

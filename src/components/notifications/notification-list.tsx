"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCheck } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";
import { cn } from "@/lib/utils";
import { shortDateTime, useNotificationText } from "./render";

export interface NotificationItem {
  id: string;
  kind: string;
  params: unknown;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}

/** The notification centre's list: newest first, unread emphasised; opening one marks it read. */
export function NotificationList({ items, unread, page, pages }: { items: NotificationItem[]; unread: number; page: number; pages: number }) {
  const t = useTranslations("notifications.page");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const format = useFormatter();
  const text = useNotificationText();
  const [status, setStatus] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() });
    router.refresh();
  };
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSettled: refresh }));
  const markAll = useMutation(
    trpc.notification.markAllRead.mutationOptions({
      onSuccess: () => setStatus(t("markedAllRead")),
      onSettled: refresh,
    }),
  );

  return (
    <section aria-labelledby="notifications-list-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="notifications-list-title" className="text-lg font-semibold">
          {t("listLabel")} <span className="ml-1 text-sm font-normal text-muted-foreground" data-testid="unread-count">{t("unreadCount", { count: unread })}</span>
        </h2>
        <Button variant="outline" size="sm" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()} data-testid="mark-all-read">
          <CheckCheck className="h-4 w-4" aria-hidden="true" />
          {t("markAllRead")}
        </Button>
      </div>
      <p role="status" aria-live="polite" className="text-sm text-emerald-700">
        {status}
      </p>
      <ul className="flex flex-col divide-y rounded-xl border bg-background" data-testid="notification-list">
        {items.map((n) => {
          const { title, body } = text(n);
          const isUnread = !n.readAt;
          return (
            <li key={n.id} className={cn("flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between", isUnread && "bg-primary/5")} data-testid="notification-item" data-unread={isUnread}>
              <div className="flex min-w-0 flex-col gap-1">
                <p className={cn("flex flex-wrap items-center gap-2 break-words", isUnread ? "font-semibold" : "font-medium text-foreground/90")}>
                  {isUnread ? <Badge>{t("unread")}</Badge> : null}
                  {n.link ? (
                    <Link href={n.link} className="underline-offset-4 hover:underline" onClick={() => isUnread && markRead.mutate({ id: n.id })}>
                      {title}
                    </Link>
                  ) : (
                    title
                  )}
                </p>
                <p className="break-words text-sm text-muted-foreground">{body}</p>
                <p className="text-xs text-muted-foreground">
                  <time dateTime={new Date(n.createdAt).toISOString()}>{format.dateTime(n.createdAt, shortDateTime)}</time>
                </p>
              </div>
              <div className="flex shrink-0 gap-2">
                {isUnread ? (
                  <Button variant="ghost" size="sm" disabled={markRead.isPending} onClick={() => markRead.mutate({ id: n.id })} aria-label={`${t("markRead")}: ${title}`}>
                    {t("markRead")}
                  </Button>
                ) : null}
                {n.link ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={n.link} onClick={() => isUnread && markRead.mutate({ id: n.id })} aria-label={`${t("open")}: ${title}`}>
                      {t("open")}
                    </Link>
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {pages > 1 ? (
        <nav className="flex items-center justify-between gap-2 text-sm" aria-label={t("listLabel")}>
          {page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/notifications?page=${page - 1}`}>{t("previous")}</Link>
            </Button>
          ) : (
            <span />
          )}
          <span className="text-muted-foreground">{t("pageOf", { page, pages })}</span>
          {page < pages ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/notifications?page=${page + 1}`}>{t("next")}</Link>
            </Button>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}

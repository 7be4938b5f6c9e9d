"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, Search } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";
import { cn } from "@/lib/utils";
import { shortDateTime, useNotificationText } from "./render";

const item = "flex cursor-pointer select-none flex-col gap-0.5 rounded-sm px-2 py-2 text-sm outline-none data-[highlighted]:bg-accent";

/** The header's bell: unread count (polled every minute) and the latest notifications in a menu. */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const format = useFormatter();
  const text = useNotificationText();
  const [open, setOpen] = useState(false);
  const unread = useQuery({ ...trpc.notification.unreadCount.queryOptions(), refetchInterval: 60_000 });
  const latest = useQuery({ ...trpc.notification.list.queryOptions({ page: 1, pageSize: 6, unreadOnly: false }), enabled: open });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() });
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSettled: refresh }));
  const markAll = useMutation(trpc.notification.markAllRead.mutationOptions({ onSettled: refresh }));
  const count = unread.data ?? 0;

  return (
    <DropdownMenu.Root open={open} onOpenChange={setOpen}>
      <DropdownMenu.Trigger asChild>
        <Button variant="ghost" size="sm" className="relative w-9 px-0" aria-label={t("bell.label", { count })} data-testid="notification-bell" data-count={count}>
          <Bell className="h-5 w-5" aria-hidden="true" />
          {count > 0 ? (
            <span aria-hidden="true" className="absolute -right-0.5 -top-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] font-semibold leading-none text-white" data-testid="notification-badge">
              {count > 99 ? "99+" : count}
            </span>
          ) : null}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-[min(22rem,calc(100vw-1rem))] rounded-md border bg-background p-1 shadow-lg" data-testid="notification-menu">
          <div className="flex items-center justify-between gap-2 px-2 py-1.5">
            <DropdownMenu.Label className="text-sm font-semibold">{t("bell.title")}</DropdownMenu.Label>
            {count > 0 ? (
              <Button variant="link" size="sm" className="h-auto p-0 text-xs" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
                {t("bell.markAllRead")}
              </Button>
            ) : null}
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {latest.isPending ? (
            <p className="px-2 py-3 text-sm text-muted-foreground">{t("bell.loading")}</p>
          ) : !latest.data?.items.length ? (
            <p className="px-2 py-3 text-sm text-muted-foreground">{t("bell.empty")}</p>
          ) : (
            latest.data.items.map((n) => {
              const { title, body } = text(n);
              return (
                <DropdownMenu.Item
                  key={n.id}
                  className={cn(item, !n.readAt && "bg-primary/5")}
                  data-testid="notification-menu-item"
                  onSelect={() => {
                    if (!n.readAt) markRead.mutate({ id: n.id });
                    if (n.link) router.push(n.link);
                  }}
                >
                  <span className={cn("flex items-start gap-2", n.readAt ? "font-normal" : "font-semibold")}>
                    {!n.readAt ? (
                      <>
                        <span className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-primary" aria-hidden="true" />
                        <span className="sr-only">{t("page.unread")}</span>
                      </>
                    ) : null}
                    <span className="break-words">{title}</span>
                  </span>
                  <span className="line-clamp-2 break-words text-xs text-muted-foreground">{body}</span>
                  <span className="text-xs text-muted-foreground">{format.dateTime(n.createdAt, shortDateTime)}</span>
                </DropdownMenu.Item>
              );
            })
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className="flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm font-medium text-primary outline-none data-[highlighted]:bg-accent">
            <Link href="/notifications">
              <Bell className="h-4 w-4" aria-hidden="true" />
              {t("bell.viewAll")}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className="flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-accent">
            <Link href="/my/saved-searches">
              <Search className="h-4 w-4" aria-hidden="true" />
              {t("saved.title")}
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { BellRing, ExternalLink, Pencil, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SavedSearchQuery } from "@/domain/schemas/search";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface SavedSearchItem {
  id: string;
  name: string;
  entity: "listing" | "demand";
  query: SavedSearchQuery;
  alert: boolean;
  url: string;
  createdAt: Date;
}

const dateFormat = { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Asia/Shanghai" } as const;

function filterCount(q: SavedSearchQuery): number {
  return Object.values(q.filters).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : v ? 1 : 0), 0);
}

/** The user's saved searches: open, rename in place, alert on/off, delete (after a confirmation). */
export function SavedSearchList({ items }: { items: SavedSearchItem[] }) {
  const t = useTranslations("notifications.saved");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const format = useFormatter();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<{ id: string; name: string; error?: string } | null>(null);
  const fail = (e: unknown) => {
    const info = errorInfo(e);
    setStatus({ ok: false, text: translateKey(tAll, info.key, info.params) });
    return info;
  };
  const done = (text: string) => {
    setStatus({ ok: true, text });
    router.refresh();
  };
  const rename = useMutation(trpc.savedSearch.rename.mutationOptions());
  const setAlert = useMutation(trpc.savedSearch.setAlert.mutationOptions({ onError: fail }));
  const remove = useMutation(trpc.savedSearch.delete.mutationOptions({ onError: fail }));

  return (
    <div className="flex flex-col gap-3">
      <p role="status" aria-live="polite" className={status?.ok === false ? "text-sm text-destructive" : "text-sm text-emerald-700"} data-testid="saved-search-status">
        {status?.text}
      </p>
      <ul className="flex flex-col gap-3" aria-label={t("listLabel")} data-testid="saved-search-list">
        {items.map((s) => (
          <li key={s.id} className="flex flex-col gap-3 rounded-xl border bg-background p-4 md:flex-row md:items-center md:justify-between" data-testid="saved-search">
            <div className="flex min-w-0 flex-col gap-1">
              {editing?.id === s.id ? (
                <form
                  className="flex flex-wrap items-start gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    rename.mutate(
                      { id: s.id, name: editing.name },
                      {
                        onSuccess: (row) => {
                          setEditing(null);
                          done(t("renamed", { name: row.name }));
                        },
                        onError: (err) => {
                          const info = errorInfo(err);
                          const key = info.fields.name ?? info.key;
                          setEditing({ ...editing, error: translateKey(tAll, key, info.params) });
                        },
                      },
                    );
                  }}
                >
                  <div className="flex flex-col gap-1">
                    <Input
                      autoFocus
                      className="h-9 w-64 max-w-full"
                      maxLength={60}
                      value={editing.name}
                      aria-label={t("renameFor", { name: s.name })}
                      aria-invalid={editing.error ? true : undefined}
                      aria-describedby={editing.error ? `rename-error-${s.id}` : undefined}
                      onChange={(e) => setEditing({ id: s.id, name: e.target.value })}
                      onKeyDown={(e) => e.key === "Escape" && setEditing(null)}
                      data-testid="saved-search-rename-input"
                    />
                    {editing.error ? (
                      <p id={`rename-error-${s.id}`} role="alert" className="text-sm text-destructive">
                        {editing.error}
                      </p>
                    ) : null}
                  </div>
                  <Button type="submit" size="sm" disabled={rename.isPending}>
                    {t("save")}
                  </Button>
                  <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(null)}>
                    {t("cancel")}
                  </Button>
                </form>
              ) : (
                <h2 className="flex flex-wrap items-center gap-2 break-words text-base font-semibold">
                  <Link href={s.url} className="underline-offset-4 hover:underline" data-testid="saved-search-link">
                    {s.name}
                  </Link>
                  <Badge variant="secondary">{t(`entity.${s.entity}`)}</Badge>
                </h2>
              )}
              <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted-foreground">
                <span className="break-all">{s.query.q ? t("query", { q: s.query.q }) : t("noQuery")}</span>
                <span>{t("filters", { count: filterCount(s.query) })}</span>
                <span>{t("createdAt", { date: format.dateTime(s.createdAt, dateFormat) })}</span>
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <label className="inline-flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm">
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-primary"
                  checked={s.alert}
                  disabled={setAlert.isPending}
                  aria-label={t("alertFor", { name: s.name })}
                  onChange={(e) => {
                    const alert = e.target.checked;
                    setAlert.mutate({ id: s.id, alert }, { onSuccess: () => done(t(alert ? "alertOn" : "alertOff", { name: s.name })) });
                  }}
                  data-testid="saved-search-alert"
                />
                <BellRing className="h-4 w-4" aria-hidden="true" />
                <span aria-hidden="true">{t("alert")}</span>
              </label>
              <Button asChild size="sm" variant="outline">
                <Link href={s.url}>
                  <ExternalLink className="h-4 w-4" aria-hidden="true" />
                  {t("open")}
                </Link>
              </Button>
              <Button size="sm" variant="ghost" aria-label={t("renameFor", { name: s.name })} onClick={() => setEditing({ id: s.id, name: s.name })}>
                <Pencil className="h-4 w-4" aria-hidden="true" />
                {t("rename")}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                className="text-destructive hover:text-destructive"
                disabled={remove.isPending}
                aria-label={t("deleteFor", { name: s.name })}
                onClick={() => {
                  if (!window.confirm(t("deleteConfirm", { name: s.name }))) return;
                  remove.mutate({ id: s.id }, { onSuccess: () => done(t("deleted", { name: s.name })) });
                }}
                data-testid="saved-search-delete"
              >
                <Trash2 className="h-4 w-4" aria-hidden="true" />
                {t("delete")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

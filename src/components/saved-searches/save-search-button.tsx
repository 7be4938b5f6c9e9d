"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BookmarkPlus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { savedSearchNameSchema } from "@/domain/notifications";
import type { SearchFilters } from "@/domain/schemas/search";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { searchPageUrl } from "@/domain/search/url-state";

const formSchema = z.object({ name: savedSearchNameSchema, alert: z.boolean() });
type FormValues = z.output<typeof formSchema>;

/**
 * "Save search" for the search page: a dialog asking for a name (and whether to be alerted of new
 * results) that saves the current query and filters. Signed-out readers get a sign-in link that
 * brings them back to the same search.
 */
export function SaveSearchButton({ entity, q, filters }: { entity: "listing" | "demand"; q: string; filters: SearchFilters }) {
  const t = useTranslations("notifications.saveButton");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.account.me.queryOptions());
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof formSchema>, unknown, FormValues>({ resolver: zodResolver(formSchema), defaultValues: { name: "", alert: true } });
  const create = useMutation(
    trpc.savedSearch.create.mutationOptions({
      onSuccess: (row) => {
        setSaved(row.name);
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.savedSearch.pathKey() });
      },
      onError: (e) => {
        const info = errorInfo(e);
        applyServerErrors(info, form.setError);
        if (info.fields.name) form.setFocus("name");
        else setFormError(translateKey(tAll, info.key, info.params));
      },
    }),
  );

  if (me.isSuccess && !me.data)
    return (
      <Button asChild variant="outline" size="sm" data-testid="save-search-signin">
        <Link href={`/signin?callbackUrl=${encodeURIComponent(searchPageUrl({ entity, q, filters }))}`}>
          <BookmarkPlus className="h-4 w-4" aria-hidden="true" />
          {t("signIn")}
        </Link>
      </Button>
    );

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Dialog.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) {
            setSaved(null);
            setFormError(null);
            form.reset({ name: q.trim().slice(0, 60), alert: true });
          }
        }}
      >
        <Dialog.Trigger asChild>
          <Button variant="outline" size="sm" disabled={!me.isSuccess} data-testid="save-search-open">
            <BookmarkPlus className="h-4 w-4" aria-hidden="true" />
            {t("open")}
          </Button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
          <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl border bg-background p-5 shadow-xl focus:outline-none" data-testid="save-search-dialog">
            <div className="mb-4 flex items-start justify-between gap-4">
              <div>
                <Dialog.Title className="text-lg font-semibold">{t("title")}</Dialog.Title>
                <Dialog.Description className="mt-1 text-sm text-muted-foreground">{t("description")}</Dialog.Description>
              </div>
              <Dialog.Close asChild>
                <Button variant="ghost" size="sm" className="w-9 px-0" aria-label={t("cancel")}>
                  <X className="h-4 w-4" aria-hidden="true" />
                </Button>
              </Dialog.Close>
            </div>
            <form
              noValidate
              className="flex flex-col gap-4"
              onSubmit={form.handleSubmit((v) => {
                setFormError(null);
                create.mutate({ name: v.name, alert: v.alert, query: { entity, q, filters } });
              })}
            >
              <Field label={t("name")} error={form.formState.errors.name?.message} required>
                <Input autoComplete="off" maxLength={60} placeholder={t("namePlaceholder")} data-testid="save-search-name" {...form.register("name")} />
              </Field>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-0.5 h-4 w-4 accent-primary" data-testid="save-search-alert" {...form.register("alert")} />
                <span>
                  <span className="font-medium">{t("alert")}</span>
                  <span className="block text-xs text-muted-foreground">{t("alertHint")}</span>
                </span>
              </label>
              {formError ? <Alert variant="error">{formError}</Alert> : null}
              <div className="flex justify-end gap-2">
                <Dialog.Close asChild>
                  <Button type="button" variant="ghost">
                    {t("cancel")}
                  </Button>
                </Dialog.Close>
                <Button type="submit" disabled={create.isPending} data-testid="save-search-submit">
                  {create.isPending ? t("saving") : t("submit")}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <p role="status" aria-live="polite" className="text-sm text-emerald-700" data-testid="save-search-status">
        {saved ? (
          <>
            {t("saved", { name: saved })}{" "}
            <Link href="/my/saved-searches" className="underline underline-offset-4">
              {t("manage")}
            </Link>
          </>
        ) : null}
      </p>
    </div>
  );
}

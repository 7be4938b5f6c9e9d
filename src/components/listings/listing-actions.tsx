"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/** Publish, pause and archive buttons for one of the organisation's listings (or, with `organizationId`, of a firm a centre manages). */
export function ListingActions({
  id,
  status,
  title,
  canArchive,
  expired,
  organizationId,
}: {
  id: string;
  status: string;
  title: string;
  canArchive: boolean;
  expired: boolean;
  organizationId?: string;
}) {
  const t = useTranslations("listings.my");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const opts = { onSuccess: () => router.refresh(), onError: (e: unknown) => setProblem(translateKey(tAll, errorInfo(e).key, errorInfo(e).params)) };
  const publish = useMutation(trpc.listing.publish.mutationOptions(opts));
  const pause = useMutation(trpc.listing.pause.mutationOptions(opts));
  const archive = useMutation(trpc.listing.archive.mutationOptions(opts));
  const busy = publish.isPending || pause.isPending || archive.isPending;
  if (status === "archived") return null;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2" role="group" aria-label={t("actionsFor", { title })}>
        {(status === "draft" || status === "paused") && !expired ? (
          <Button size="sm" disabled={busy} onClick={() => publish.mutate({ id, organizationId })} data-testid="listing-publish">
            {t("publish")}
          </Button>
        ) : null}
        {status === "published" ? (
          <Button size="sm" variant="outline" disabled={busy} onClick={() => pause.mutate({ id, organizationId })} data-testid="listing-pause">
            {t("pause")}
          </Button>
        ) : null}
        {canArchive ? (
          <Button
            size="sm"
            variant="ghost"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t("archiveConfirm"))) archive.mutate({ id, organizationId });
            }}
            data-testid="listing-archive"
          >
            {t("archive")}
          </Button>
        ) : null}
      </div>
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil, XCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import type { DemandStatus } from "@/domain/demand-text";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Edit and close for the buyer organisation. Members edit open demands; owners and admins also
 * close (withdraw) them. Awarding goes through a supplier's quote (docs/deals.md), which makes the order.
 */
export function DemandStatusActions({ id, title, status, canManage }: { id: string; title: string; status: DemandStatus; canManage: boolean }) {
  const t = useTranslations("demands.my");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const options = (done: string) => ({
    onSuccess: () => {
      setMessage({ kind: "success" as const, text: done });
      router.refresh();
    },
    onError: (e: unknown) => {
      const info = errorInfo(e);
      setMessage({ kind: "error" as const, text: translateKey(tAll, info.key, info.params) });
    },
  });
  const close = useMutation(trpc.demand.close.mutationOptions(options(t("closed"))));
  const busy = close.isPending;
  const canClose = canManage && status === "open";
  return (
    <div className="flex flex-col gap-2">
      <div role="group" aria-label={t("actions", { title })} className="flex flex-wrap gap-2">
        {status === "open" ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/my/demands/${id}/edit`} data-testid="demand-edit">
              <Pencil className="h-4 w-4" aria-hidden="true" />
              {tAll("demands.detail.edit")}
            </Link>
          </Button>
        ) : null}
        {canClose ? (
          <Button
            variant="outline"
            size="sm"
            disabled={busy}
            data-testid="demand-close"
            onClick={() => {
              if (window.confirm(t("confirmClose"))) close.mutate({ id });
            }}
          >
            <XCircle className="h-4 w-4" aria-hidden="true" />
            {t("close")}
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">{message ? <Alert variant={message.kind} data-testid="demand-action-status">{message.text}</Alert> : null}</div>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCheck, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { translateKey } from "@/components/ui/field";
import { Label, Textarea } from "@/components/ui/input";
import { cancelDealInputSchema } from "@/domain/schemas/deals";
import { useTRPC } from "@/lib/trpc/client";
import { useAnnouncer } from "./deal-announcer";

/** Close (the buyer, once delivered) and cancel with a reason (either side, before delivery). */
export function DealControls({ dealId, title, canClose, canCancel }: { dealId: string; title: string; canClose: boolean; canCancel: boolean }) {
  const t = useTranslations("deals.controls");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const close = useMutation(trpc.deal.close.mutationOptions({ onSuccess: () => done(t("closedDone")), onError: (e) => void failed(e) }));
  if (!canClose && !canCancel) return null;
  return (
    <div role="group" aria-label={t("label", { title })} className="flex flex-wrap gap-2">
      {canClose ? (
        <Button
          type="button"
          size="sm"
          disabled={close.isPending}
          onClick={() => {
            if (window.confirm(t("confirmClose"))) close.mutate({ dealId });
          }}
          data-testid="deal-close"
        >
          <CheckCheck className="h-4 w-4" aria-hidden="true" />
          {t("close")}
        </Button>
      ) : null}
      {canCancel ? <CancelDialog dealId={dealId} /> : null}
    </div>
  );
}

function CancelDialog({ dealId }: { dealId: string }) {
  const t = useTranslations("deals.controls");
  const tc = useTranslations("deals.common");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.deal.cancel.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        done(t("cancelledDone"));
      },
      onError: (e) => {
        const info = failed(e);
        setError(info.fields.reason ?? info.key);
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setReason("");
          setError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" size="sm" variant="outline" data-testid="deal-cancel-open">
          <XCircle className="h-4 w-4" aria-hidden="true" />
          {t("cancel")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={tc("close")} data-testid="deal-cancel-dialog">
        <DialogTitle>{t("cancelTitle")}</DialogTitle>
        <DialogDescription>{t("cancelDescription")}</DialogDescription>
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = cancelDealInputSchema.shape.reason.safeParse(reason);
            if (!parsed.success) {
              setError(parsed.error.issues[0]?.message ?? "validation.required");
              document.getElementById(`${id}-reason`)?.focus();
              return;
            }
            setError(null);
            cancel.mutate({ dealId, reason: parsed.data });
          }}
        >
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-reason`}>
              {t("reason")}
              <span aria-hidden="true" className="ml-0.5 text-destructive">
                *
              </span>
            </Label>
            <Textarea
              id={`${id}-reason`}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              data-testid="deal-cancel-reason"
            />
            {error ? (
              <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
                {translateKey(tAll, error)}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="ghost">
                {t("keep")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={cancel.isPending} data-testid="deal-cancel-submit">
              {t("confirmCancel")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

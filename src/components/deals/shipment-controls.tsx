"use client";

import { useMutation } from "@tanstack/react-query";
import { PackageCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { todayInChina } from "@/components/org/display";
import { Button } from "@/components/ui/button";
import { Input, Label, Textarea } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/client";
import { useAnnouncer } from "./deal-announcer";

/** The buyer records the day a shipment arrived. */
export function ReceiveShipment({ dealId, shipmentId, shippedOn, label }: { dealId: string; shipmentId: string; shippedOn: string; label: string }) {
  const t = useTranslations("deals.shipping");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const id = useId();
  const [day, setDay] = useState(() => (todayInChina() < shippedOn ? shippedOn : todayInChina()));
  const receive = useMutation(trpc.deal.receive.mutationOptions({ onSuccess: () => done(t("received")), onError: (e) => void failed(e) }));
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        receive.mutate({ dealId, shipmentId, receivedOn: day });
      }}
    >
      <Label htmlFor={`${id}-day`} className="sr-only">
        {t("receivedOn")}
      </Label>
      <Input id={`${id}-day`} type="date" className="h-9 w-40" min={shippedOn} required value={day} onChange={(e) => setDay(e.target.value)} data-testid="receive-date" />
      <Button type="submit" size="sm" disabled={receive.isPending || !day} data-testid="receive-submit">
        {t("receive")}
      </Button>
    </form>
  );
}

/** Beyond the tolerance: the buyer accepts the delivered quantity or rejects it (the supplier ships the rest). */
export function QuantityDecision({ dealId }: { dealId: string }) {
  const t = useTranslations("deals.shipping");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const id = useId();
  const [comment, setComment] = useState("");
  const decide = useMutation(
    trpc.deal.decideQuantity.mutationOptions({ onSuccess: (_r, v) => done(t(v.decision === "accepted" ? "acceptedDone" : "rejectedDone")), onError: (e) => void failed(e) }),
  );
  const go = (decision: "accepted" | "rejected") => decide.mutate({ dealId, decision, comment: comment.trim() || undefined });
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4" role="group" aria-labelledby={`${id}-title`} data-testid="quantity-decision">
      <p id={`${id}-title`} className="text-sm font-medium text-amber-900">
        {t("decisionPrompt")}
      </p>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-comment`}>{t("decisionComment")}</Label>
        <Textarea id={`${id}-comment`} className="min-h-16 bg-background" maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" disabled={decide.isPending} onClick={() => go("accepted")} data-testid="decision-accept">
          {t("accept")}
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={decide.isPending} onClick={() => go("rejected")} data-testid="decision-reject">
          {t("reject")}
        </Button>
      </div>
    </div>
  );
}

/** Everything received and the quantity settled: the buyer confirms delivery. */
export function ConfirmDelivery({ dealId }: { dealId: string }) {
  const t = useTranslations("deals.shipping");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const confirm = useMutation(trpc.deal.confirmDelivery.mutationOptions({ onSuccess: () => done(t("deliveredDone")), onError: (e) => void failed(e) }));
  return (
    <Button type="button" className="self-start" disabled={confirm.isPending} onClick={() => confirm.mutate({ dealId })} data-testid="confirm-delivery">
      <PackageCheck className="h-4 w-4" aria-hidden="true" />
      {t("confirmDelivery")}
    </Button>
  );
}

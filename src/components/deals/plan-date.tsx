"use client";

import { useMutation } from "@tanstack/react-query";
import { CalendarClock } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import type { DealStage } from "@/domain/deals/stages";
import { useTRPC } from "@/lib/trpc/client";
import { useAnnouncer } from "./deal-announcer";

/** "Change planned date" for a stage still to do: a date field and save, in place. */
export function PlanDate({ dealId, stage, plannedDate }: { dealId: string; stage: DealStage; plannedDate: string | null }) {
  const t = useTranslations("deals");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(plannedDate ?? "");
  const plan = useMutation(
    trpc.deal.plan.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        done(t("timeline.done.plan"));
      },
      onError: (e) => void failed(e),
    }),
  );
  const stageName = t(`stages.${stage}`);
  if (!open)
    return (
      <Button type="button" variant="link" size="sm" className="h-auto self-start p-0 text-xs" onClick={() => setOpen(true)} aria-label={t("timeline.changePlanFor", { stage: stageName })}>
        <CalendarClock className="h-3.5 w-3.5" aria-hidden="true" />
        {t("timeline.changePlan")}
      </Button>
    );
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (value) plan.mutate({ dealId, stage, plannedDate: value });
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-date`}>{t("timeline.newPlanFor", { stage: stageName })}</Label>
        <Input id={`${id}-date`} type="date" required className="w-44" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
      </div>
      <Button type="submit" size="sm" disabled={plan.isPending || !value}>
        {t("timeline.savePlan")}
      </Button>
      <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
        {t("common.cancel")}
      </Button>
    </form>
  );
}

import { AlarmClock } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { dealStatusVariant, stageStateVariant, type DealStage, type DealStatus, type StageState } from "./display";

/** Where the order is: its stage while active, else closed / cancelled. */
export function DealStageBadge({ status, stage }: { status: DealStatus; stage: DealStage }) {
  const t = useTranslations("deals");
  return (
    <Badge variant={dealStatusVariant[status]} data-testid="deal-stage" data-stage={stage} data-status={status}>
      {status === "active" ? t(`stages.${stage}`) : t(`status.${status}`)}
    </Badge>
  );
}

export function StageStateBadge({ state }: { state: StageState }) {
  const t = useTranslations("deals.stageStates");
  return (
    <Badge variant={stageStateVariant[state]} data-testid="stage-state" data-state={state}>
      {t(state)}
    </Badge>
  );
}

export function LateBadge({ label }: { label?: string }) {
  const t = useTranslations("deals");
  return (
    <Badge variant="warning" data-testid="deal-late">
      <AlarmClock className="h-3 w-3" aria-hidden="true" />
      {label ?? t("late")}
    </Badge>
  );
}

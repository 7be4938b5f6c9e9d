import { Check, Circle, CircleDot, CornerUpLeft, SkipForward } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { canPlan } from "@/domain/deals/deal-actions";
import { isSampleStage } from "@/domain/deals/stages";
import { chinaDate, dateFormat, dateTimeFormat } from "@/components/org/display";
import { cn } from "@/lib/utils";
import { LateBadge, StageStateBadge } from "./deal-badges";
import type { DealDetail } from "./types";
import { PlanDate } from "./plan-date";
import { StageActions } from "./stage-actions";

const STAGE_EVENT_ACTIONS = new Set(["submit", "approve", "return", "complete", "skip", "plan", "cancelled", "closed", "shipped", "received", "delivered"]);

const stateIcon = { pending: Circle, active: CircleDot, submitted: CircleDot, returned: CornerUpLeft, done: Check, skipped: SkipForward } as const;

/**
 * The eight stages in order, each with its planned and actual dates, state, late flag and the
 * comments and steps recorded on it; the current stage carries the actions the reader's side may
 * take now, and stages still to do let either side move their planned date.
 */
export function StageTimeline({ data }: { data: DealDetail }) {
  const t = useTranslations("deals");
  const format = useFormatter();
  const { deal, stages, events, actions } = data;
  const day = (iso: string | null) => (iso ? format.dateTime(chinaDate(iso), dateFormat) : null);
  return (
    <ol className="flex flex-col" aria-label={t("timeline.listLabel")} data-testid="deal-timeline">
      {stages.map((s, i) => {
        const current = deal.status === "active" && s.stage === deal.stage;
        const Icon = stateIcon[s.state];
        const history = events.filter((e) => e.stage === s.stage && STAGE_EVENT_ACTIONS.has(e.action));
        const last = i === stages.length - 1;
        return (
          <li key={s.stage} className="relative flex gap-3 pb-6 last:pb-0" aria-current={current ? "step" : undefined} data-testid="deal-stage-item" data-stage={s.stage} data-state={s.state}>
            {!last ? <span className="absolute left-[15px] top-8 h-[calc(100%-2rem)] w-px bg-border" aria-hidden="true" /> : null}
            <span
              className={cn(
                "relative flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2",
                s.state === "done" && "border-emerald-600 bg-emerald-600 text-white",
                s.state === "skipped" && "border-muted-foreground/40 text-muted-foreground",
                s.state === "returned" && "border-red-600 text-red-700",
                (s.state === "active" || s.state === "submitted") && "border-primary text-primary",
                s.state === "pending" && "border-border text-muted-foreground",
              )}
              aria-hidden="true"
            >
              <Icon className="h-4 w-4" />
            </span>
            <div className={cn("flex min-w-0 flex-1 flex-col gap-2", current && "rounded-lg border border-primary/30 bg-primary/5 p-3 -mt-1")}>
              <div className="flex flex-wrap items-center gap-2">
                <h3 className={cn("font-semibold", s.state === "skipped" && "text-muted-foreground")}>{t(`stages.${s.stage}`)}</h3>
                <StageStateBadge state={s.state} />
                {s.late ? <LateBadge /> : null}
                {current ? <span className="sr-only">{t("timeline.current")}</span> : null}
              </div>
              <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
                {s.plannedDate ? (
                  <div className="flex gap-1">
                    <dt className="text-muted-foreground">{t("timeline.planned")}</dt>
                    <dd className={cn("tabular-nums", s.late && "font-medium text-amber-800")} data-testid="stage-planned">
                      {day(s.plannedDate)}
                    </dd>
                  </div>
                ) : null}
                {s.actualDate ? (
                  <div className="flex gap-1">
                    <dt className="text-muted-foreground">{t("timeline.actual")}</dt>
                    <dd className="tabular-nums">{day(s.actualDate)}</dd>
                  </div>
                ) : null}
              </dl>
              {history.length ? (
                <ul className="flex flex-col gap-1.5 text-sm" aria-label={t("timeline.historyLabel", { stage: t(`stages.${s.stage}`) })}>
                  {history.map((e) => (
                    <li key={e.id} className={cn("rounded-md bg-muted/60 px-3 py-2", e.action === "return" && "bg-red-50")} data-testid="stage-event" data-action={e.action}>
                      <span className="text-xs text-muted-foreground">
                        {format.dateTime(e.createdAt, dateTimeFormat)} · {e.side ? t(`sides.${e.side}`) : ""}
                        {e.actorName ? ` ${e.actorName}` : ""}
                      </span>
                      <span className="block font-medium">{t.has(`events.${e.action}`) ? t(`events.${e.action}`) : e.action}</span>
                      {e.comment ? <span className="block whitespace-pre-line break-words">{e.comment}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {current && (s.stage === "shipped" || s.stage === "delivered") ? (
                <p className="text-sm text-muted-foreground">
                  <a href="#deal-shipping" className="underline underline-offset-4">
                    {t("timeline.seeShipping")}
                  </a>
                </p>
              ) : null}
              {current && actions.stage.length ? <StageActions dealId={deal.id} stage={s.stage} actions={actions.stage} sample={isSampleStage(s.stage)} /> : null}
              {actions.plan && canPlan(s) ? <PlanDate dealId={deal.id} stage={s.stage} plannedDate={s.plannedDate} /> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

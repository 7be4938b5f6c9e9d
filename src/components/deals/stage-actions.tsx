"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { Label, Textarea } from "@/components/ui/input";
import type { DealStage, StageAction } from "@/domain/deals/stages";
import { useTRPC } from "@/lib/trpc/client";
import { useAnnouncer } from "./deal-announcer";

const ORDER: StageAction[] = ["submit", "complete", "approve", "return", "skip"];

/**
 * The current stage's actions for the reader's side: the supplier submits a sample (or the goods
 * for inspection) or completes bulk; the buyer approves, sends back with a comment (required) or
 * skips a sample stage. One optional comment box goes with whichever button is pressed.
 */
export function StageActions({ dealId, stage, actions, sample }: { dealId: string; stage: DealStage; actions: StageAction[]; sample: boolean }) {
  const t = useTranslations("deals.timeline");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const id = useId();
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const act = useMutation(
    trpc.deal.act.mutationOptions({
      onSuccess: (_r, v) => {
        setComment("");
        done(t(`done.${v.action}`));
      },
      onError: (e) => {
        const info = failed(e);
        if (info.fields.comment) setCommentError(info.fields.comment);
      },
    }),
  );
  const reviewing = actions.includes("approve") || actions.includes("return");
  const run = (action: StageAction) => {
    setCommentError(null);
    if (action === "return" && !comment.trim()) {
      setCommentError("deals.timeline.returnNeedsComment");
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    act.mutate({ dealId, stage, action, comment: comment.trim() || undefined });
  };
  const label = (a: StageAction) => (a === "submit" ? t(sample ? "actions.submitSample" : "actions.submitInspection") : t(`actions.${a}`));
  return (
    <div className="flex flex-col gap-3 rounded-md border bg-background p-3" role="group" aria-label={t("actionsLabel")} data-testid="stage-actions">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-comment`}>{reviewing ? t("reviewComment") : t("comment")}</Label>
        <Textarea
          id={`${id}-comment`}
          className="min-h-16"
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `${id}-error` : undefined}
          data-testid="stage-comment"
        />
        {commentError ? (
          <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
            {translateKey(tAll, commentError)}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        {ORDER.filter((a) => actions.includes(a)).map((a) => (
          <Button
            key={a}
            type="button"
            size="sm"
            variant={a === "return" ? "outline" : a === "skip" ? "ghost" : "default"}
            disabled={act.isPending}
            onClick={() => run(a)}
            data-testid={`stage-action-${a}`}
          >
            {label(a)}
          </Button>
        ))}
      </div>
    </div>
  );
}

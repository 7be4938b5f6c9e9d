"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/client";
import { useAnnouncer } from "./deal-announcer";
import { StarRating } from "./star-rating";

const CRITERIA = ["onTime", "quality", "communication"] as const;
type Criterion = (typeof CRITERIA)[number];

/** After delivery each side rates the other once: on time, quality, communication (1–5) and a comment. */
export function RatingForm({ dealId, counterpart }: { dealId: string; counterpart: string }) {
  const t = useTranslations("deals.rating");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const id = useId();
  const [scores, setScores] = useState<Record<Criterion, number | null>>({ onTime: null, quality: null, communication: null });
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const rate = useMutation(trpc.deal.rate.mutationOptions({ onSuccess: () => done(t("thanks")), onError: (e) => void failed(e) }));
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      aria-labelledby={`${id}-title`}
      data-testid="rating-form"
      onSubmit={(e) => {
        e.preventDefault();
        const { onTime, quality, communication } = scores;
        if (onTime === null || quality === null || communication === null) {
          setMissing(true);
          return;
        }
        setMissing(false);
        rate.mutate({ dealId, onTime, quality, communication, comment: comment.trim() || undefined });
      }}
    >
      <h3 id={`${id}-title`} className="font-semibold">
        {t("formTitle", { name: counterpart })}
      </h3>
      <div className="grid gap-4 sm:grid-cols-3">
        {CRITERIA.map((c) => (
          <StarRating
            key={c}
            name={`${id}-${c}`}
            legend={t(`criteria.${c}`)}
            value={scores[c]}
            onChange={(v) => setScores((s) => ({ ...s, [c]: v }))}
            error={missing && scores[c] === null ? t("pick") : undefined}
            testId={`rating-${c}`}
          />
        ))}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-comment`}>{t("comment")}</Label>
        <Textarea id={`${id}-comment`} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="rating-comment" />
      </div>
      <Button type="submit" className="self-start" disabled={rate.isPending} data-testid="rating-submit">
        {t("submit")}
      </Button>
    </form>
  );
}

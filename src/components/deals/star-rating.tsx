"use client";

import { Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/**
 * 1–5 stars as a native radio group inside a fieldset: Tab reaches the group, arrow keys change
 * the rating, and screen readers announce the legend and "3 stars". The inputs are visually hidden;
 * the star that holds focus gets the ring.
 */
export function StarRating({ name, legend, value, onChange, error, testId }: { name: string; legend: string; value: number | null; onChange: (v: number) => void; error?: string; testId?: string }) {
  const t = useTranslations("deals.rating");
  const errorId = `${name}-error`;
  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={error ? errorId : undefined} data-testid={testId}>
      <legend className="mb-1.5 text-sm font-medium">
        {legend}
        <span aria-hidden="true" className="ml-0.5 text-destructive">
          *
        </span>
      </legend>
      <div className="flex items-center gap-1">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="cursor-pointer rounded-md p-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-ring">
            <input type="radio" className="sr-only" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
            <Star className={cn("h-7 w-7", value !== null && n <= value ? "fill-amber-400 text-amber-500" : "text-muted-foreground")} aria-hidden="true" />
            <span className="sr-only">{t("stars", { count: n })}</span>
          </label>
        ))}
        <span className="ml-2 text-sm text-muted-foreground" aria-hidden="true">
          {value ? t("stars", { count: value }) : ""}
        </span>
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Read-only stars with the figure next to them ("4.5"), for ratings given and averages. */
export function Stars({ value, label }: { value: number; label: string }) {
  return (
    <span className="inline-flex items-center gap-1" role="img" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Star key={n} className={cn("h-4 w-4", n <= Math.round(value) ? "fill-amber-400 text-amber-500" : "text-muted-foreground/50")} aria-hidden="true" />
      ))}
      <span className="ml-1 text-sm tabular-nums" aria-hidden="true">
        {Number.isInteger(value) ? value : value.toFixed(1)}
      </span>
    </span>
  );
}

import { Check, CircleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { matchGrade, type ReasonSentence } from "./reasons";

/** "Why this supplier": one sentence per reason; a reason that only just passes is marked. */
export function ReasonList({ sentences, label, caution }: { sentences: ReasonSentence[]; label: string; caution: string }) {
  return (
    <ul className="flex flex-col gap-1 text-sm" aria-label={label} data-testid="match-reasons">
      {sentences.map((s, i) => (
        <li key={`${s.code}-${i}`} className="flex items-start gap-2" data-reason={s.code}>
          {s.ok ? (
            <Check className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" aria-hidden="true" />
          ) : (
            <CircleAlert className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden="true" />
          )}
          <span>
            {s.ok ? null : <span className="sr-only">{caution}: </span>}
            {s.text}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The buyer's grade of a match (ideal / good / marginal, the matcher's bands) instead of a raw score. */
export function GradeBadge({ score, label, names }: { score: number; label: string; names: Record<"ideal" | "good" | "marginal", string> }) {
  const grade = matchGrade(score);
  return (
    <Badge variant={grade === "ideal" ? "success" : grade === "good" ? "secondary" : "warning"} data-testid="match-grade" data-grade={grade}>
      <span className="sr-only">{label}: </span>
      {names[grade]}
    </Badge>
  );
}

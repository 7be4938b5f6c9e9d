import { Check, CircleAlert } from "lucide-react";
import type { ReasonSentence } from "./reasons";

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

/** The score as a bar with its percentage written out (the bar itself is decorative). */
export function ScoreBar({ score, label }: { score: number; label: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, score)) * 100);
  return (
    <div className="flex items-center gap-2" data-testid="match-score">
      <div className="h-2 w-24 overflow-hidden rounded-full bg-muted" aria-hidden="true">
        <div className={pct >= 70 ? "h-full bg-emerald-600" : pct >= 35 ? "h-full bg-amber-500" : "h-full bg-slate-400"} style={{ width: `${pct}%` }} />
      </div>
      <span className="text-sm font-medium tabular-nums">
        <span className="sr-only">{label} </span>
        {pct}%
      </span>
    </div>
  );
}

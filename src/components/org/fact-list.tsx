import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

export interface Fact {
  label: ReactNode;
  value: ReactNode;
  /** stable key; also a data-testid suffix for tests */
  id: string;
}

/** A definition list of facts; rows without a value are left out rather than shown empty. */
export function FactList({ facts, className }: { facts: Fact[]; className?: string }) {
  const shown = facts.filter((f) => f.value !== null && f.value !== undefined && f.value !== "");
  return (
    <dl className={cn("grid gap-x-6 gap-y-4 sm:grid-cols-2", className)}>
      {shown.map((f) => (
        <div key={f.id} className="min-w-0" data-testid={`fact-${f.id}`}>
          <dt className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{f.label}</dt>
          <dd className="mt-1 break-words text-sm">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

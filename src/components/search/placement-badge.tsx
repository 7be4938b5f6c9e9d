import { Sparkles, TrendingUp } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/**
 * The mark of paid placement (docs/billing.md "Placement"): "featured" on a listing whose
 * organisation's plan features its listings (推荐), "priority" on a demand whose buyer's plan ranks it
 * first (优先展示). The caller passes the label from its own namespace.
 */
export function PlacementBadge({ kind, label }: { kind: "featured" | "priority"; label: string }) {
  const Icon = kind === "featured" ? Sparkles : TrendingUp;
  return (
    <Badge variant="warning" data-testid={`${kind}-badge`} className="gap-1 border-amber-300">
      <Icon className="h-3.5 w-3.5" aria-hidden="true" />
      {label}
    </Badge>
  );
}

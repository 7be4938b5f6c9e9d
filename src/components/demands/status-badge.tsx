import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { DemandStatus } from "@/domain/demand-text";
import { statusVariant } from "./display";

export function DemandStatusBadge({ status }: { status: DemandStatus }) {
  const t = useTranslations("demands.status");
  return (
    <Badge variant={statusVariant[status]} data-testid="demand-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { InquiryStatus } from "@/domain/deals/inquiry-rules";
import { inquiryStatusVariant } from "./display";

export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  const t = useTranslations("inquiries.status");
  return (
    <Badge variant={inquiryStatusVariant[status]} data-testid="inquiry-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}

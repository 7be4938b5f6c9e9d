import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const VARIANT = { created: "success", merged: "default", review: "warning", unchanged: "secondary", rejected: "destructive" } as const;

/** A facility-list row's outcome (created, merged, for review, unchanged, rejected), translated. */
export function OutcomeBadge({ outcome }: { outcome: keyof typeof VARIANT }) {
  const t = useTranslations("imports.osh.outcomes");
  return <Badge variant={VARIANT[outcome]}>{t(outcome)}</Badge>;
}

import { BadgeCheck, Clock, ShieldAlert, ShieldQuestion } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

export type VerificationState = "unverified" | "pending" | "verified" | "rejected";

/** The public mark of a platform-verified firm. Render it only for verified organisations. */
export function VerifiedBadge({ size = "default", className }: { size?: "default" | "lg"; className?: string }) {
  const t = useTranslations("org");
  return (
    <Badge
      variant="success"
      data-testid="verified-badge"
      title={t("public.verifiedHint")}
      className={cn("border-emerald-300", size === "lg" && "gap-1.5 border-emerald-700 bg-emerald-700 px-3 py-1 text-sm text-white", className)}
    >
      <BadgeCheck className={size === "lg" ? "h-4 w-4" : "h-3.5 w-3.5"} aria-hidden="true" />
      {t("public.verified")}
    </Badge>
  );
}

const stateStyle = {
  unverified: { variant: "secondary", icon: ShieldQuestion },
  pending: { variant: "warning", icon: Clock },
  verified: { variant: "success", icon: BadgeCheck },
  rejected: { variant: "destructive", icon: ShieldAlert },
} as const;

/** Any verification state, for members and admins. */
export function VerificationStateBadge({ state }: { state: VerificationState }) {
  const t = useTranslations("common.verification");
  const { variant, icon: Icon } = stateStyle[state];
  return (
    <Badge variant={variant} data-testid="verification-state" data-state={state}>
      <Icon className="h-3.5 w-3.5" aria-hidden="true" />
      {t(state)}
    </Badge>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/** "管理订阅": opens Stripe's customer portal for the organisation (owners and admins). */
export function PortalButton() {
  const t = useTranslations();
  const trpc = useTRPC();
  const portal = useMutation(trpc.billing.portal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const failure = portal.error ? errorInfo(portal.error) : null;
  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="outline" onClick={() => portal.mutate()} disabled={portal.isPending || portal.isSuccess} data-testid="billing-portal">
        {portal.isPending || portal.isSuccess ? t("billing.portal.opening") : t("billing.portal.manage")}
      </Button>
      <p className="text-xs text-muted-foreground">{t("billing.portal.hint")}</p>
      {failure ? (
        <Alert variant="error" data-testid="portal-error">
          {translateKey(t, failure.key, failure.params)}
        </Alert>
      ) : null}
    </div>
  );
}

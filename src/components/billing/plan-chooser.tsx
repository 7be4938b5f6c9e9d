"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PaidPlanId } from "@/domain/billing/plans";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface PlanOffer {
  id: PaidPlanId;
  name: string;
  /** "¥680.00/月", formatted on the server. */
  price: string;
  /** What the plan entitles, one line each. */
  lines: string[];
}

/** The paid plans with a Checkout button each (payments on); the browser leaves for Stripe's page. */
export function PlanChooser({ offers, currentPlan, canBuy }: { offers: PlanOffer[]; currentPlan: string; canBuy: boolean }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const [leaving, setLeaving] = useState<PaidPlanId | null>(null);
  const checkout = useMutation(
    trpc.billing.checkout.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
      onError: () => setLeaving(null),
    }),
  );
  const failure = checkout.error ? errorInfo(checkout.error) : null;
  return (
    <section aria-labelledby="plan-chooser-title" className="flex flex-col gap-3" data-testid="plan-chooser">
      <div>
        <h2 id="plan-chooser-title" className="text-lg font-semibold">
          {t("billing.chooser.title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("billing.chooser.description")}</p>
      </div>
      {failure ? (
        <Alert variant="error" data-testid="checkout-error">
          {translateKey(t, failure.key, failure.params)}
        </Alert>
      ) : null}
      {!canBuy ? <p className="text-sm text-muted-foreground">{t("billing.chooser.managersOnly")}</p> : null}
      <ul className="grid gap-4 md:grid-cols-3">
        {offers.map((o) => {
          const current = o.id === currentPlan;
          return (
            <li key={o.id}>
              <Card className="flex h-full flex-col" aria-labelledby={`plan-${o.id}`} data-testid={`plan-offer-${o.id}`}>
                <CardHeader>
                  <CardTitle id={`plan-${o.id}`}>{o.name}</CardTitle>
                  <CardDescription className="text-xl font-semibold text-foreground">{o.price}</CardDescription>
                </CardHeader>
                <CardContent className="flex flex-1 flex-col gap-4">
                  <ul className="flex flex-1 list-disc flex-col gap-1 pl-5 text-sm">
                    {o.lines.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                  {current ? (
                    <p className="text-sm font-medium text-emerald-700">{t("billing.chooser.current")}</p>
                  ) : (
                    <Button
                      onClick={() => {
                        setLeaving(o.id);
                        checkout.mutate({ plan: o.id });
                      }}
                      disabled={!canBuy || leaving !== null}
                      aria-describedby={`plan-${o.id}`}
                      data-testid={`checkout-${o.id}`}
                    >
                      {leaving === o.id ? t("billing.chooser.redirecting") : t("billing.chooser.pay")}
                    </Button>
                  )}
                </CardContent>
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

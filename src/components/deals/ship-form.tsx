"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { todayInChina } from "@/components/org/display";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { shipmentInputSchema } from "@/domain/schemas/deals";
import { applyServerErrors } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { useAnnouncer } from "./deal-announcer";
import { Disclosure } from "./disclosure";

type Input = z.input<typeof shipmentInputSchema>;
type Values = z.output<typeof shipmentInputSchema>;

/** The supplier records a shipment (a partial delivery is one of several): quantity, date, carrier, tracking number. */
export function ShipForm({ dealId, unit, remaining }: { dealId: string; unit: string; remaining: number }) {
  const t = useTranslations("deals.shipping");
  return (
    <Disclosure label={t("add")} testId="ship-open">
      {(close) => <ShipFields dealId={dealId} unit={unit} remaining={remaining} close={close} />}
    </Disclosure>
  );
}

function ShipFields({ dealId, unit, remaining, close }: { dealId: string; unit: string; remaining: number; close: () => void }) {
  const t = useTranslations("deals.shipping");
  const tc = useTranslations("deals.common");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const form = useForm<Input, unknown, Values>({
    resolver: zodResolver(shipmentInputSchema),
    defaultValues: { dealId, quantity: remaining > 0 ? String(remaining) : "", shippedOn: todayInChina(), carrier: "", trackingNo: "" } as Input,
  });
  const ship = useMutation(
    trpc.deal.ship.mutationOptions({
      onSuccess: () => {
        close();
        done(t("shipped"));
      },
      onError: (e) => applyServerErrors(failed(e), form.setError),
    }),
  );
  const errors = form.formState.errors;
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={form.handleSubmit((v) => ship.mutate(v))} data-testid="ship-form">
      <Field label={t("quantity", { unit })} error={errors.quantity?.message} required>
        <Input inputMode="decimal" data-testid="ship-quantity" {...form.register("quantity")} />
      </Field>
      <Field label={t("shippedOn")} error={errors.shippedOn?.message} required>
        <Input type="date" data-testid="ship-date" {...form.register("shippedOn")} />
      </Field>
      <Field label={t("carrier")} error={errors.carrier?.message}>
        <Input maxLength={100} autoComplete="off" data-testid="ship-carrier" {...form.register("carrier")} />
      </Field>
      <Field label={t("trackingNo")} error={errors.trackingNo?.message}>
        <Input maxLength={100} autoComplete="off" data-testid="ship-tracking" {...form.register("trackingNo")} />
      </Field>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={ship.isPending} data-testid="ship-submit">
          {t("submit")}
        </Button>
        <Button type="button" variant="ghost" onClick={close}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { todayInChina } from "@/components/org/display";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { invoiceInputSchema, paymentInputSchema } from "@/domain/schemas/deals";
import { applyServerErrors } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { useAnnouncer } from "./deal-announcer";
import { Disclosure } from "./disclosure";

/** The supplier records an invoice it issued (number, 专票/普票, amount, dates). */
export function InvoiceForm({ dealId, invoiceType }: { dealId: string; invoiceType: "vat_special" | "vat_ordinary" | "none" }) {
  const t = useTranslations("deals.money");
  return <Disclosure label={t("addInvoice")} testId="invoice-open">{(close) => <InvoiceFields dealId={dealId} invoiceType={invoiceType === "vat_ordinary" ? "vat_ordinary" : "vat_special"} close={close} />}</Disclosure>;
}

function InvoiceFields({ dealId, invoiceType, close }: { dealId: string; invoiceType: "vat_special" | "vat_ordinary"; close: () => void }) {
  const t = useTranslations("deals.money");
  const tc = useTranslations("deals.common");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const form = useForm<z.input<typeof invoiceInputSchema>, unknown, z.output<typeof invoiceInputSchema>>({
    resolver: zodResolver(invoiceInputSchema),
    defaultValues: { dealId, number: "", invoiceType, amount: "", issuedOn: todayInChina(), dueOn: "" } as z.input<typeof invoiceInputSchema>,
  });
  const add = useMutation(
    trpc.deal.addInvoice.mutationOptions({
      onSuccess: () => {
        close();
        done(t("invoiceAdded"));
      },
      onError: (e) => applyServerErrors(failed(e), form.setError),
    }),
  );
  const errors = form.formState.errors;
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={form.handleSubmit((v) => add.mutate(v))} data-testid="invoice-form">
      <Field label={t("invoiceNumber")} error={errors.number?.message} required>
        <Input maxLength={60} autoComplete="off" data-testid="invoice-number" {...form.register("number")} />
      </Field>
      <Field label={t("invoiceType")} error={errors.invoiceType?.message} required>
        <Select data-testid="invoice-type" {...form.register("invoiceType")}>
          <option value="vat_special">{t("invoiceTypes.vat_special")}</option>
          <option value="vat_ordinary">{t("invoiceTypes.vat_ordinary")}</option>
        </Select>
      </Field>
      <Field label={t("amountYuan")} error={errors.amount?.message} required>
        <Input inputMode="decimal" data-testid="invoice-amount" {...form.register("amount")} />
      </Field>
      <Field label={t("issuedOn")} error={errors.issuedOn?.message} required>
        <Input type="date" {...form.register("issuedOn")} />
      </Field>
      <Field label={t("dueOn")} error={errors.dueOn?.message}>
        <Input type="date" {...form.register("dueOn")} />
      </Field>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={add.isPending} data-testid="invoice-submit">
          {t("saveInvoice")}
        </Button>
        <Button type="button" variant="ghost" onClick={close}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** The buyer records a payment it made (amount, date, transfer or acceptance bill, reference). */
export function PaymentForm({ dealId, balanceYuan, terms }: { dealId: string; balanceYuan: number; terms: "prepay" | "monthly" | "acceptance" }) {
  const t = useTranslations("deals.money");
  return (
    <Disclosure label={t("addPayment")} testId="payment-open">
      {(close) => <PaymentFields dealId={dealId} balanceYuan={balanceYuan} method={terms === "acceptance" ? "acceptance_bill" : "bank_transfer"} close={close} />}
    </Disclosure>
  );
}

function PaymentFields({ dealId, balanceYuan, method, close }: { dealId: string; balanceYuan: number; method: "bank_transfer" | "acceptance_bill"; close: () => void }) {
  const t = useTranslations("deals.money");
  const tc = useTranslations("deals.common");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const form = useForm<z.input<typeof paymentInputSchema>, unknown, z.output<typeof paymentInputSchema>>({
    resolver: zodResolver(paymentInputSchema),
    defaultValues: { dealId, amount: balanceYuan > 0 ? String(balanceYuan) : "", paidOn: todayInChina(), method, reference: "" } as z.input<typeof paymentInputSchema>,
  });
  const add = useMutation(
    trpc.deal.addPayment.mutationOptions({
      onSuccess: () => {
        close();
        done(t("paymentAdded"));
      },
      onError: (e) => applyServerErrors(failed(e), form.setError),
    }),
  );
  const errors = form.formState.errors;
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={form.handleSubmit((v) => add.mutate(v))} data-testid="payment-form">
      <Field label={t("amountYuan")} error={errors.amount?.message} required>
        <Input inputMode="decimal" data-testid="payment-amount" {...form.register("amount")} />
      </Field>
      <Field label={t("paidOn")} error={errors.paidOn?.message} required>
        <Input type="date" {...form.register("paidOn")} />
      </Field>
      <Field label={t("method")} error={errors.method?.message} required>
        <Select data-testid="payment-method" {...form.register("method")}>
          {(["bank_transfer", "acceptance_bill", "other"] as const).map((m) => (
            <option key={m} value={m}>
              {t(`methods.${m}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("reference")} error={errors.reference?.message}>
        <Input maxLength={100} autoComplete="off" {...form.register("reference")} />
      </Field>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={add.isPending} data-testid="payment-submit">
          {t("savePayment")}
        </Button>
        <Button type="button" variant="ghost" onClick={close}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** The supplier confirms a payment arrived. */
export function ConfirmPayment({ dealId, paymentId, label }: { dealId: string; paymentId: string; label: string }) {
  const t = useTranslations("deals.money");
  const trpc = useTRPC();
  const { done, failed } = useAnnouncer();
  const confirm = useMutation(trpc.deal.confirmPayment.mutationOptions({ onSuccess: () => done(t("paymentConfirmed")), onError: (e) => void failed(e) }));
  return (
    <Button type="button" size="sm" variant="outline" aria-label={label} disabled={confirm.isPending} onClick={() => confirm.mutate({ dealId, paymentId })} data-testid="payment-confirm">
      {t("confirmReceipt")}
    </Button>
  );
}

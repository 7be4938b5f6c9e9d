"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { VAT_INVOICE_TYPES, vatInvoiceRequestInputSchema } from "@/domain/schemas/billing-transfer";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

type Input = z.input<typeof vatInvoiceRequestInputSchema>;
type Values = z.output<typeof vatInvoiceRequestInputSchema>;

/**
 * The firm's 发票 request for a confirmed order: type (专票 shows its two extra fields), title, tax
 * number, e-mail. The same schema as the server; the server's refusals land next to the fields.
 */
export function VatInvoiceForm({ orderId, defaults, onDone, onCancel }: { orderId: string; defaults: { title: string; taxNumber: string }; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations("bankTransfer.invoice");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const form = useForm<Input, unknown, Values>({
    resolver: zodResolver(vatInvoiceRequestInputSchema),
    defaultValues: { orderId, invoiceType: "normal", title: defaults.title, taxNumber: defaults.taxNumber, addressPhone: "", bankAccount: "", email: "" },
  });
  const request = useMutation(
    trpc.bankTransfer.requestInvoice.mutationOptions({
      onSuccess: onDone,
      onError: (e) => {
        const info = errorInfo(e);
        applyServerErrors(info, form.setError);
        if (Object.keys(info.fields).length === 0) form.setError("root", { type: "server", message: translateKey(tAll, info.key, info.params) });
      },
    }),
  );
  const errors = form.formState.errors;
  const special = useWatch({ control: form.control, name: "invoiceType" }) === "special";
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-2" aria-label={t("formTitle")} onSubmit={form.handleSubmit((v) => request.mutate(v))} data-testid="invoice-form">
      <Field label={t("type")} required>
        <Select data-testid="invoice-type" {...form.register("invoiceType")}>
          {VAT_INVOICE_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`types.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("email")} hint={t("emailHint")} error={errors.email?.message} required>
        <Input type="email" autoComplete="email" data-testid="invoice-email" {...form.register("email")} />
      </Field>
      <Field label={t("title")} error={errors.title?.message} required>
        <Input maxLength={100} autoComplete="organization" data-testid="invoice-title" {...form.register("title")} />
      </Field>
      <Field label={t("taxNumber")} hint={t("taxNumberHint")} error={errors.taxNumber?.message} required>
        <Input maxLength={30} autoComplete="off" spellCheck={false} data-testid="invoice-tax-number" {...form.register("taxNumber")} />
      </Field>
      {special ? (
        <>
          <Field label={t("addressPhone")} hint={t("addressPhoneHint")} error={errors.addressPhone?.message} required>
            <Input maxLength={200} data-testid="invoice-address-phone" {...form.register("addressPhone")} />
          </Field>
          <Field label={t("bankAccount")} hint={t("bankAccountHint")} error={errors.bankAccount?.message} required>
            <Input maxLength={200} data-testid="invoice-bank-account" {...form.register("bankAccount")} />
          </Field>
        </>
      ) : null}
      {errors.root?.message ? (
        <p role="alert" className="text-sm text-destructive sm:col-span-2">
          {errors.root.message}
        </p>
      ) : null}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={request.isPending} data-testid="invoice-submit">
          {t("submit")}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

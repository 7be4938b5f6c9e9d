"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useForm, useWatch, type DefaultValues, type FieldErrors } from "react-hook-form";
import { errorAt } from "@/components/auth/form-errors";
import { AttachmentsField, type AttachmentInfo } from "@/components/demands/attachments-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { chinaDay, quantityUnitSuggestions } from "@/domain/demand-text";
import { paymentTermsWarning } from "@/domain/deals/stages";
import { quoteInputSchema, type QuoteInput, type QuoteValues } from "@/domain/schemas/deals";
import { invoiceTypes, paymentTermsKinds } from "@/domain/schemas/market";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { PaymentWarning } from "./payment-warning";
import type { QuoteFormValues } from "./quote-defaults";

export interface QuoteParties {
  buyer: { type: string };
  supplier: { type: string; smeLevel?: string | null };
}

type Target = { mode: "respond"; demandId: string; listingId?: string } | { mode: "quote"; inquiryId: string } | { mode: "counter"; inquiryId: string };

function Row({ children, cols = 2 }: { children: ReactNode; cols?: 2 | 3 }) {
  return <div className={cols === 3 ? "grid gap-4 sm:grid-cols-3" : "grid gap-4 sm:grid-cols-2"}>{children}</div>;
}

/**
 * One form for a supplier's first quote (answering a demand), its revisions and the buyer's
 * counter-offer: the same fields and the shared schema (quoteInputSchema) on both sides. The
 * 60-day SME payment warning shows as soon as the typed terms trigger it; the server's refusals
 * (deadline passed, attachment not ours…) land next to their fields.
 */
export function QuoteForm({
  target,
  initial,
  parties,
  onDone,
  onCancel,
}: {
  target: Target;
  initial: QuoteFormValues;
  /** Buyer and supplier organisation types, for the live payment warning (null: not known). */
  parties: QuoteParties | null;
  /** After a quote or counter is sent, with the success text (the default shows it and refreshes the page). */
  onDone?: (text: string) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("inquiries");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const form = useForm<QuoteInput, unknown, QuoteValues>({
    resolver: zodResolver(quoteInputSchema),
    mode: "onTouched",
    defaultValues: initial as unknown as DefaultValues<QuoteInput>,
  });
  const { register, setValue, control, formState } = form;
  const errors = formState.errors as FieldErrors;
  const err = (path: string) => errorAt(errors, path);
  const [taxIncluded, paymentTerms, paymentDays] = useWatch({ control, name: ["taxIncluded", "paymentTerms", "paymentDays"] }) as [boolean, QuoteFormValues["paymentTerms"], string];
  const days = Number(String(paymentDays ?? "").trim());
  const warn = parties !== null && paymentTermsWarning(parties.buyer, parties.supplier, { paymentTerms, paymentDays: Number.isFinite(days) ? days : null });

  const onError = (e: unknown) => {
    const info = errorInfo(e);
    // Every mutation nests the quote under `quote`: its field errors come back as quote.<field>.
    applyServerErrors(info, form.setError, "quote.");
    const first = Object.keys(info.fields)[0];
    if (first) form.setFocus(first.replace(/^quote\./, "").split(".")[0] as Parameters<typeof form.setFocus>[0]);
    setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
  };
  const done = (text: string) => {
    if (onDone) return onDone(text);
    setStatus({ kind: "success", text });
    router.refresh();
  };
  const respond = useMutation(
    trpc.inquiry.respond.mutationOptions({
      onSuccess: (r) => router.push(`/inquiries/${r.inquiryId}?quoted=1`),
      onError,
    }),
  );
  const quote = useMutation(trpc.inquiry.quote.mutationOptions({ onSuccess: () => done(t("form.sent")), onError }));
  const counter = useMutation(trpc.inquiry.counter.mutationOptions({ onSuccess: () => done(t("form.countered")), onError }));
  const pending = respond.isPending || quote.isPending || counter.isPending;
  const today = chinaDay(new Date());
  const submitLabel = target.mode === "counter" ? t("form.submitCounter") : target.mode === "quote" && initial.unitPrice ? t("form.submitRevision") : t("form.submitQuote");

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      data-testid="quote-form"
      aria-label={target.mode === "counter" ? t("form.counterTitle") : t("form.title")}
      onSubmit={form.handleSubmit(
        (values) => {
          setStatus(null);
          const q = { ...values, attachmentFileIds: files.map((f) => f.id) };
          if (target.mode === "respond") respond.mutate({ demandId: target.demandId, listingId: target.listingId, quote: q });
          else if (target.mode === "quote") quote.mutate({ inquiryId: target.inquiryId, quote: q });
          else counter.mutate({ inquiryId: target.inquiryId, quote: q });
        },
        () => setStatus({ kind: "error", text: t("form.fixErrors") }),
      )}
    >
      <Row>
        <Field label={t("form.unitPrice")} hint={t("form.unitPriceHint")} error={err("unitPrice")} required>
          <Input {...register("unitPrice")} inputMode="decimal" autoComplete="off" data-testid="quote-unit-price" />
        </Field>
        <Field label={t("form.priceUnit")} hint={t("form.priceUnitHint")} error={err("priceUnit")} required>
          <Input {...register("priceUnit")} list="quote-units" autoComplete="off" data-testid="quote-price-unit" />
        </Field>
      </Row>
      <datalist id="quote-units">
        {quantityUnitSuggestions.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <Row>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t("form.tax")}</legend>
          <div className="flex flex-wrap gap-2">
            {([true, false] as const).map((v) => (
              <label key={String(v)} className="flex min-h-10 items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                <input type="radio" name="quote-tax" className="h-4 w-4" checked={taxIncluded === v} onChange={() => setValue("taxIncluded", v, { shouldDirty: true })} />
                {v ? t("terms.taxIncluded") : t("terms.taxExcluded")}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={t("form.invoiceType")} error={err("invoiceType")}>
          <Select {...register("invoiceType")} data-testid="quote-invoice">
            {invoiceTypes.map((k) => (
              <option key={k} value={k}>
                {t(`terms.invoice.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
      </Row>
      <Row cols={3}>
        <Field label={t("form.quantityValue")} error={err("quantityValue")} required>
          <Input {...register("quantityValue")} inputMode="decimal" data-testid="quote-quantity" />
        </Field>
        <Field label={t("form.quantityUnit")} error={err("quantityUnit")} required>
          <Input {...register("quantityUnit")} list="quote-units" autoComplete="off" data-testid="quote-quantity-unit" />
        </Field>
        <Field label={t("form.leadTimeDays")} hint={t("form.leadTimeHint")} error={err("leadTimeDays")} required>
          <Input {...register("leadTimeDays")} inputMode="numeric" data-testid="quote-lead-time" />
        </Field>
      </Row>
      <Row cols={3}>
        <Field label={t("form.paymentTerms")} error={err("paymentTerms")} required>
          <Select {...register("paymentTerms", { onChange: (e: { target: { value: string } }) => e.target.value === "prepay" && setValue("paymentDays", "" as never) })} data-testid="quote-payment-terms">
            {paymentTermsKinds.map((k) => (
              <option key={k} value={k}>
                {t(`terms.${k}NoDays`)}
              </option>
            ))}
          </Select>
        </Field>
        {paymentTerms !== "prepay" ? (
          <Field label={paymentTerms === "acceptance" ? t("form.acceptanceDays") : t("form.monthlyDays")} error={err("paymentDays")} required>
            <Input {...register("paymentDays")} inputMode="numeric" data-testid="quote-payment-days" />
          </Field>
        ) : null}
        <Field label={t("form.validUntil")} error={err("validUntil")} required>
          <Input type="date" min={today} {...register("validUntil")} data-testid="quote-valid-until" />
        </Field>
      </Row>
      <div aria-live="polite">{warn ? <PaymentWarning /> : null}</div>
      <Row>
        <Field label={t("form.sampleCost")} hint={t("form.sampleCostHint")} error={err("sampleCost")}>
          <Input {...register("sampleCost")} inputMode="decimal" data-testid="quote-sample-cost" />
        </Field>
      </Row>
      <Field label={t("form.notes")} hint={t("form.notesHint")} error={err("notes")}>
        <Textarea {...register("notes")} rows={3} maxLength={2000} data-testid="quote-notes" />
      </Field>
      <AttachmentsField files={files} onChange={setFiles} error={err("attachmentFileIds")} />
      <div aria-live="polite">{status ? <Alert variant={status.kind} data-testid="quote-form-status">{status.text}</Alert> : null}</div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} data-testid="quote-submit">
          {pending ? t("form.sending") : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" variant="ghost" onClick={onCancel}>
            {tAll("common.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

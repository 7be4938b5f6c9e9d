"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { useForm, useWatch, type DefaultValues, type FieldErrors } from "react-hook-form";
import { errorAt } from "@/components/auth/form-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { chinaDay, deadlineFormValue, parseQuantityText, quantityUnitSuggestions } from "@/domain/demand-text";
import { demandInputSchema, invoiceTypes, paymentTermsKinds, type DemandInput, type DemandValues } from "@/domain/schemas/market";
import { certificationSchemes, chainLinks, localName, processesOf, safetyClasses, shandongCities, type Locale } from "@/domain/taxonomy";
import { toCanonical, unitName } from "@/domain/units";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { AttachmentsField, type AttachmentInfo } from "./attachments-field";

const SAFETY_CLASS_LINKS = ["garment", "home_textiles"];

/** A stored demand (as the API returns it) in the shape the form edits. */
export interface StoredDemand {
  id: string;
  version: number;
  title: string;
  text: string | null;
  chainLink: string | null;
  processes: string[];
  products: string[];
  fibers: string[];
  yarnCountNe: number | null;
  gsm: number | null;
  widthCm: number | null;
  quantityInputValue: number | null;
  quantityInputUnit: string | null;
  needBy: string | null;
  deliverCityAdcode: string | null;
  deliverLat: number | null;
  deliverLng: number | null;
  maxDistanceKm: number | null;
  requiredCertifications: string[];
  targetPriceValue: number | null;
  targetPriceUnit: string | null;
  targetPriceTaxIncluded: boolean | null;
  paymentTerms: string | null;
  paymentDays: number | null;
  invoiceType: string | null;
  samplesWanted: boolean;
  safetyClass: string | null;
  quoteDeadline: Date | null;
  visibility: "public" | "invited";
  attachmentFileIds: string[];
}

const str = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v));

function defaultsFrom(d?: StoredDemand): Record<string, unknown> {
  return {
    title: d?.title ?? "",
    text: d?.text ?? "",
    chainLink: d?.chainLink ?? "",
    processes: d?.processes ?? [],
    products: d?.products ?? [],
    fibers: d?.fibers ?? [],
    yarnCountNe: str(d?.yarnCountNe),
    gsm: str(d?.gsm),
    widthCm: str(d?.widthCm),
    quantityValue: str(d?.quantityInputValue),
    quantityUnit: d?.quantityInputUnit ?? "",
    needBy: d?.needBy ?? "",
    // The form asks for a date; a deadline stored with a time shows as its day in China.
    quoteDeadline: d?.quoteDeadline ? deadlineFormValue(d.quoteDeadline).slice(0, 10) : "",
    deliverCityAdcode: d?.deliverCityAdcode ?? "",
    deliverLat: str(d?.deliverLat),
    deliverLng: str(d?.deliverLng),
    maxDistanceKm: str(d?.maxDistanceKm),
    requiredCertifications: d?.requiredCertifications ?? [],
    targetPriceValue: str(d?.targetPriceValue),
    targetPriceUnit: d?.targetPriceUnit ?? "",
    targetPriceTaxIncluded: d?.targetPriceTaxIncluded ?? true,
    paymentTerms: d?.paymentTerms ?? "",
    paymentDays: str(d?.paymentDays),
    invoiceType: d?.invoiceType ?? "",
    samplesWanted: d?.samplesWanted ?? false,
    safetyClass: d?.safetyClass ?? "",
    visibility: d?.visibility ?? "public",
    attachmentFileIds: d?.attachmentFileIds ?? [],
  };
}

/** The first message anywhere under a path (array fields report per item: processes.2). */
function firstError(errors: FieldErrors, path: string): string | undefined {
  const direct = errorAt(errors, path);
  if (direct) return direct;
  const node = (errors as Record<string, unknown>)[path];
  if (Array.isArray(node)) for (const item of node) if (item && typeof item.message === "string") return item.message;
  return undefined;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-4 rounded-xl border bg-background p-4 md:p-6">
      <legend className="px-1 text-base font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Post or edit a demand. Validates as you type with the server's schema (demandInputSchema);
 * the server's refusals (deadline passed, attachment not ours…) land next to their fields.
 */
export function DemandForm({ demand, attachments = [] }: { demand?: StoredDemand; attachments?: AttachmentInfo[] }) {
  const t = useTranslations("demands.form");
  const td = useTranslations("demands");
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [files, setFiles] = useState<AttachmentInfo[]>(attachments);
  const form = useForm<DemandInput, unknown, DemandValues>({
    resolver: zodResolver(demandInputSchema),
    mode: "onTouched",
    defaultValues: defaultsFrom(demand) as DefaultValues<DemandInput>,
  });
  const { register, setValue, control, formState } = form;
  const errors = formState.errors as FieldErrors;
  const err = (path: string) => firstError(errors, path);

  const [chainLink, processes, certs, quantityValue, quantityUnit, paymentTerms, visibility] = useWatch({
    control,
    name: ["chainLink", "processes", "requiredCertifications", "quantityValue", "quantityUnit", "paymentTerms", "visibility"],
  }) as [string, string[], string[], string, string, string, string];
  const linkProcesses = chainLink ? processesOf(chainLink) : [];
  const safetyApplies = SAFETY_CLASS_LINKS.includes(chainLink);

  // Hidden fields keep their values: drop what no longer applies so the server does not refuse it.
  useEffect(() => {
    const allowed = new Set(linkProcesses.map((p) => p.id));
    const kept = (processes ?? []).filter((p) => allowed.has(p));
    if (kept.length !== (processes ?? []).length) setValue("processes", kept, { shouldValidate: formState.isSubmitted });
    if (!safetyApplies) setValue("safetyClass", "");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the chain link changes
  }, [chainLink]);
  useEffect(() => {
    if (paymentTerms !== "monthly") setValue("paymentDays", "");
  }, [paymentTerms, setValue]);

  const toggle = (name: "processes" | "requiredCertifications", current: string[], id: string, on: boolean) =>
    setValue(name, on ? [...current, id] : current.filter((x) => x !== id), { shouldDirty: true, shouldValidate: formState.isSubmitted || name === "processes" });

  const quantityNumber = Number(String(quantityValue ?? "").trim());
  const canonical = quantityUnit && Number.isFinite(quantityNumber) && quantityNumber > 0 ? toCanonical(quantityNumber, quantityUnit, "quantity") : null;
  const showCanonical = canonical && !(canonical.value === quantityNumber && unitName(canonical.unit, locale) === quantityUnit);

  const onError = (e: unknown) => {
    const info = errorInfo(e);
    applyServerErrors(info, form.setError, "demand.");
    const first = Object.keys(info.fields)[0];
    if (first) form.setFocus(first.replace(/^demand\./, "").split(".")[0] as Parameters<typeof form.setFocus>[0]);
    setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
  };
  const create = useMutation(trpc.demand.create.mutationOptions({ onSuccess: (row) => router.push(`/demands/${row.id}?created=1`), onError }));
  const update = useMutation(trpc.demand.update.mutationOptions({ onSuccess: (row) => router.push(`/demands/${row.id}?saved=1`), onError }));
  const pending = create.isPending || update.isPending;
  const today = chinaDay(new Date());

  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      data-testid="demand-form"
      onSubmit={form.handleSubmit(
        (values) => {
          setStatus(null);
          const input = { ...values, attachmentFileIds: files.map((f) => f.id) };
          if (demand) update.mutate({ id: demand.id, version: demand.version, demand: input });
          else create.mutate(input);
        },
        () => setStatus({ kind: "error", text: t("fixErrors") }),
      )}
    >
      <Section title={t("sectionWhat")}>
        <Field label={t("title")} error={err("title")} required>
          <Input {...register("title")} placeholder={t("titlePlaceholder")} maxLength={120} data-testid="demand-title-input" />
        </Field>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label={t("chainLink")} error={err("chainLink")}>
            <Select {...register("chainLink")} data-testid="demand-chain-link">
              <option value="">{t("chooseChainLink")}</option>
              {chainLinks.map((c) => (
                <option key={c.id} value={c.id}>
                  {localName(c, locale)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset className="flex flex-col gap-2" aria-describedby="demand-processes-hint">
          <legend className="mb-1 text-sm font-medium">{t("processes")}</legend>
          <p id="demand-processes-hint" className="text-xs text-muted-foreground">
            {chainLink ? t("processesHint") : t("processesChooseLink")}
          </p>
          {linkProcesses.length ? (
            <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="demand-processes">
              {linkProcesses.map((p) => (
                <label key={p.id} className="flex min-h-10 items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                  <input type="checkbox" className="h-4 w-4" checked={(processes ?? []).includes(p.id)} onChange={(e) => toggle("processes", processes ?? [], p.id, e.target.checked)} value={p.id} />
                  {localName(p, locale)}
                </label>
              ))}
            </div>
          ) : null}
          {err("processes") ? (
            <p role="alert" className="text-sm text-destructive" data-testid="field-error">
              {translateKey(tAll, err("processes")!)}
            </p>
          ) : null}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("yarnCountNe")} error={err("yarnCountNe")}>
            <Input {...register("yarnCountNe")} inputMode="decimal" />
          </Field>
          <Field label={t("gsm")} error={err("gsm")}>
            <Input {...register("gsm")} inputMode="decimal" />
          </Field>
          <Field label={t("widthCm")} error={err("widthCm")}>
            <Input {...register("widthCm")} inputMode="decimal" />
          </Field>
        </div>
        <Field label={t("text")} hint={t("textHint")} error={err("text")}>
          <Textarea {...register("text")} rows={4} maxLength={5000} data-testid="demand-text-input" />
        </Field>
      </Section>

      <Section title={t("sectionQuantity")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("quantityValue")} hint={t("quantityValueHint")} error={err("quantityValue")}>
            <Input
              {...register("quantityValue", {
                // "5万件" typed whole: split it into the number and the unit.
                onBlur: (e: { target: { value: string } }) => {
                  const parsed = /[^\d.,\s]/.test(e.target.value) ? parseQuantityText(e.target.value) : null;
                  if (parsed) {
                    setValue("quantityValue", String(parsed.value), { shouldValidate: true });
                    setValue("quantityUnit", parsed.unit, { shouldValidate: true });
                  }
                },
              })}
              inputMode="decimal"
              data-testid="demand-quantity-value"
            />
          </Field>
          <Field label={t("quantityUnit")} hint={showCanonical && canonical ? t("canonical", { value: canonical.value.toLocaleString(locale), unit: unitName(canonical.unit, locale) ?? canonical.unit }) : t("quantityUnitHint")} error={err("quantityUnit")}>
            <Input {...register("quantityUnit")} list="demand-quantity-units" autoComplete="off" data-testid="demand-quantity-unit" />
          </Field>
          <datalist id="demand-quantity-units">
            {quantityUnitSuggestions.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("quoteDeadline")} hint={t("quoteDeadlineHint")} error={err("quoteDeadline")}>
            <Input type="date" min={today} {...register("quoteDeadline")} data-testid="demand-deadline" />
          </Field>
          <Field label={t("needBy")} error={err("needBy")}>
            <Input type="date" min={today} {...register("needBy")} data-testid="demand-need-by" />
          </Field>
        </div>
      </Section>

      <Section title={t("sectionDelivery")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("deliverCity")} error={err("deliverCityAdcode")}>
            <Select {...register("deliverCityAdcode")} data-testid="demand-city">
              <option value="">{t("chooseCity")}</option>
              {shandongCities.map((c) => (
                <option key={c.adcode} value={c.adcode}>
                  {localName(c, locale)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("maxDistanceKm")} error={err("maxDistanceKm")}>
            <Input {...register("maxDistanceKm")} inputMode="decimal" />
          </Field>
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t("certifications")}</legend>
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="demand-certifications">
            {certificationSchemes.map((c) => (
              <label key={c.id} className="flex min-h-10 items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                <input type="checkbox" className="h-4 w-4" checked={(certs ?? []).includes(c.id)} onChange={(e) => toggle("requiredCertifications", certs ?? [], c.id, e.target.checked)} value={c.id} />
                {localName(c, locale)}
              </label>
            ))}
          </div>
        </fieldset>
        {safetyApplies ? (
          <Field label={t("safetyClass")} error={err("safetyClass")}>
            <Select {...register("safetyClass")} data-testid="demand-safety-class">
              <option value="">{t("chooseSafetyClass")}</option>
              {safetyClasses.map((s) => (
                <option key={s.id} value={s.id}>
                  {localName(s, locale)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </Section>

      <Section title={t("sectionTerms")}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("targetPriceValue")} error={err("targetPriceValue")}>
            <Input {...register("targetPriceValue")} inputMode="decimal" data-testid="demand-price-value" />
          </Field>
          <Field label={t("targetPriceUnit")} hint={t("targetPriceUnitHint")} error={err("targetPriceUnit")}>
            <Input {...register("targetPriceUnit")} list="demand-quantity-units" autoComplete="off" data-testid="demand-price-unit" />
          </Field>
          <label className="flex min-h-10 items-center gap-2 self-end text-sm">
            <input type="checkbox" className="h-4 w-4" {...register("targetPriceTaxIncluded")} />
            {t("targetPriceTaxIncluded")}
          </label>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("paymentTerms")} error={err("paymentTerms")}>
            <Select {...register("paymentTerms")} data-testid="demand-payment-terms">
              <option value="">{t("notStated")}</option>
              {paymentTermsKinds.map((k) => (
                <option key={k} value={k}>
                  {k === "monthly" ? td("paymentTerms.monthlyNoDays") : td(`paymentTerms.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          {paymentTerms === "monthly" ? (
            <Field label={t("paymentDays")} error={err("paymentDays")} required>
              <Input {...register("paymentDays")} inputMode="numeric" data-testid="demand-payment-days" />
            </Field>
          ) : null}
          <Field label={t("invoiceType")} error={err("invoiceType")}>
            <Select {...register("invoiceType")} data-testid="demand-invoice">
              <option value="">{t("notStated")}</option>
              {invoiceTypes.map((k) => (
                <option key={k} value={k}>
                  {td(`invoice.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <label className="flex min-h-10 items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" {...register("samplesWanted")} data-testid="demand-samples" />
          {t("samplesWanted")}
        </label>
      </Section>

      <Section title={t("sectionVisibility")}>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t("visibility")}</legend>
          {(["public", "invited"] as const).map((v) => (
            <label key={v} className="flex min-h-10 items-start gap-2 rounded-md border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
              <input type="radio" className="mt-0.5 h-4 w-4" value={v} {...register("visibility")} data-testid={`demand-visibility-${v}`} />
              <span>{td(`visibility.${v}`)}</span>
            </label>
          ))}
          {visibility === "invited" ? (
            <Alert variant="info" data-testid="invited-note">
              {td("visibility.invitedNote")}
            </Alert>
          ) : null}
        </fieldset>
        <AttachmentsField files={files} onChange={setFiles} error={err("attachmentFileIds")} />
      </Section>

      <div aria-live="polite">{status ? <Alert variant={status.kind} data-testid="demand-form-status">{status.text}</Alert> : null}</div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} data-testid="demand-submit">
          {pending ? t("submitting") : demand ? t("submitEdit") : t("submitNew")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          {tAll("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

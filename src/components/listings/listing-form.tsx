"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { ImagePlus, Plus, Trash2, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { useFieldArray, useForm, useWatch, type DefaultValues } from "react-hook-form";
import { errorAt } from "@/components/auth/form-errors";
import { schemeName } from "@/components/certifications/certificate-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { listingInputSchema, type ListingInput, type ListingValues } from "@/domain/schemas/market";
import { chainLinks, fibers, localName, processesOf, products, safetyClasses, type Locale } from "@/domain/taxonomy";
import { equipmentUnits, quantityUnits, rateUnits, toCanonical, unitName } from "@/domain/units";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { cn } from "@/lib/utils";

const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
const PHOTO_MAX = 5 * 1024 * 1024;
const RATE_SUGGESTIONS = [...rateUnits.map((u) => u.zh), "吨/年", "吨/天", "万米/月", "万米/年", "件/天", "万件/年", "万双/月", "打/年"];
const QUANTITY_SUGGESTIONS = [...quantityUnits.map((u) => u.zh), "万米", "万件", "公斤", "码", "件(纱线)"];
const SAFETY_LINKS = ["garment", "home_textiles"];

export interface CertificateOption {
  id: string;
  schemeId: string;
  number: string | null;
  validTo: string | null;
  status: string;
}

type Stored = Record<string, unknown> & { id: string; version: number; certificationIds?: string[] };

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** Form values for a new listing, or for editing a stored one: what the user typed comes back. */
function defaultsFrom(l: Stored | undefined, certificationIds: string[]): DefaultValues<ListingInput> {
  if (!l) return { kind: "capability", processes: [], products: [], fibers: [], equipment: [], certificationIds: [], photoFileIds: [], sampling: { cutSamples: false, colourCards: false, labDips: false } } as DefaultValues<ListingInput>;
  const sampling = (l.sampling ?? {}) as Record<string, unknown>;
  return {
    kind: l.kind as ListingInput["kind"],
    chainLink: l.chainLink as ListingInput["chainLink"],
    processes: l.processes as string[],
    products: l.products as ListingInput["products"],
    fibers: l.fibers as ListingInput["fibers"],
    title: str(l.title),
    titleEn: str(l.titleEn),
    description: str(l.description),
    descriptionEn: str(l.descriptionEn),
    capacityValue: str(l.capacityInputValue),
    capacityUnit: str(l.capacityInputUnit),
    moqValue: str(l.moqInputValue),
    moqUnit: str(l.moqInputUnit),
    leadTimeDays: str(l.leadTimeDays),
    yarnCountNeMin: str(l.yarnCountNeMin),
    yarnCountNeMax: str(l.yarnCountNeMax),
    gsmMin: str(l.gsmMin),
    gsmMax: str(l.gsmMax),
    widthCmMax: str(l.widthCmMax),
    sampling: { cutSamples: Boolean(sampling.cutSamples), colourCards: Boolean(sampling.colourCards), labDips: Boolean(sampling.labDips), sampleLeadDays: str(sampling.sampleLeadDays) },
    equipment: ((l.equipment as Array<{ unit: string; count: number }> | null) ?? []).map((e) => ({ unit: e.unit, count: String(e.count) })),
    priceValue: str(l.priceValue),
    priceUnit: str(l.priceUnit),
    priceTaxIncluded: Boolean(l.priceTaxIncluded),
    safetyClass: str(l.safetyClass),
    availableFrom: str(l.availableFrom),
    availableTo: str(l.availableTo),
    certificationIds,
    photoFileIds: l.photoFileIds as string[],
  } as unknown as DefaultValues<ListingInput>;
}

function Section({ legend, children, className }: { legend: ReactNode; children: ReactNode; className?: string }) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-xl border bg-background p-4 md:p-6">
      <legend className="px-1 text-base font-semibold">{legend}</legend>
      <div className={cn("grid gap-4", className)}>{children}</div>
    </fieldset>
  );
}

/** A group of checkboxes bound to an array field, announced as one group with its error. */
function CheckboxGroup({ label, hint, error, options, value, onChange, testId }: { label: ReactNode; hint?: ReactNode; error?: string; options: Array<{ id: string; label: string }>; value: string[]; onChange: (v: string[]) => void; testId: string }) {
  const tAll = useTranslations();
  return (
    <fieldset className="flex flex-col gap-2" aria-invalid={error ? true : undefined} data-testid={testId}>
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      <div className="flex max-h-56 flex-wrap gap-2 overflow-y-auto">
        {options.map((o) => {
          const checked = value.includes(o.id);
          return (
            <label key={o.id} className={cn("inline-flex cursor-pointer items-center gap-2 rounded-full border px-3 py-1.5 text-sm", checked && "border-primary bg-primary/10")}>
              <input type="checkbox" className="h-4 w-4" checked={checked} value={o.id} onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))} />
              {o.label}
            </label>
          );
        })}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive" data-testid="field-error">
          {translateKey(tAll, error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** With `organizationId` a service centre writes a listing of a firm it manages (代管) and returns to that firm's page. */
export function ListingForm({
  listing,
  certificationIds = [],
  certificates,
  organizationId,
}: {
  listing?: Stored;
  certificationIds?: string[];
  certificates: CertificateOption[];
  organizationId?: string;
}) {
  const t = useTranslations("listings");
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const form = useForm<ListingInput, unknown, ListingValues>({
    resolver: zodResolver(listingInputSchema),
    mode: "onChange",
    defaultValues: defaultsFrom(listing, certificationIds),
  });
  const { register, control, setValue, formState } = form;
  const err = (path: string) => errorAt(formState.errors, path);
  const equipment = useFieldArray({ control, name: "equipment" });
  const [kind, chainLink, processes, selectedProducts, selectedFibers, certIds, photoIds, capacityValue, capacityUnit] = useWatch({
    control,
    name: ["kind", "chainLink", "processes", "products", "fibers", "certificationIds", "photoFileIds", "capacityValue", "capacityUnit"],
  });
  const canonical = capacityUnit && Number(capacityValue) > 0 ? toCanonical(Number(capacityValue), String(capacityUnit), "rate") : null;

  const onError = (e: unknown) => {
    const info = errorInfo(e);
    applyServerErrors(info, form.setError, "values.");
    setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
  };
  const create = useMutation(trpc.listing.create.mutationOptions({ onError }));
  const update = useMutation(trpc.listing.update.mutationOptions({ onError }));
  const publish = useMutation(trpc.listing.publish.mutationOptions({ onError }));
  const pending = create.isPending || update.isPending || publish.isPending || uploading;
  const backTo = organizationId ? `/my/managed/${organizationId}` : "/my/listings";

  const save = (andPublish: boolean) =>
    form.handleSubmit(
      async (values) => {
        setStatus(null);
        if (listing) {
          const saved = await update.mutateAsync({ id: listing.id, expectedVersion: listing.version, values, organizationId }).catch(() => null);
          if (!saved) return;
          if (andPublish && saved.status !== "published") {
            if (!(await publish.mutateAsync({ id: saved.id, organizationId }).catch(() => null))) return;
          }
          router.push(`${backTo}?saved=${saved.id}`);
        } else {
          const saved = await create.mutateAsync({ values, publish: andPublish, organizationId }).catch(() => null);
          if (saved) router.push(`${backTo}?saved=${saved.id}`);
        }
        router.refresh();
      },
      () => setStatus({ kind: "error", text: tAll("errors.invalidInput") }),
    );

  const upload = async (list: FileList | null) => {
    setPhotoProblem(null);
    if (!list?.length) return;
    const chosen = [...list];
    for (const f of chosen) {
      if (!PHOTO_TYPES.includes(f.type)) return setPhotoProblem(t("form.photoType", { name: f.name }));
      if (f.size > PHOTO_MAX) return setPhotoProblem(t("form.photoTooLarge", { name: f.name }));
    }
    setUploading(true);
    try {
      const ids: string[] = [];
      for (const f of chosen) {
        const body = new FormData();
        body.set("file", f);
        body.set("purpose", "photo");
        const res = await fetch("/api/uploads", { method: "POST", body }).catch(() => null);
        const json = res ? ((await res.json().catch(() => null)) as { id?: string; messageKey?: string; params?: Record<string, string | number> } | null) : null;
        if (!res?.ok || !json?.id) {
          setPhotoProblem(translateKey(tAll, res ? (json?.messageKey ?? "errors.internal") : "errors.network", json?.params));
          break;
        }
        ids.push(json.id);
      }
      setValue("photoFileIds", [...(photoIds ?? []), ...ids], { shouldValidate: true, shouldDirty: true });
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const linkProcesses = chainLink ? processesOf(chainLink) : [];
  const linkProducts = products.filter((p) => !chainLink || p.chainLinks.length === 0 || p.chainLinks.includes(chainLink));

  return (
    <form noValidate className="flex flex-col gap-6" data-testid="listing-form" onSubmit={save(false)}>
      <datalist id="rate-units">
        {[...new Set(RATE_SUGGESTIONS)].map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <datalist id="quantity-units">
        {[...new Set(QUANTITY_SUGGESTIONS)].map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>

      <Section legend={t("form.basics")} className="md:grid-cols-2">
        <Field label={t("fields.kind")} error={err("kind")} required>
          <Select
            data-testid="listing-kind"
            {...register("kind", {
              onChange: (e: { target: { value: string } }) => {
                // A capability has no window; hidden dates must not block saving.
                if (e.target.value !== "capacity") {
                  setValue("availableFrom", "" as never);
                  setValue("availableTo", "" as never, { shouldValidate: true });
                }
              },
            })}
          >
            <option value="capability">{t("kinds.capability")}</option>
            <option value="capacity">{t("kinds.capacity")}</option>
          </Select>
        </Field>
        <Field label={t("fields.chainLink")} error={err("chainLink")} required>
          <Select
            data-testid="listing-chainLink"
            {...register("chainLink", {
              onChange: () => {
                // Processes belong to one link: a change of link empties the choice.
                setValue("processes", [], { shouldValidate: false });
                if (!SAFETY_LINKS.includes(form.getValues("chainLink"))) setValue("safetyClass", "" as never);
              },
            })}
          >
            <option value="">{t("form.chooseLink")}</option>
            {chainLinks.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c, locale)}
              </option>
            ))}
          </Select>
        </Field>
        <div className="md:col-span-2">
          {chainLink ? (
            <CheckboxGroup
              label={t("fields.processes")}
              hint={t("fields.processesHint")}
              error={err("processes") ?? (Array.isArray(formState.errors.processes) ? formState.errors.processes.find(Boolean)?.message : undefined)}
              options={linkProcesses.map((p) => ({ id: p.id, label: localName(p, locale) }))}
              value={processes ?? []}
              onChange={(v) => setValue("processes", v, { shouldValidate: true, shouldDirty: true })}
              testId="listing-processes"
            />
          ) : (
            <p className="text-sm text-muted-foreground">{t("form.chooseLinkFirst")}</p>
          )}
        </div>
        <Field label={t("fields.title")} error={err("title")} required>
          <Input data-testid="listing-title" maxLength={120} {...register("title")} />
        </Field>
        <Field label={t("fields.titleEn")} error={err("titleEn")}>
          <Input lang="en" data-testid="listing-titleEn" {...register("titleEn")} />
        </Field>
        <Field label={t("fields.description")} error={err("description")}>
          <Textarea data-testid="listing-description" {...register("description")} />
        </Field>
        <Field label={t("fields.descriptionEn")} error={err("descriptionEn")}>
          <Textarea lang="en" {...register("descriptionEn")} />
        </Field>
        <div className="md:col-span-2">
          <CheckboxGroup
            label={t("fields.products")}
            options={linkProducts.map((p) => ({ id: p.id, label: localName(p, locale) }))}
            value={(selectedProducts as string[]) ?? []}
            onChange={(v) => setValue("products", v as ListingInput["products"], { shouldValidate: true, shouldDirty: true })}
            testId="listing-products"
          />
        </div>
        <div className="md:col-span-2">
          <CheckboxGroup
            label={t("fields.fibers")}
            options={fibers.map((f) => ({ id: f.id, label: localName(f, locale) }))}
            value={(selectedFibers as string[]) ?? []}
            onChange={(v) => setValue("fibers", v as ListingInput["fibers"], { shouldValidate: true, shouldDirty: true })}
            testId="listing-fibers"
          />
        </div>
      </Section>

      <Section legend={t("fields.capacity")} className="md:grid-cols-3">
        <Field label={t("fields.capacityValue")} error={err("capacityValue")} required>
          <Input inputMode="decimal" data-testid="listing-capacityValue" {...register("capacityValue")} />
        </Field>
        <Field label={t("fields.capacityUnit")} hint={canonical ? t("form.canonicalPreview", { value: canonical.value, unit: unitName(canonical.unit, locale) ?? canonical.unit }) : t("fields.capacityUnitHint")} error={err("capacityUnit")} required>
          <Input list="rate-units" autoComplete="off" data-testid="listing-capacityUnit" {...register("capacityUnit")} />
        </Field>
        <Field label={t("fields.leadTimeDays")} error={err("leadTimeDays")}>
          <Input inputMode="numeric" data-testid="listing-leadTimeDays" {...register("leadTimeDays")} />
        </Field>
        {kind === "capacity" ? (
          <>
            <Field label={t("fields.availableFrom")} error={err("availableFrom")} required>
              <Input type="date" data-testid="listing-availableFrom" {...register("availableFrom")} />
            </Field>
            <Field label={t("fields.availableTo")} error={err("availableTo")} required>
              <Input type="date" data-testid="listing-availableTo" {...register("availableTo")} />
            </Field>
          </>
        ) : null}
        <Field label={t("fields.moqValue")} error={err("moqValue")}>
          <Input inputMode="decimal" data-testid="listing-moqValue" {...register("moqValue")} />
        </Field>
        <Field label={t("fields.moqUnit")} hint={t("fields.moqUnitHint")} error={err("moqUnit")}>
          <Input list="quantity-units" autoComplete="off" data-testid="listing-moqUnit" {...register("moqUnit")} />
        </Field>
      </Section>

      <Section legend={t("fields.specs")} className="sm:grid-cols-2 md:grid-cols-5">
        <Field label={t("fields.yarnCountNeMin")} error={err("yarnCountNeMin")}>
          <Input inputMode="decimal" {...register("yarnCountNeMin")} />
        </Field>
        <Field label={t("fields.yarnCountNeMax")} error={err("yarnCountNeMax")}>
          <Input inputMode="decimal" {...register("yarnCountNeMax")} />
        </Field>
        <Field label={t("fields.gsmMin")} error={err("gsmMin")}>
          <Input inputMode="decimal" {...register("gsmMin")} />
        </Field>
        <Field label={t("fields.gsmMax")} error={err("gsmMax")}>
          <Input inputMode="decimal" {...register("gsmMax")} />
        </Field>
        <Field label={t("fields.widthCmMax")} error={err("widthCmMax")}>
          <Input inputMode="decimal" {...register("widthCmMax")} />
        </Field>
      </Section>

      <Section legend={t("fields.sampling")} className="md:grid-cols-4 md:items-end">
        {(["cutSamples", "colourCards", "labDips"] as const).map((k) => (
          <label key={k} className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" className="h-4 w-4" data-testid={`listing-${k}`} {...register(`sampling.${k}`)} />
            {t(`fields.${k}`)}
          </label>
        ))}
        <Field label={t("fields.sampleLeadDays")} error={err("sampling.sampleLeadDays")}>
          <Input inputMode="numeric" {...register("sampling.sampleLeadDays")} />
        </Field>
      </Section>

      <Section legend={t("fields.equipment")}>
        {equipment.fields.map((f, i) => (
          <div key={f.id} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
            <Field label={t("fields.equipmentCount")} error={err(`equipment.${i}.count`)}>
              <Input inputMode="numeric" {...register(`equipment.${i}.count`)} />
            </Field>
            <Field label={t("fields.equipmentUnit")} error={err(`equipment.${i}.unit`)}>
              <Select {...register(`equipment.${i}.unit`)}>
                {equipmentUnits.map((u) => (
                  <option key={u.id} value={u.id}>
                    {locale === "zh-CN" ? u.zh : u.en}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="button" variant="ghost" size="icon" onClick={() => equipment.remove(i)} aria-label={t("fields.removeEquipment")}>
              <Trash2 className="h-4 w-4" aria-hidden="true" />
            </Button>
          </div>
        ))}
        <Button type="button" variant="outline" size="sm" className="self-start" onClick={() => equipment.append({ unit: equipmentUnits[0]!.id, count: "" as unknown as number })} data-testid="listing-addEquipment">
          <Plus className="h-4 w-4" aria-hidden="true" />
          {t("fields.addEquipment")}
        </Button>
      </Section>

      <Section legend={t("fields.price")} className="md:grid-cols-3 md:items-end">
        <Field label={t("fields.priceValue")} error={err("priceValue")}>
          <Input inputMode="decimal" data-testid="listing-priceValue" {...register("priceValue")} />
        </Field>
        <Field label={t("fields.priceUnit")} error={err("priceUnit")}>
          <Input list="quantity-units" autoComplete="off" data-testid="listing-priceUnit" {...register("priceUnit")} />
        </Field>
        <label className="inline-flex h-10 items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" data-testid="listing-priceTaxIncluded" {...register("priceTaxIncluded")} />
          {t("fields.priceTaxIncluded")}
        </label>
        {chainLink && SAFETY_LINKS.includes(chainLink) ? (
          <Field label={t("fields.safetyClass")} hint={t("fields.safetyClassHint")} error={err("safetyClass")}>
            <Select data-testid="listing-safetyClass" {...register("safetyClass")}>
              <option value="">{t("fields.none")}</option>
              {safetyClasses.map((s) => (
                <option key={s.id} value={s.id}>
                  {localName(s, locale)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </Section>

      <Section legend={t("fields.certifications")}>
        {certificates.length ? (
          <CheckboxGroup
            label={t("fields.certifications")}
            hint={t("fields.certificationsHint")}
            error={err("certificationIds")}
            options={certificates.map((c) => ({ id: c.id, label: `${schemeName(c.schemeId, locale)}${c.number ? ` ${c.number}` : ""}${c.status !== "valid" ? ` (${tAll(`certifications.status.${c.status}`)})` : ""}` }))}
            value={certIds ?? []}
            onChange={(v) => setValue("certificationIds", v, { shouldValidate: true, shouldDirty: true })}
            testId="listing-certifications"
          />
        ) : (
          <p className="text-sm text-muted-foreground">
            {t("fields.noCertificates")}{" "}
            <Link href="/my/certifications" className="text-primary hover:underline">
              {t("fields.manageCertificates")}
            </Link>
          </p>
        )}
      </Section>

      <Section legend={t("fields.photos")}>
        <p className="text-xs text-muted-foreground" id="photos-hint">
          {t("fields.photosHint")}
        </p>
        {photoIds?.length ? (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6" data-testid="listing-photo-list">
            {photoIds.map((id, i) => (
              <li key={id} className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- an upload served by /api/files */}
                <img src={`/api/files/${id}`} alt={t("form.photoAlt", { n: i + 1 })} className="aspect-square w-full rounded-lg border object-cover" data-testid="listing-photo" />
                <Button
                  type="button"
                  size="icon"
                  variant="secondary"
                  className="absolute right-1 top-1 h-7 w-7"
                  aria-label={`${t("fields.removePhoto")} ${i + 1}`}
                  onClick={() => setValue("photoFileIds", photoIds.filter((p) => p !== id), { shouldValidate: true, shouldDirty: true })}
                >
                  <X className="h-4 w-4" aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        {organizationId ? (
          // Uploads belong to the active organisation: a centre cannot add photos for a firm (the firm can).
          <p className="text-xs text-muted-foreground">{tAll("managed.photosOnBehalf")}</p>
        ) : (
          <div>
            <input
              ref={fileInput}
              type="file"
              accept={PHOTO_TYPES.join(",")}
              multiple
              className="sr-only"
              id="listing-photo-input"
              aria-describedby="photos-hint"
              data-testid="listing-photo-input"
              onChange={(e) => void upload(e.target.files)}
            />
            <Button type="button" variant="outline" size="sm" disabled={uploading || (photoIds?.length ?? 0) >= 12} onClick={() => fileInput.current?.click()}>
              <ImagePlus className="h-4 w-4" aria-hidden="true" />
              {uploading ? t("fields.uploading") : t("fields.addPhoto")}
            </Button>
          </div>
        )}
        {photoProblem || err("photoFileIds") ? (
          <p role="alert" className="text-sm text-destructive" data-testid="photo-error">
            {photoProblem ?? translateKey(tAll, err("photoFileIds")!)}
          </p>
        ) : null}
      </Section>

      <div aria-live="polite">{status ? <Alert variant={status.kind} data-testid="listing-save-status">{status.text}</Alert> : null}</div>
      <div className="flex flex-wrap gap-2">
        {listing?.status === "published" ? (
          <Button type="submit" disabled={pending} data-testid="listing-save">
            {pending ? tAll("common.saving") : t("form.save")}
          </Button>
        ) : (
          <>
            <Button type="button" disabled={pending} onClick={save(true)} data-testid="listing-save-publish">
              {t("form.saveAndPublish")}
            </Button>
            <Button type="submit" variant="outline" disabled={pending} data-testid="listing-save">
              {pending ? tAll("common.saving") : t("form.saveDraft")}
            </Button>
          </>
        )}
        <Button asChild variant="ghost">
          <Link href="/my/listings">{tAll("common.cancel")}</Link>
        </Button>
      </div>
    </form>
  );
}

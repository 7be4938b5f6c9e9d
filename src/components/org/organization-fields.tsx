"use client";

/**
 * Organisation profile fields for any react-hook-form form, shared by sign-up and the organisation
 * edit page. Validate the form with `organizationProfileSchema` (src/domain/schemas/organization.ts)
 * through zodResolver; errors show translated next to each field.
 *
 * Usage:
 *   const form = useForm({ resolver: zodResolver(organizationProfileSchema), mode: "onTouched",
 *                          defaultValues: organizationFormDefaults(existingOrg) });
 *   <FormProvider {...form}>
 *     <form onSubmit={form.handleSubmit(save)}>
 *       <OrganizationTypeField />            // only where the type can still be chosen (sign-up)
 *       <OrganizationFields type={org.type} />
 *     </form>
 *   </FormProvider>
 *
 * Components (both must be inside <FormProvider>):
 *   <OrganizationFields prefix? type? />
 *     prefix  where the organisation object sits in the form values, with a trailing dot:
 *             "organization." on sign-up; "" (the default) when the form values are the organisation.
 *             Server field errors from applyServerErrors(info, setError) land on the same paths.
 *     type    the organisation type when the form does not hold it; otherwise `${prefix}type` is
 *             watched. SME level and its validity date show only for "sme" and are cleared otherwise.
 *   <OrganizationTypeField prefix? />  the anchor / sme / service_center radio cards.
 *
 * organizationFormDefaults(org?) turns a stored organisation (nulls, missing fields) into form values:
 * every text field a string (blank means unset, which the schema turns into undefined), province
 * Shandong by default.
 */
import { Building2, Factory, Network } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, type ReactNode } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { errorAt } from "@/components/auth/form-errors";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { orgTypes, type OrgType } from "@/domain/schemas/organization";
import { countiesOf, localName, provinces, SHANDONG_ADCODE, shandongCities, smeLevels, type Locale } from "@/domain/taxonomy";
import { cn } from "@/lib/utils";

export type OrganizationFieldsPrefix = "" | `${string}.`;

const textFields = [
  "nameZh",
  "nameEn",
  "uscc",
  "provinceAdcode",
  "cityAdcode",
  "countyAdcode",
  "address",
  "smeLevel",
  "smeLevelValidUntil",
  "description",
  "website",
  "contactName",
  "contactPhone",
  "contactEmail",
] as const;

export type OrganizationFormValues = { type?: OrgType } & Record<(typeof textFields)[number], string>;

/** Form values for a new organisation, or for editing a stored one. */
export function organizationFormDefaults(org?: Partial<Record<string, unknown>> | null): OrganizationFormValues {
  const values = Object.fromEntries(
    textFields.map((k) => {
      const v = org?.[k];
      return [k, typeof v === "string" ? v : ""];
    }),
  ) as Record<(typeof textFields)[number], string>;
  if (!values.provinceAdcode) values.provinceAdcode = SHANDONG_ADCODE;
  const type = orgTypes.find((t) => t === org?.type);
  return type ? { ...values, type } : values;
}

function Group({ legend, children, className }: { legend: ReactNode; children: ReactNode; className?: string }) {
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-3 text-sm font-semibold text-foreground">{legend}</legend>
      <div className={cn("grid gap-4", className)}>{children}</div>
    </fieldset>
  );
}

export function OrganizationFields({ prefix = "", type }: { prefix?: OrganizationFieldsPrefix; type?: OrgType }) {
  const t = useTranslations("auth.orgFields");
  const locale = useLocale() as Locale;
  const { register, setValue, formState, control } = useFormContext();
  const name = (field: string) => `${prefix}${field}`;
  const error = (field: string) => errorAt(formState.errors, name(field));

  const watchedType = useWatch({ control, name: name("type") }) as OrgType | undefined;
  const orgType = type ?? watchedType;
  const province = useWatch({ control, name: name("provinceAdcode") }) as string | undefined;
  const city = useWatch({ control, name: name("cityAdcode") }) as string | undefined;
  const inShandong = (province ?? SHANDONG_ADCODE) === SHANDONG_ADCODE;
  const isSme = orgType === "sme";

  // Hidden fields keep their values in react-hook-form; an SME level left behind would be refused.
  useEffect(() => {
    if (orgType !== undefined && orgType !== "sme") {
      setValue(name("smeLevel"), "");
      setValue(name("smeLevelValidUntil"), "");
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `name` only closes over `prefix`
  }, [orgType, prefix, setValue]);

  const provinceField = register(name("provinceAdcode"), {
    onChange: (e: { target: { value: string } }) => {
      if (e.target.value !== SHANDONG_ADCODE) {
        setValue(name("cityAdcode"), "");
        setValue(name("countyAdcode"), "");
      }
    },
  });
  const cityField = register(name("cityAdcode"), { onChange: () => setValue(name("countyAdcode"), "") });
  const counties = city ? countiesOf(city) : [];

  return (
    <div className="flex flex-col gap-8">
      <Group legend={t("basicsLegend")} className="md:grid-cols-2">
        <Field label={t("nameZh")} hint={t("nameZhHint")} error={error("nameZh")} required>
          <Input autoComplete="organization" data-testid="org-nameZh" {...register(name("nameZh"))} />
        </Field>
        <Field label={t("nameEn")} error={error("nameEn")}>
          <Input lang="en" data-testid="org-nameEn" {...register(name("nameEn"))} />
        </Field>
        <Field label={t("uscc")} hint={t("usccHint")} error={error("uscc")}>
          <Input
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            maxLength={30}
            className="font-mono uppercase tracking-wider"
            data-testid="org-uscc"
            {...register(name("uscc"))}
          />
        </Field>
      </Group>

      <Group legend={t("locationLegend")} className="md:grid-cols-3">
        <Field label={t("province")} error={error("provinceAdcode")} required>
          <Select autoComplete="address-level1" data-testid="org-province" {...provinceField}>
            {provinces.map((p) => (
              <option key={p.adcode} value={p.adcode}>
                {localName(p, locale)}
              </option>
            ))}
          </Select>
        </Field>
        {inShandong ? (
          <>
            <Field label={t("city")} error={error("cityAdcode")}>
              <Select autoComplete="address-level2" data-testid="org-city" {...cityField}>
                <option value="">{t("choose")}</option>
                {shandongCities.map((c) => (
                  <option key={c.adcode} value={c.adcode}>
                    {localName(c, locale)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("county")} error={error("countyAdcode")}>
              <Select disabled={!city} data-testid="org-county" {...register(name("countyAdcode"))}>
                <option value="">{city ? t("choose") : t("chooseCityFirst")}</option>
                {counties.map((c) => (
                  <option key={c.adcode} value={c.adcode}>
                    {localName(c, locale)}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        ) : (
          <p className="self-end text-sm text-muted-foreground md:col-span-2">{t("outsideShandong")}</p>
        )}
        <div className="md:col-span-3">
          <Field label={t("address")} error={error("address")}>
            <Input autoComplete="street-address" data-testid="org-address" {...register(name("address"))} />
          </Field>
        </div>
      </Group>

      {isSme ? (
        <Group legend={t("smeLegend")} className="md:grid-cols-2">
          <Field label={t("smeLevel")} error={error("smeLevel")}>
            <Select data-testid="org-smeLevel" {...register(name("smeLevel"))}>
              <option value="">{t("smeLevelNone")}</option>
              {smeLevels.map((l) => (
                <option key={l.id} value={l.id}>
                  {localName(l, locale)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("smeLevelValidUntil")} hint={t("smeLevelValidUntilHint")} error={error("smeLevelValidUntil")}>
            <Input type="date" data-testid="org-smeLevelValidUntil" {...register(name("smeLevelValidUntil"))} />
          </Field>
        </Group>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <div className="md:col-span-2">
          <Field label={t("description")} hint={t("descriptionHint")} error={error("description")}>
            <Textarea rows={5} data-testid="org-description" {...register(name("description"))} />
          </Field>
        </div>
        <Field label={t("website")} hint={t("websiteHint")} error={error("website")}>
          <Input type="url" inputMode="url" autoComplete="url" placeholder="https://" data-testid="org-website" {...register(name("website"))} />
        </Field>
      </div>

      <Group legend={t("contactLegend")} className="md:grid-cols-3">
        <Field label={t("contactName")} error={error("contactName")}>
          <Input autoComplete="name" data-testid="org-contactName" {...register(name("contactName"))} />
        </Field>
        <Field label={t("contactPhone")} error={error("contactPhone")}>
          <Input type="tel" autoComplete="tel" data-testid="org-contactPhone" {...register(name("contactPhone"))} />
        </Field>
        <Field label={t("contactEmail")} error={error("contactEmail")}>
          <Input type="email" autoComplete="email" data-testid="org-contactEmail" {...register(name("contactEmail"))} />
        </Field>
      </Group>
    </div>
  );
}

const typeIcons = { anchor: Factory, sme: Building2, service_center: Network } as const;

/** The organisation type as three radio cards (a native radio group: arrow keys move between them). */
export function OrganizationTypeField({ prefix = "" }: { prefix?: OrganizationFieldsPrefix }) {
  const t = useTranslations();
  const { register, formState } = useFormContext();
  const id = useId();
  const errorId = `${id}-error`;
  const field = `${prefix}type`;
  const error = errorAt(formState.errors, field);
  return (
    <fieldset
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-describedby={error ? errorId : undefined}
      aria-required="true"
      aria-invalid={error ? true : undefined}
      data-testid="org-type"
    >
      <legend id={`${id}-legend`} className="mb-3 text-sm font-semibold">
        {t("auth.orgFields.typeLegend")}
        <span aria-hidden="true" className="ml-0.5 text-destructive">
          *
        </span>
      </legend>
      <div className="grid gap-3 md:grid-cols-3">
        {orgTypes.map((type) => {
          const Icon = typeIcons[type];
          return (
            <label
              key={type}
              className="relative flex cursor-pointer gap-3 rounded-lg border bg-background p-4 transition-colors hover:border-primary/50 has-[:checked]:border-primary has-[:checked]:bg-secondary has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
            >
              <input type="radio" value={type} className="sr-only" data-testid={`org-type-${type}`} {...register(field)} />
              <Icon className="mt-0.5 h-5 w-5 shrink-0 text-primary" aria-hidden="true" />
              <span className="flex flex-col gap-1">
                <span className="font-medium">{t(`common.orgTypes.${type}`)}</span>
                <span className="text-xs text-muted-foreground">{t(`auth.orgFields.typeHints.${type}`)}</span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} role="alert" className="mt-2 text-sm text-destructive" data-testid="field-error">
          {translateKey(t, error)}
        </p>
      ) : null}
    </fieldset>
  );
}

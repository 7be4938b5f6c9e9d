"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setLocaleAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { locales } from "@/i18n/config";

export function LanguagePreference() {
  const t = useTranslations("account.language");
  const common = useTranslations("common");
  // Each language is named in itself, as language pickers do.
  const names = { "zh-CN": common("switchToChinese"), en: common("switchToEnglish") } as const;
  const locale = useLocale();
  const router = useRouter();
  const [value, setValue] = useState(locale);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        start(async () => {
          await setLocaleAction(value);
          setSaved(true);
          router.refresh();
        });
      }}
    >
      <div className="sm:w-64">
        <Field label={t("label")}>
          <Select value={value} onChange={(e) => setValue(e.target.value)} data-testid="account-locale">
            {locales.map((l) => (
              <option key={l} value={l} lang={l}>
                {names[l]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending || value === locale}>
        {pending ? t("saving") : t("save")}
      </Button>
      <p role="status" className="text-sm text-emerald-700 sm:self-center">
        {saved && !pending ? t("saved") : null}
      </p>
    </form>
  );
}

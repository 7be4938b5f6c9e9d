"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { certificationSchemes, chainLinks, localName, processesOf, shandongCities, type Locale } from "@/domain/taxonomy";

export interface BrowseFilterValues {
  chainLink?: string;
  process?: string;
  cityAdcode?: string;
  certification?: string;
  kind?: string;
}

/**
 * Filters as a plain GET form, so every result page has a shareable URL and works without script.
 * The process list follows the chosen chain link.
 */
export function BrowseFilters({ values, action = "/listings", showProcess = true, showKind = true, showCertification = true }: { values: BrowseFilterValues; action?: string; showProcess?: boolean; showKind?: boolean; showCertification?: boolean }) {
  const t = useTranslations("listings");
  const locale = useLocale() as Locale;
  const [link, setLink] = useState(values.chainLink ?? "");
  const processes = link ? processesOf(link) : [];
  return (
    <form method="get" action={action} className="grid gap-4 rounded-xl border bg-background p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" aria-label={t("browse.filters")} data-testid="listing-filters">
      <Field label={t("fields.chainLink")}>
        <Select name="chainLink" value={link} onChange={(e) => setLink(e.target.value)} data-testid="filter-chainLink">
          <option value="">{t("browse.anyLink")}</option>
          {chainLinks.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c, locale)}
            </option>
          ))}
        </Select>
      </Field>
      {showProcess ? (
        <Field label={t("fields.processes")}>
          <Select name="process" defaultValue={values.process ?? ""} key={link} disabled={!link} data-testid="filter-process">
            <option value="">{link ? t("browse.anyProcess") : t("form.chooseLinkFirst")}</option>
            {processes.map((p) => (
              <option key={p.id} value={p.id}>
                {localName(p, locale)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field label={t("fields.city")}>
        <Select name="cityAdcode" defaultValue={values.cityAdcode ?? ""} data-testid="filter-city">
          <option value="">{t("browse.anyCity")}</option>
          {shandongCities.map((c) => (
            <option key={c.adcode} value={c.adcode}>
              {localName(c, locale)}
            </option>
          ))}
        </Select>
      </Field>
      {showCertification ? (
        <Field label={t("fields.certification")}>
          <Select name="certification" defaultValue={values.certification ?? ""} data-testid="filter-certification">
            <option value="">{t("browse.anyCertification")}</option>
            {certificationSchemes.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c, locale)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {showKind ? (
        <Field label={t("fields.kind")}>
          <Select name="kind" defaultValue={values.kind ?? ""} data-testid="filter-kind">
            <option value="">{t("browse.anyKind")}</option>
            <option value="capability">{t("kinds.capability")}</option>
            <option value="capacity">{t("kinds.capacity")}</option>
          </Select>
        </Field>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" data-testid="filter-apply">
          {t("browse.apply")}
        </Button>
        <Button asChild variant="ghost">
          <Link href={action}>{t("browse.reset")}</Link>
        </Button>
      </div>
    </form>
  );
}

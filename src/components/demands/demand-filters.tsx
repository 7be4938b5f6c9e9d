"use client";

import { Filter, X } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { certificationSchemes, chainLinks, localName, processesOf, shandongCities, type Locale } from "@/domain/taxonomy";

export interface BoardQuery {
  chainLink?: string;
  process?: string;
  city?: string;
  certification?: string;
}

/**
 * The board's filters as a plain GET form, so a filtered board is a link that can be shared and
 * works without JavaScript; with it, the process list follows the chosen chain link.
 */
export function DemandFilters({ query }: { query: BoardQuery }) {
  const t = useTranslations("demands.board");
  const locale = useLocale() as Locale;
  const [chainLink, setChainLink] = useState(query.chainLink ?? "");
  const [process, setProcess] = useState(query.process ?? "");
  const processes = chainLink ? processesOf(chainLink) : [];
  const active = Boolean(query.chainLink || query.process || query.city || query.certification);
  return (
    <form method="get" action="/demands" role="search" aria-label={t("filters")} className="grid gap-3 rounded-xl border bg-background p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" data-testid="demand-filters">
      <Field label={t("labelChainLink")}>
        <Select
          name="chainLink"
          value={chainLink}
          onChange={(e) => {
            setChainLink(e.target.value);
            setProcess("");
          }}
          data-testid="filter-chain-link"
        >
          <option value="">{t("anyChainLink")}</option>
          {chainLinks.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("labelProcess")}>
        <Select name="process" value={process} onChange={(e) => setProcess(e.target.value)} disabled={!chainLink} data-testid="filter-process">
          <option value="">{t("anyProcess")}</option>
          {processes.map((p) => (
            <option key={p.id} value={p.id}>
              {localName(p, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("city")}>
        <Select name="city" defaultValue={query.city ?? ""} data-testid="filter-city">
          <option value="">{t("anyCity")}</option>
          {shandongCities.map((c) => (
            <option key={c.adcode} value={c.adcode}>
              {localName(c, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("certification")}>
        <Select name="certification" defaultValue={query.certification ?? ""} data-testid="filter-certification">
          <option value="">{t("anyCertification")}</option>
          {certificationSchemes.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-1">
        <Button type="submit" data-testid="filter-apply">
          <Filter className="h-4 w-4" aria-hidden="true" />
          {t("apply")}
        </Button>
        {active ? (
          <Button asChild variant="ghost">
            <Link href="/demands" data-testid="filter-clear">
              <X className="h-4 w-4" aria-hidden="true" />
              {t("clear")}
            </Link>
          </Button>
        ) : null}
      </div>
    </form>
  );
}

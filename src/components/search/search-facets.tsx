"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { SearchFilterKey, SearchFilters } from "@/domain/schemas/search";
import type { Locale } from "@/domain/taxonomy";
import { facetValueLabel } from "./facet-labels";

export type FacetCounts = Partial<Record<SearchFilterKey, Record<string, number>>>;

/** Values shown before "show more". */
const VISIBLE = 6;

interface Option {
  value: string;
  label: string;
  count: number;
  checked: boolean;
}

/**
 * Checkbox groups with counts, one per facet the server returned (in its order). Ticked values stay
 * on top even when the current results no longer count them, so they can always be unticked.
 */
export function SearchFacets({
  facets,
  filters,
  onToggle,
  onVerified,
}: {
  facets: FacetCounts;
  filters: SearchFilters;
  onToggle: (key: Exclude<SearchFilterKey, "verified">, value: string, checked: boolean) => void;
  onVerified: (checked: boolean) => void;
}) {
  const t = useTranslations("search.filters");
  const locale = useLocale() as Locale;
  const groups = (Object.entries(facets) as [SearchFilterKey, Record<string, number>][]).map(([key, counts]) => {
    if (key === "verified") return { key, options: [{ value: "true", label: t("verified"), count: counts.true ?? 0, checked: filters.verified === true }].filter((o) => o.count > 0 || o.checked) };
    const selected = new Set((filters[key] as string[] | undefined) ?? []);
    const label = (value: string) => (key === "kind" ? (value === "capability" || value === "capacity" ? t(`kind.${value}`) : null) : facetValueLabel(key, value, locale));
    const values = new Set([...selected, ...Object.keys(counts)]);
    const options = [...values]
      .map((value) => ({ value, label: label(value), count: counts[value] ?? 0, checked: selected.has(value) }))
      .filter((o): o is Option => o.label !== null && (o.count > 0 || o.checked))
      .sort((a, b) => Number(b.checked) - Number(a.checked) || b.count - a.count || a.label.localeCompare(b.label, locale));
    return { key, options };
  });
  // Groups with nothing to tick are left out; with none at all, one line says so.
  const shown = groups.filter((g) => g.options.length > 0);
  return (
    <div className="flex flex-col gap-5" data-testid="search-facets">
      {shown.length === 0 ? <p className="text-sm text-muted-foreground">{t("none")}</p> : null}
      {shown.map(({ key, options }) => (
        <FacetGroup
          key={key}
          facetKey={key}
          title={t(`groups.${key}`)}
          options={options}
          onChange={(value, checked) => (key === "verified" ? onVerified(checked) : onToggle(key, value, checked))}
        />
      ))}
    </div>
  );
}

function FacetGroup({ facetKey, title, options, onChange }: { facetKey: SearchFilterKey; title: string; options: Option[]; onChange: (value: string, checked: boolean) => void }) {
  const t = useTranslations("search.filters");
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const visible = expanded ? options : options.slice(0, VISIBLE);
  return (
    <fieldset className="flex flex-col gap-1.5" data-testid={`facet-${facetKey}`}>
      <legend className="mb-1 text-sm font-semibold">{title}</legend>
      <ul id={`${id}-list`} className="flex flex-col gap-0.5">
        {visible.map((o) => (
          <li key={o.value}>
            <label className="flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-accent has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
              <input
                type="checkbox"
                // The URL is the state: no browser form restoration on back/forward.
                autoComplete="off"
                className="h-4 w-4 shrink-0 accent-primary"
                checked={o.checked}
                onChange={(e) => onChange(o.value, e.target.checked)}
                data-testid={`facet-${facetKey}-${o.value}`}
              />
              <span className="min-w-0 flex-1 break-words">{o.label}</span>
              <span className="shrink-0 tabular-nums text-xs text-muted-foreground">
                <span aria-hidden="true">{o.count}</span>
                <span className="sr-only">{t("count", { count: o.count })}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {options.length > VISIBLE ? (
        <Button
          type="button"
          variant="link"
          size="sm"
          className="h-auto self-start px-1.5 py-1"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          onClick={() => setExpanded((v) => !v)}
          data-testid={`facet-${facetKey}-more`}
        >
          {expanded ? t("showLess") : t("showMore", { count: options.length })}
        </Button>
      ) : null}
    </fieldset>
  );
}

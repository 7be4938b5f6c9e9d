"use client";

import { SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import type { MouseEvent } from "react";
import { EmptyState } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { InstantSearchResult } from "@/server/services/search";
import { SearchHitCard } from "./search-hit";
import { hasFilters, type SearchUrlState } from "@/domain/search/url-state";

/** Result list, empty state with hints, and numbered paging (real links, handled in place). */
export function SearchResults({
  data,
  state,
  stale,
  onPage,
  onClearFilters,
  onSwitch,
  href,
}: {
  data: InstantSearchResult;
  state: SearchUrlState;
  /** The previous query's results, shown while the next arrive. */
  stale: boolean;
  onPage: (page: number) => void;
  onClearFilters: () => void;
  onSwitch: () => void;
  href: (page: number) => string;
}) {
  const t = useTranslations("search");
  const other = t(`tabs.${state.entity === "listing" ? "demand" : "listing"}`);
  if (data.hits.length === 0 && data.total > 0) {
    return (
      <EmptyState
        icon={<SearchX className="h-10 w-10" />}
        title={t("pagination.outOfRange")}
        action={
          <Button type="button" onClick={() => onPage(1)}>
            {t("pagination.first")}
          </Button>
        }
      />
    );
  }
  if (data.hits.length === 0) {
    const filtered = hasFilters(state.filters);
    return (
      <EmptyState
        icon={<SearchX className="h-10 w-10" />}
        title={t("empty.title")}
        body={
          <span className="flex flex-col gap-1 text-left">
            <span className="font-medium text-foreground">{t("empty.hintsTitle")}</span>
            <span>· {t("empty.spelling")}</span>
            <span>· {t("empty.broader")}</span>
            {filtered ? <span>· {t("empty.filters")}</span> : null}
            <span>· {t("empty.other", { other })}</span>
          </span>
        }
        action={
          <div className="flex flex-wrap justify-center gap-2">
            {filtered ? (
              <Button type="button" onClick={onClearFilters}>
                {t("filters.clear")}
              </Button>
            ) : null}
            <Button type="button" variant="outline" onClick={onSwitch}>
              {other}
            </Button>
          </div>
        }
      />
    );
  }
  const go = (page: number) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    onPage(page);
  };
  const page = data.page;
  const pages = data.totalPages;
  return (
    <>
      <ul className={cn("flex flex-col gap-3 transition-opacity", stale && "opacity-60")} data-testid="search-hits">
        {data.hits.map((hit) => (
          <SearchHitCard key={hit.id} hit={hit} />
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label={t("pagination.label")} className="flex items-center justify-between gap-2 pt-2" data-testid="search-pagination">
          {page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <a href={href(page - 1)} rel="prev" onClick={go(page - 1)} data-testid="search-prev">
                {t("pagination.previous")}
              </a>
            </Button>
          ) : (
            <span />
          )}
          <span className="text-sm text-muted-foreground" aria-current="page">
            {t("pagination.page", { page, pages })}
          </span>
          {page < pages ? (
            <Button asChild variant="outline" size="sm">
              <a href={href(page + 1)} rel="next" onClick={go(page + 1)} data-testid="search-next">
                {t("pagination.next")}
              </a>
            </Button>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}

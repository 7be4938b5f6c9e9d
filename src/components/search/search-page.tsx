"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Loader2, Search, SlidersHorizontal, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { SaveSearchButton } from "@/components/saved-searches/save-search-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { translateKey } from "@/components/ui/field";
import type { SearchFilterKey } from "@/domain/schemas/search";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { cn } from "@/lib/utils";
import type { InstantSearchResult } from "@/server/services/search";
import { SearchFacets } from "./search-facets";
import { SearchResults } from "./search-results";
import { SearchTabs } from "./search-tabs";
import { hasFilters, parseSearchParams, toQueryInput, toSearchParams, type SearchUrlState } from "@/domain/search/url-state";

/** Typing waits this long before searching. */
const DEBOUNCE_MS = 200;

/** Fired after the page writes the URL itself (pushState/replaceState send no event). */
const URL_WRITTEN = "fanglian:search-url";
function subscribeToUrl(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(URL_WRITTEN, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(URL_WRITTEN, onChange);
  };
}
const locationQuery = () => window.location.search.replace(/^\?/, "");

/**
 * The instant search page's client: the URL is the state (query, tab, filters, sort, page), so
 * links are shareable and back/forward restore it. Typing updates the URL after a short pause
 * (one history entry per typing burst); every other change adds an entry. The server rendered the
 * first results for the same URL; later ones come from `search.query`, keeping the previous
 * results on screen while the next arrive.
 */
export function SearchPage({ initial, initialError }: { initial: InstantSearchResult | null; initialError: string | null }) {
  const t = useTranslations("search");
  const tAll = useTranslations();
  const locale = useLocale() as "zh-CN" | "en";
  // The state is the address bar's query, read from the browser: after a reload, going back to an
  // entry an earlier document wrote can leave the router's search params behind the address bar
  // (a ticked box with no filter in the URL). The router's params serve the server render.
  const routerKey = useSearchParams().toString();
  const paramsKey = useSyncExternalStore(subscribeToUrl, locationQuery, () => routerKey);
  // A router navigation (a link to another search) writes the address bar after rendering: read it again.
  useEffect(() => {
    window.dispatchEvent(new Event(URL_WRITTEN));
  }, [routerKey]);
  const urlState = useMemo(() => parseSearchParams(new URLSearchParams(paramsKey)), [paramsKey]);
  // The router applies a history change in a transition; until it has, the page shows the state it
  // asked for (so a ticked box is ticked at once). Any URL change, ours or back/forward, ends it.
  const [optimistic, setOptimistic] = useState<{ from: string; state: SearchUrlState } | null>(null);
  const state = optimistic && optimistic.from === paramsKey ? optimistic.state : urlState;
  // Once the URL has moved on, the optimistic state is spent: going back to the URL it started from
  // must show that URL's state, not the change made there (state adjusted while rendering).
  if (optimistic && optimistic.from !== paramsKey) setOptimistic(null);
  const [initialKey] = useState(() => JSON.stringify(toQueryInput(state, locale)));

  // ---- URL as state ----
  const typing = useRef(false);
  const navigate = useCallback(
    (next: SearchUrlState, mode: "push" | "replace") => {
      setOptimistic({ from: paramsKey, state: next });
      const url = `${window.location.pathname}?${toSearchParams(next)}`;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
      window.dispatchEvent(new Event(URL_WRITTEN));
    },
    [paramsKey],
  );
  const change = useCallback(
    (patch: Partial<SearchUrlState>) => {
      typing.current = false;
      navigate({ ...state, page: 1, ...patch }, "push");
    },
    [navigate, state],
  );

  // ---- the search box: local text, committed to the URL after a pause ----
  const [text, setText] = useState(state.q);
  const committed = useRef(state.q);
  useEffect(() => {
    // Back/forward (or a tab switch) brought another query: show it in the box.
    if (state.q !== committed.current) {
      committed.current = state.q;
      typing.current = false;
      setText(state.q);
    }
  }, [state.q]);
  useEffect(() => {
    const q = text.trim();
    if (q === state.q) return;
    const timer = setTimeout(() => {
      committed.current = q;
      navigate({ ...state, q, page: 1 }, typing.current ? "replace" : "push");
      typing.current = true;
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, state, navigate]);

  // ---- results ----
  const trpc = useTRPC();
  const input = toQueryInput(state, locale);
  const isInitial = JSON.stringify(input) === initialKey;
  const query = useQuery({
    ...trpc.search.query.queryOptions(input),
    placeholderData: keepPreviousData,
    initialData: isInitial && initial ? initial : undefined,
  });
  const data = query.data;
  const error = query.error ? translateKey(tAll, errorInfo(query.error).key) : !data && initialError ? initialError : null;

  // ---- filters ----
  const [facetsOpen, setFacetsOpen] = useState(false);
  const activeCount = Object.values(state.filters).reduce((n, v) => n + (v === true ? 1 : Array.isArray(v) ? v.length : 0), 0);
  const toggle = (key: Exclude<SearchFilterKey, "verified">, value: string, checked: boolean) => {
    const current = (state.filters[key] as string[] | undefined) ?? [];
    const values = checked ? [...current, value] : current.filter((v) => v !== value);
    change({ filters: { ...state.filters, [key]: values.length ? values : undefined } });
  };
  const setVerified = (checked: boolean) => change({ filters: { ...state.filters, verified: checked || undefined } });
  const clearFilters = () => change({ filters: {} });
  const switchEntity = (entity: SearchUrlState["entity"]) => {
    if (entity === state.entity) return;
    // Demands have no kind or county; everything else carries over.
    const { kind: _kind, county: _county, ...rest } = state.filters;
    change({ entity, filters: entity === "demand" ? rest : state.filters });
  };

  const hasPoint = data?.hasPoint ?? initial?.hasPoint ?? false;
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 rounded-xl border bg-background p-3 shadow-xs sm:p-4">
        <SearchTabs value={state.entity} onChange={switchEntity} label={t("tabsLabel")} panelId="search-results" labels={{ listing: t("tabs.listing"), demand: t("tabs.demand") }} />
        <form
          role="search"
          className="flex flex-col gap-3 md:flex-row md:items-end"
          onSubmit={(e) => {
            // Enter searches at once instead of waiting for the pause.
            e.preventDefault();
            const q = text.trim();
            if (q !== state.q) {
              committed.current = q;
              change({ q });
            }
          }}
        >
          <div className="flex min-w-0 flex-1 flex-col gap-1.5">
            <Label htmlFor="search-q" className="sr-only">
              {t("queryLabel")}
            </Label>
            <div className="relative">
              <Search className="pointer-events-none absolute left-3 top-1/2 h-5 w-5 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
              <Input
                ref={inputRef}
                id="search-q"
                type="search"
                enterKeyHint="search"
                autoComplete="off"
                maxLength={200}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t(`placeholder.${state.entity}`)}
                className="h-12 pl-10 pr-10 text-base md:text-base [&::-webkit-search-cancel-button]:hidden"
                data-testid="search-input"
              />
              {text ? (
                <button
                  type="button"
                  className="absolute right-2 top-1/2 flex h-8 w-8 -translate-y-1/2 items-center justify-center rounded-md text-muted-foreground hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  aria-label={t("clear")}
                  onClick={() => {
                    setText("");
                    inputRef.current?.focus();
                  }}
                >
                  <X className="h-4 w-4" aria-hidden="true" />
                </button>
              ) : null}
            </div>
          </div>
          <div className="flex items-end gap-2">
            <div className="flex flex-1 flex-col gap-1.5 md:w-44 md:flex-none">
              <Label htmlFor="search-sort" className="text-xs text-muted-foreground">
                {t("sort.label")}
              </Label>
              <Select id="search-sort" value={state.sort === "distance" && !hasPoint ? "relevance" : state.sort} onChange={(e) => change({ sort: e.target.value as SearchUrlState["sort"] })} data-testid="search-sort">
                <option value="relevance">{t("sort.relevance")}</option>
                <option value="newest">{t("sort.newest")}</option>
                {hasPoint ? <option value="distance">{t("sort.distance")}</option> : null}
              </Select>
            </div>
            <SaveSearchButton entity={state.entity} q={state.q} filters={state.filters} />
          </div>
        </form>
      </div>

      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside aria-labelledby="search-facets-title" className="lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:self-start lg:overflow-y-auto">
          <div className="flex items-center justify-between gap-2">
            <h2 id="search-facets-title" className="hidden text-base font-semibold lg:block">
              {t("filters.title")}
            </h2>
            <Button
              type="button"
              variant="outline"
              className="flex-1 justify-start lg:hidden"
              aria-expanded={facetsOpen}
              aria-controls="search-facets"
              onClick={() => setFacetsOpen((v) => !v)}
              data-testid="search-facets-toggle"
            >
              <SlidersHorizontal className="h-4 w-4" aria-hidden="true" />
              {t("filters.toggle")}
              {activeCount ? <span className="ml-auto text-xs text-muted-foreground">{t("filters.active", { count: activeCount })}</span> : null}
            </Button>
            {hasFilters(state.filters) ? (
              <Button type="button" variant="link" size="sm" className="h-auto px-1" onClick={clearFilters} data-testid="search-clear-filters">
                {t("filters.clear")}
              </Button>
            ) : null}
          </div>
          <div id="search-facets" className={cn("mt-3 rounded-xl border bg-background p-3 lg:block lg:border-0 lg:bg-transparent lg:p-0", facetsOpen ? "block" : "hidden")}>
            {data ? <SearchFacets facets={data.facets} filters={state.filters} onToggle={toggle} onVerified={setVerified} /> : null}
          </div>
        </aside>

        <section id="search-results" role="tabpanel" aria-labelledby={`search-tab-${state.entity}`} className="flex min-w-0 flex-col gap-3" aria-busy={query.isFetching}>
          <div className="flex min-h-6 items-center gap-2 text-sm text-muted-foreground">
            <p role="status" aria-live="polite" aria-atomic="true" data-testid="search-total">
              {data
                ? data.totalCapped
                  ? state.q
                    ? t("resultsForCapped", { total: data.total, q: state.q })
                    : t("resultsCapped", { total: data.total })
                  : state.q
                    ? t("resultsFor", { total: data.total, q: state.q })
                    : t("results", { total: data.total })
                : null}
            </p>
            {query.isFetching ? (
              <span className="inline-flex items-center gap-1" data-testid="search-busy">
                <Loader2 className="h-3.5 w-3.5 animate-spin" aria-hidden="true" />
                {t("searching")}
              </span>
            ) : null}
          </div>
          {error ? <Alert variant="error">{error}</Alert> : null}
          {data ? (
            <SearchResults
              data={data}
              state={state}
              stale={query.isPlaceholderData}
              onPage={(page) => {
                change({ page });
                document.getElementById("search-results")?.scrollIntoView({ block: "start" });
              }}
              onClearFilters={clearFilters}
              onSwitch={() => switchEntity(state.entity === "listing" ? "demand" : "listing")}
              href={(page) => `?${toSearchParams({ ...state, page })}`}
            />
          ) : null}
        </section>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { SearchPage } from "@/components/search/search-page";
import { parseSearchParams, toQueryInput } from "@/domain/search/url-state";
import { getServerCaller } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("search");
  return { title: t("title"), description: t("metaDescription") };
}

/**
 * /search: the shell and the first results for the URL's state, rendered on the server so a shared
 * link shows the same results before any script runs; the client takes over for typing.
 */
export default async function SearchRoute({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [params, t, locale, caller] = await Promise.all([searchParams, getTranslations("search"), getLocale(), getServerCaller()]);
  const state = parseSearchParams(params);
  let initial = null;
  let initialError: string | null = null;
  try {
    initial = await caller.search.query(toQueryInput(state, locale === "en" ? "en" : "zh-CN"));
  } catch {
    // The client retries and shows the translated error if it persists.
    initialError = t("error");
  }
  return (
    <div className="flex flex-col">
      <PageHeader title={t("title")} description={t("description")} />
      <SearchPage initial={initial} initialError={initialError} />
    </div>
  );
}

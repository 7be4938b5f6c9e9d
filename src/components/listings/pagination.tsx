import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

/** Previous / next links that keep the current query string. */
export async function Pagination({ page, pages, path, query }: { page: number; pages: number; path: string; query: Record<string, string | undefined> }) {
  if (pages <= 1) return null;
  const t = await getTranslations("listings.browse");
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...query, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `${path}?${q.toString()}`;
  };
  return (
    <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2" data-testid="pagination">
      {page > 1 ? (
        <Button asChild variant="outline" size="sm">
          <Link href={href(page - 1)} rel="prev">
            {t("previous")}
          </Link>
        </Button>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted-foreground" aria-current="page">
        {t("page", { page, pages })}
      </span>
      {page < pages ? (
        <Button asChild variant="outline" size="sm">
          <Link href={href(page + 1)} rel="next">
            {t("next")}
          </Link>
        </Button>
      ) : (
        <span />
      )}
    </nav>
  );
}

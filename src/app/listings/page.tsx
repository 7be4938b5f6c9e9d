import { Layers } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { BrowseFilters } from "@/components/listings/browse-filters";
import { ListingCard } from "@/components/listings/listing-card";
import { Pagination } from "@/components/listings/pagination";
import { Button } from "@/components/ui/button";
import { listingKinds } from "@/domain/schemas/market";
import { certificationIds, chainLinkIds, getProcess, processIds, shandongCityAdcodes } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("listings.browse");
  return { title: t("title"), description: t("description") };
}

// Unknown values in the URL are dropped rather than refused: a stale link still shows results.
const loose = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
const querySchema = z.object({
  chainLink: loose(chainLinkIds),
  process: loose(processIds),
  cityAdcode: loose(shandongCityAdcodes),
  certification: loose(certificationIds),
  kind: loose(listingKinds),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export default async function ListingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const q = querySchema.parse(raw);
  // A process of another link than the one chosen would match nothing; keep the link.
  if (q.process && q.chainLink && getProcess(q.process)?.chainLink.id !== q.chainLink) q.process = undefined;
  const [t, viewer, caller] = await Promise.all([getTranslations("listings.browse"), getViewer(), getServerCaller()]);
  const result = await caller.listing.browse({ ...q, pageSize: 20 });
  const filtered = Boolean(q.chainLink || q.process || q.cityAdcode || q.certification || q.kind);
  const cta = !viewer
    ? { href: "/signup", label: t("ctaSignUp"), body: t("emptyGuest") }
    : !viewer.active
      ? { href: "/my/organization/new", label: t("ctaCreateOrg"), body: t("emptyNoOrg") }
      : { href: "/my/listings/new", label: t("ctaNew"), body: t("emptyMember") };
  const { page: _page, ...query } = q;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/capacity">{t("ctaCapacity")}</Link>
            </Button>
            {viewer?.active ? (
              <>
                <Button asChild variant="outline">
                  <Link href="/my/listings">{t("ctaMine")}</Link>
                </Button>
                <Button asChild>
                  <Link href="/my/listings/new">{t("ctaNew")}</Link>
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <BrowseFilters values={q} />
      <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="listing-total">
        {t("results", { total: result.total })}
      </p>
      {result.items.length === 0 ? (
        <EmptyState
          icon={<Layers className="h-10 w-10" />}
          title={t("emptyTitle")}
          body={filtered ? t("emptyFiltered") : cta.body}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Button asChild>
                <Link href={cta.href}>{cta.label}</Link>
              </Button>
              {filtered ? (
                <Button asChild variant="outline">
                  <Link href="/listings">{t("reset")}</Link>
                </Button>
              ) : null}
            </div>
          }
        />
      ) : (
        <ul className="flex flex-col gap-3" data-testid="listing-results">
          {result.items.map((l) => (
            <ListingCard key={l.id} l={l} />
          ))}
        </ul>
      )}
      <Pagination page={result.page} pages={result.pages} path="/listings" query={query} />
    </div>
  );
}

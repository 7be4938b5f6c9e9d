import { Inbox, Send } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { INQUIRY_STATUSES } from "@/components/inquiries/display";
import { InquiryStatusBadge } from "@/components/inquiries/status-badge";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { dateTimeFormat, orgName } from "@/components/org/display";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatYuan } from "@/domain/deals/quote-view";
import type { Locale } from "@/domain/taxonomy";
import { cn } from "@/lib/utils";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inquiries.mine");
  return { title: t("metaTitle") };
}

type Side = "supplier" | "buyer";

const tabClass = (active: boolean) =>
  cn("inline-flex h-10 items-center gap-2 whitespace-nowrap border-b-2 px-3 text-sm font-medium", active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground");
const filterClass = (active: boolean) =>
  cn("inline-flex h-9 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium", active ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-secondary hover:text-foreground");

/** 我收到的询价 (as supplier) and 我发出的询价 (as buyer): status, counterpart, latest quote, unread messages. */
export default async function MyInquiriesPage({ searchParams }: { searchParams: Promise<{ side?: string; status?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/inquiries");
  const [t, locale, format] = await Promise.all([getTranslations("inquiries"), getLocale() as Promise<Locale>, getFormatter()]);
  if (!viewer.active) return <NoOrganizationPage title={t("mine.title")} reason={t("mine.noOrgTitle")} body={t("mine.noOrgBody")} />;
  const sp = await searchParams;
  // Anchor firms mostly buy; everyone else mostly answers.
  const side: Side = sp.side === "buyer" || sp.side === "supplier" ? sp.side : viewer.active.type === "anchor" ? "buyer" : "supplier";
  const status = INQUIRY_STATUSES.find((s) => s === sp.status);
  const caller = await getServerCaller();
  const [received, sent] = await Promise.all([caller.inquiry.listMine({ side: "supplier" }), caller.inquiry.listMine({ side: "buyer" })]);
  const all = side === "supplier" ? received : sent;
  const rows = status ? all.filter((r) => r.status === status) : all;
  const unreadOf = (list: typeof received) => list.reduce((n, r) => n + r.unread, 0);
  const href = (s: Side, st?: string) => `/my/inquiries?side=${s}${st ? `&status=${st}` : ""}`;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("mine.title")} description={t("mine.description")} />
      <nav aria-label={t("mine.tabs")} className="-mx-1 overflow-x-auto border-b">
        <ul className="flex gap-1 px-1">
          {(
            [
              ["supplier", t("mine.received"), received],
              ["buyer", t("mine.sent"), sent],
            ] as const
          ).map(([s, label, list]) => (
            <li key={s}>
              <Link href={href(s)} aria-current={s === side ? "page" : undefined} className={tabClass(s === side)} data-testid={`inquiries-tab-${s}`}>
                {label}
                <span className="text-xs text-muted-foreground">{list.length}</span>
                {unreadOf(list) > 0 ? (
                  <Badge variant="default" aria-label={t("mine.unread", { count: unreadOf(list) })}>
                    {unreadOf(list)}
                  </Badge>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label={t("mine.filterByStatus")} className="-mx-1 overflow-x-auto">
        <ul className="flex gap-1 px-1">
          {[undefined, ...INQUIRY_STATUSES].map((s) => (
            <li key={s ?? "all"}>
              <Link href={href(side, s)} aria-current={s === status ? "page" : undefined} className={filterClass(s === status)}>
                {s ? t(`status.${s}`) : t("mine.all")}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        status ? (
          <p className="rounded-xl border border-dashed p-8 text-center text-sm text-muted-foreground">{t("mine.emptyStatus")}</p>
        ) : side === "supplier" ? (
          <EmptyState
            icon={<Inbox className="h-10 w-10" />}
            title={t("mine.emptyReceivedTitle")}
            body={t("mine.emptyReceivedBody")}
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <Button asChild>
                  <Link href="/demands">{t("mine.emptyReceivedAction")}</Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href="/my/listings/new">{t("mine.emptyReceivedListing")}</Link>
                </Button>
              </div>
            }
          />
        ) : (
          <EmptyState
            icon={<Send className="h-10 w-10" />}
            title={t("mine.emptySentTitle")}
            body={t("mine.emptySentBody")}
            action={
              <Button asChild>
                <Link href="/my/demands/new">{t("mine.emptySentAction")}</Link>
              </Button>
            }
          />
        )
      ) : (
        <ul className="flex flex-col gap-3" data-testid="my-inquiries">
          {rows.map((r) => {
            const q = r.latestQuote;
            return (
              <li key={r.id} className="flex flex-col gap-3 rounded-xl border bg-background p-4 md:flex-row md:items-start md:justify-between" data-testid="my-inquiry" data-inquiry-id={r.id}>
                <div className="flex min-w-0 flex-col gap-1.5">
                  <div className="flex flex-wrap items-center gap-2">
                    <InquiryStatusBadge status={r.status} />
                    <Link href={`/inquiries/${r.id}`} className="break-words font-semibold hover:underline" data-testid="my-inquiry-link">
                      {r.demand.title}
                    </Link>
                    {r.unread > 0 ? (
                      <Badge variant="default" data-testid="my-inquiry-unread">
                        {t("mine.unread", { count: r.unread })}
                      </Badge>
                    ) : null}
                  </div>
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="text-muted-foreground">{side === "supplier" ? t("detail.buyer") : t("detail.supplier")}</span>
                    <span className="font-medium">{orgName(r.counterpart, locale)}</span>
                    {r.counterpart.verified ? <VerifiedBadge /> : null}
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {t("mine.latestQuote")}
                    {q ? (
                      <span className="font-medium text-foreground">
                        {t("terms.perUnit", { price: formatYuan(q.unitPriceFen, locale), unit: q.priceUnit })}
                        {q.author === "buyer" ? ` (${t("mine.counterOffer")})` : null}
                      </span>
                    ) : (
                      t("mine.noQuote")
                    )}
                  </p>
                </div>
                <div className="flex shrink-0 flex-col items-start gap-2 md:items-end">
                  <time dateTime={r.updatedAt.toISOString()} className="text-xs text-muted-foreground">
                    {t("mine.updated", { time: format.dateTime(r.updatedAt, dateTimeFormat) })}
                  </time>
                  {r.dealId ? (
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/deals/${r.dealId}`}>{t("detail.openDeal")}</Link>
                    </Button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

import { Handshake } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DealStageBadge, LateBadge } from "@/components/deals/deal-badges";
import { formatQuantity } from "@/components/deals/display";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { chinaDate, dateFormat, orgName } from "@/components/org/display";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatYuan } from "@/domain/deals/quote-view";
import type { Locale } from "@/domain/taxonomy";
import { cn } from "@/lib/utils";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("deals.list");
  return { title: t("title") };
}

type Side = "buyer" | "supplier" | "introduced";
const STATUSES = ["active", "closed", "cancelled"] as const;

function href(side: Side | undefined, status: string | undefined) {
  const q = new URLSearchParams();
  if (side) q.set("side", side);
  if (status) q.set("status", status);
  const s = q.toString();
  return s ? `/deals?${s}` : "/deals";
}

const pill = (current: boolean) =>
  cn("inline-flex h-9 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium", current ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-secondary hover:text-foreground");

/** The active organisation's orders, as buyer and as supplier (and, for a service centre, those it introduced). */
export default async function DealsPage({ searchParams }: { searchParams: Promise<{ side?: string; status?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/deals");
  const [t, locale, format] = await Promise.all([getTranslations("deals"), getLocale() as Promise<Locale>, getFormatter()]);
  if (!viewer.active) return <NoOrganizationPage title={t("list.title")} reason={t("list.noOrgTitle")} body={t("list.noOrgBody")} />;
  const sp = await searchParams;
  const sides: Side[] = viewer.active.type === "service_center" ? ["buyer", "supplier", "introduced"] : ["buyer", "supplier"];
  const side = sides.find((s) => s === sp.side);
  const status = STATUSES.find((s) => s === sp.status);
  const rows = await (await getServerCaller()).deal.list({ side, status });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("list.title")} description={t("list.description")} />
      <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
        <nav aria-label={t("list.sideLabel")} className="-mx-1 overflow-x-auto">
          <ul className="flex gap-1 px-1">
            {[undefined, ...sides].map((s) => (
              <li key={s ?? "all"}>
                <Link href={href(s, status)} aria-current={s === side ? "page" : undefined} className={pill(s === side)} data-testid={`deals-side-${s ?? "all"}`}>
                  {t(`list.sides.${s ?? "all"}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label={t("list.statusLabel")} className="-mx-1 overflow-x-auto">
          <ul className="flex gap-1 px-1">
            {[undefined, ...STATUSES].map((s) => (
              <li key={s ?? "all"}>
                <Link href={href(side, s)} aria-current={s === status ? "page" : undefined} className={pill(s === status)}>
                  {s ? t(`status.${s}`) : t("list.allStatuses")}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      {rows.length === 0 ? (
        side || status ? (
          <p className="rounded-xl border border-dashed p-8 text-center text-sm text-muted-foreground" data-testid="deals-empty">
            {t("list.emptyFiltered")}
          </p>
        ) : (
          <EmptyState
            icon={<Handshake className="h-10 w-10" />}
            title={t("list.emptyTitle")}
            body={t("list.emptyBody")}
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <Button asChild>
                  <Link href="/my/inquiries">{t("list.toInquiries")}</Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href="/demands">{t("list.toDemands")}</Link>
                </Button>
              </div>
            }
          />
        )
      ) : (
        <ul className="flex flex-col gap-3" data-testid="deal-list">
          {rows.map((d) => {
            const counterpart = d.counterpart ? orgName(d.counterpart, locale) : "—";
            return (
              <li key={d.id} className="rounded-xl border bg-background p-4" data-testid="deal-row" data-deal-id={d.id} aria-labelledby={`deal-${d.id}`}>
                <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
                  <div className="flex min-w-0 flex-col gap-1.5">
                    <div className="flex flex-wrap items-center gap-2">
                      <DealStageBadge status={d.status} stage={d.stage} />
                      {d.late ? <LateBadge /> : null}
                      <Badge variant="outline">{t(`list.role.${d.viewer}`)}</Badge>
                    </div>
                    <Link id={`deal-${d.id}`} href={`/deals/${d.id}`} className="break-words font-semibold hover:underline" data-testid="deal-link">
                      {d.title}
                    </Link>
                    <p className="text-sm text-muted-foreground">
                      {d.viewer === "introducer" && d.buyer && d.supplier
                        ? t("list.between", { buyer: orgName(d.buyer, locale), supplier: orgName(d.supplier, locale) })
                        : t(d.viewer === "supplier" ? "list.buyerIs" : "list.supplierIs", { name: counterpart })}
                    </p>
                  </div>
                  <dl className="grid shrink-0 grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
                    <div>
                      <dt className="text-xs text-muted-foreground">{t("fields.amount")}</dt>
                      <dd className="font-medium tabular-nums" data-testid="deal-amount">
                        {formatYuan(d.amountFen, locale)}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs text-muted-foreground">{t("fields.quantity")}</dt>
                      <dd className="tabular-nums">{formatQuantity(d.quantityValue, d.quantityUnit, locale)}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-muted-foreground">{d.deliveredAt ? t("fields.deliveredAt") : t("fields.dueDate")}</dt>
                      <dd className="tabular-nums">{format.dateTime(chinaDate(d.deliveredAt ?? d.dueDate), dateFormat)}</dd>
                    </div>
                  </dl>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

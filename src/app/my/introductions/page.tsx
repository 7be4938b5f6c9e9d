import { Handshake } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { InquiryStatusBadge } from "@/components/inquiries/status-badge";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { dateTimeFormat, orgName } from "@/components/org/display";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { formatYuan } from "@/domain/deals/quote-view";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("introductions.mine");
  return { title: t("metaTitle") };
}

/** 我的引荐: a service centre's introductions, with the inquiry's status and the deal it led to. */
export default async function MyIntroductionsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/introductions");
  const [t, locale, format] = await Promise.all([getTranslations("introductions.mine"), getLocale() as Promise<Locale>, getFormatter()]);
  if (viewer.active?.type !== "service_center") return <NoOrganizationPage title={t("title")} reason={t("notCentre")} body={t("description")} />;
  const rows = await (await getServerCaller()).introduction.listMine();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {rows.length === 0 ? (
        <EmptyState icon={<Handshake className="h-10 w-10" />} title={t("empty")} />
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-background">
          <table className="w-full min-w-[720px] text-sm" data-testid="my-introductions">
            <thead className="border-b bg-muted/50 text-left">
              <tr>
                {[t("demand"), t("buyer"), t("supplier"), t("status"), t("deal"), t("date")].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b last:border-0" data-testid="my-introduction">
                  <td className="px-3 py-2">
                    <Link href={`/demands/${r.demand.id}`} className="font-medium hover:underline">
                      {r.demand.title}
                    </Link>
                    {r.note ? <p className="mt-1 whitespace-pre-line break-words text-xs text-muted-foreground">{r.note}</p> : null}
                  </td>
                  <td className="px-3 py-2">{orgName(r.buyer, locale)}</td>
                  <td className="px-3 py-2">{orgName(r.supplier, locale)}</td>
                  <td className="px-3 py-2">
                    <InquiryStatusBadge status={r.status} />
                  </td>
                  <td className="px-3 py-2">
                    {r.deal ? (
                      <Link href={`/deals/${r.deal.id}`} className="text-primary hover:underline" data-testid="my-introduction-deal">
                        {t("viewDeal", { amount: formatYuan(r.deal.amountFen, locale) })}
                      </Link>
                    ) : (
                      <span className="text-muted-foreground">{t("noDeal")}</span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-muted-foreground">{format.dateTime(r.createdAt, dateTimeFormat)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import { TRPCError } from "@trpc/server";
import { ArrowLeft, Eye, ListOrdered } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { DealAnnouncer } from "@/components/deals/deal-announcer";
import { DealStageBadge, LateBadge } from "@/components/deals/deal-badges";
import { DealControls } from "@/components/deals/deal-controls";
import { formatQuantity } from "@/components/deals/display";
import { MoneyPanel } from "@/components/deals/money-panel";
import { RatingsPanel } from "@/components/deals/ratings-panel";
import { ShippingPanel } from "@/components/deals/shipping-panel";
import { StageTimeline } from "@/components/deals/stage-timeline";
import { MessageThread } from "@/components/inquiries/message-thread";
import { paymentTermsText, taxInvoiceText } from "@/components/inquiries/display";
import { PageHeader } from "@/components/layout/page-header";
import { chinaDate, dateFormat, dateTimeFormat, orgName } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatYuan } from "@/domain/deals/quote-view";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

const load = cache(async (dealId: string) => {
  const caller = await getServerCaller();
  try {
    return await caller.deal.get({ dealId });
  } catch (e) {
    if (e instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"].includes(e.code)) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  if (!(await getViewer())) return {};
  const { deal } = await load((await params).id);
  return { title: deal.title };
}

/** One order from award to rating, for its buyer and supplier (and, read-only, the service centre that introduced them). */
export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await getViewer())) redirect(`/signin?callbackUrl=/deals/${id}`);
  const data = await load(id);
  const [t, ti, locale, format] = await Promise.all([getTranslations("deals"), getTranslations("inquiries"), getLocale() as Promise<Locale>, getFormatter()]);
  const { deal, viewer, buyer, supplier, introducer, actions } = data;
  const counterpart = viewer === "supplier" ? buyer : supplier;
  const day = (iso: string) => format.dateTime(chinaDate(iso), dateFormat);
  const orgLink = (o: typeof buyer) => (
    <Link href={`/org/${o.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
      {orgName(o, locale)}
    </Link>
  );

  return (
    <DealAnnouncer>
      <div className="flex flex-col gap-6">
        <Link href="/deals" className="inline-flex items-center gap-1 self-start text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="h-4 w-4" aria-hidden="true" />
          {t("detail.back")}
        </Link>
        <PageHeader
          title={
            <span className="break-words" data-testid="deal-title">
              {deal.title}
            </span>
          }
          description={
            <span className="flex flex-wrap items-center gap-2">
              <DealStageBadge status={deal.status} stage={deal.stage} />
              {data.late ? <LateBadge /> : null}
              <span data-testid="deal-counterpart">
                {viewer === "introducer"
                  ? t("list.between", { buyer: orgName(buyer, locale), supplier: orgName(supplier, locale) })
                  : t(viewer === "supplier" ? "list.buyerIs" : "list.supplierIs", { name: orgName(counterpart, locale) })}
              </span>
              <span className="font-medium text-foreground tabular-nums" data-testid="deal-header-amount">
                {formatYuan(deal.amountFen, locale)}
              </span>
            </span>
          }
          actions={<DealControls dealId={deal.id} title={deal.title} canClose={actions.close} canCancel={actions.cancel} />}
        />
        {deal.status === "cancelled" ? (
          <Alert variant="error" data-testid="deal-cancelled">
            {t("detail.cancelled", { reason: deal.cancelReason ?? "—" })}
          </Alert>
        ) : null}
        {deal.status === "closed" ? <Alert variant="success">{t("detail.closed")}</Alert> : null}
        {viewer === "introducer" ? (
          <Alert variant="info" className="flex items-center gap-2" data-testid="deal-read-only">
            <Eye className="h-4 w-4 shrink-0" aria-hidden="true" />
            {t("detail.readOnly")}
          </Alert>
        ) : null}

        <div className="grid items-start gap-6 lg:grid-cols-3">
          <Card className="lg:col-start-3 lg:row-start-1" aria-labelledby="deal-facts-title">
            <CardHeader>
              <CardTitle id="deal-facts-title">{t("detail.facts")}</CardTitle>
            </CardHeader>
            <CardContent>
              <FactList
                className="sm:grid-cols-2 lg:grid-cols-1"
                facts={[
                  { id: "buyer", label: t("sides.buyer"), value: orgLink(buyer) },
                  { id: "supplier", label: t("sides.supplier"), value: orgLink(supplier) },
                  { id: "introducer", label: t("detail.introducer"), value: introducer ? orgLink(introducer) : null },
                  { id: "amount", label: t("fields.amount"), value: <span className="text-base font-semibold tabular-nums">{formatYuan(deal.amountFen, locale)}</span> },
                  { id: "unit-price", label: t("fields.unitPrice"), value: ti("terms.perUnit", { price: formatYuan(deal.unitPriceFen, locale), unit: deal.priceUnit }) },
                  { id: "quantity", label: t("fields.quantity"), value: formatQuantity(deal.quantityValue, deal.quantityUnit, locale) },
                  { id: "terms", label: t("fields.terms"), value: `${paymentTermsText(ti, deal)} · ${taxInvoiceText(ti, deal)}` },
                  { id: "tolerance", label: t("fields.tolerance"), value: t("fields.toleranceValue", { pct: deal.tolerancePct }) },
                  { id: "due", label: t("fields.dueDate"), value: day(deal.dueDate) },
                  { id: "delivered", label: t("fields.deliveredAt"), value: deal.deliveredAt ? day(deal.deliveredAt) : null },
                  { id: "awarded", label: t("fields.awardedAt"), value: format.dateTime(deal.createdAt, dateTimeFormat) },
                  {
                    id: "links",
                    label: t("detail.origin"),
                    value: (
                      <span className="flex flex-col gap-1">
                        <Link href={`/demands/${deal.demandId}`} className="text-primary underline-offset-4 hover:underline">
                          {t("detail.demandLink")}
                        </Link>
                        {viewer !== "introducer" ? (
                          <Link href={`/inquiries/${deal.inquiryId}`} className="text-primary underline-offset-4 hover:underline">
                            {t("detail.inquiryLink")}
                          </Link>
                        ) : null}
                      </span>
                    ),
                  },
                ]}
              />
            </CardContent>
          </Card>

          <div className="flex min-w-0 flex-col gap-6 lg:col-span-2 lg:col-start-1 lg:row-start-1">
            <Card aria-labelledby="deal-progress-title">
              <CardHeader>
                <CardTitle id="deal-progress-title" className="flex items-center gap-2">
                  <ListOrdered className="h-5 w-5 text-primary" aria-hidden="true" />
                  {t("timeline.title")}
                </CardTitle>
              </CardHeader>
              <CardContent>
                <StageTimeline data={data} />
              </CardContent>
            </Card>
            <ShippingPanel data={data} />
            <MoneyPanel data={data} />
            <RatingsPanel data={data} counterpartName={orgName(counterpart, locale)} />
            {viewer !== "introducer" ? <MessageThread inquiryId={deal.inquiryId} className="rounded-xl border bg-card p-6 shadow-sm" /> : null}
          </div>
        </div>
      </div>
    </DealAnnouncer>
  );
}

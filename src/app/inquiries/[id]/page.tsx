import { TRPCError } from "@trpc/server";
import { ArrowLeft, ExternalLink } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { DeadlineCountdown } from "@/components/demands/deadline-countdown";
import { chainLinkName, cityName, quantityText } from "@/components/demands/display";
import { paymentTermsText } from "@/components/inquiries/display";
import { InquiryActions } from "@/components/inquiries/inquiry-actions";
import { MessageThread } from "@/components/inquiries/message-thread";
import { PaymentWarning } from "@/components/inquiries/payment-warning";
import { formFromDemand } from "@/components/inquiries/quote-defaults";
import { QuoteTimeline } from "@/components/inquiries/quote-timeline";
import { InquiryStatusBadge } from "@/components/inquiries/status-badge";
import { PageHeader } from "@/components/layout/page-header";
import { chinaDate, dateFormat, orgName } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { isOpenInquiry } from "@/domain/deals/inquiry-rules";
import { paymentTermsWarning } from "@/domain/deals/stages";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

const load = cache(async (id: string) => {
  const caller = await getServerCaller();
  try {
    return await caller.inquiry.get({ inquiryId: id });
  } catch (e) {
    if (e instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"].includes(e.code)) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const viewer = await getViewer();
  if (!viewer?.active) return {};
  const data = await load((await params).id);
  const t = await getTranslations("inquiries.detail");
  return { title: t("metaTitle", { demand: data.demand.title }) };
}

/** One inquiry for either side: the quote history, what the caller may do now, and the thread. */
export default async function InquiryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ quoted?: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/inquiries/${id}`)}`);
  if (!viewer.active) notFound();
  const [data, sp, t, locale, format] = await Promise.all([load(id), searchParams, getTranslations("inquiries"), getLocale() as Promise<Locale>, getFormatter()]);
  const { inquiry, side, demand, buyer, supplier, quotes, can } = data;
  const counterpart = side === "buyer" ? supplier : buyer;
  const buyerName = orgName(buyer, locale);
  const supplierName = orgName(supplier, locale);
  const activeQuote = quotes.find((q) => q.id === data.activeQuoteId) ?? null;
  const running = isOpenInquiry(inquiry.status);
  const blocked = !running
    ? null
    : side === "buyer" && inquiry.status === "invited"
      ? t("actions.waitForQuote")
      : (side === "supplier" && !can.quote) || (side === "buyer" && !can.counter)
        ? demand.status === "expired"
          ? t("actions.deadlinePassed")
          : t("actions.demandClosed")
        : null;
  const city = cityName(demand.deliverCityAdcode, locale);

  return (
    <div className="flex flex-col gap-6">
      <Link href={`/my/inquiries?side=${side}`} className="inline-flex items-center gap-1 self-start text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="h-4 w-4" aria-hidden="true" />
        {t("detail.back")}
      </Link>
      <PageHeader
        title={<span className="break-words" data-testid="inquiry-title">{demand.title}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <InquiryStatusBadge status={inquiry.status} />
            <span>{side === "buyer" ? t("detail.supplier") : t("detail.buyer")}</span>
            <Link href={`/org/${counterpart.id}`} className="font-medium text-foreground underline-offset-4 hover:underline" data-testid="inquiry-counterpart">
              {orgName(counterpart, locale)}
            </Link>
            {counterpart.verified ? <VerifiedBadge /> : null}
            <span className="text-sm">· {t(`source.${inquiry.source}`)}</span>
          </span>
        }
      />
      {sp.quoted === "1" && side === "supplier" ? <Alert variant="success">{t("detail.quoted")}</Alert> : null}
      {data.dealId ? (
        <Alert variant="success" className="flex flex-wrap items-center justify-between gap-2" data-testid="inquiry-awarded">
          {t("detail.awarded")}
          <Button asChild size="sm">
            <Link href={`/deals/${data.dealId}`} data-testid="inquiry-deal-link">
              {t("detail.openDeal")}
            </Link>
          </Button>
        </Alert>
      ) : null}
      {data.paymentTermsWarning ? <PaymentWarning /> : null}
      {inquiry.note ? (
        <Alert variant="info">
          <span className="font-medium">{t("detail.note")}</span>
          <span className="whitespace-pre-line break-words">{inquiry.note}</span>
        </Alert>
      ) : null}
      {inquiry.declineReason ? (
        <Alert variant="info">
          <span className="font-medium">{t("detail.declineReason")}</span>
          {inquiry.declineReason}
        </Alert>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          <Card aria-labelledby="quotes-title">
            <CardHeader>
              <CardTitle id="quotes-title">{t("timeline.title")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-5">
              <InquiryActions
                inquiryId={inquiry.id}
                side={side}
                can={can}
                activeQuote={activeQuote}
                latestQuote={quotes.at(-1) ?? null}
                firstQuoteDefaults={formFromDemand(demand)}
                parties={{ buyer, supplier }}
                supplierName={supplierName}
                awardWarning={activeQuote ? paymentTermsWarning(buyer, supplier, activeQuote) : false}
                blocked={blocked}
              />
              {quotes.length === 0 ? (
                <p className="text-sm text-muted-foreground">{side === "supplier" ? t("detail.noQuoteYetSupplier") : t("detail.noQuoteYet")}</p>
              ) : (
                <QuoteTimeline quotes={quotes} buyerName={buyerName} supplierName={supplierName} />
              )}
            </CardContent>
          </Card>
          <Card>
            <CardContent className="pt-6">
              <MessageThread inquiryId={inquiry.id} />
            </CardContent>
          </Card>
        </div>

        <Card aria-labelledby="inquiry-demand">
          <CardHeader>
            <CardTitle id="inquiry-demand">{t("detail.demand")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <FactList
              className="sm:grid-cols-1"
              facts={[
                { id: "chain-link", label: t("detail.chainLink"), value: chainLinkName(demand.chainLink, locale) },
                { id: "quantity", label: t("detail.quantity"), value: quantityText(demand, locale) },
                { id: "need-by", label: t("detail.needBy"), value: demand.needBy ? format.dateTime(chinaDate(demand.needBy), dateFormat) : null },
                { id: "deliver-to", label: t("detail.deliverTo"), value: city },
                {
                  id: "deadline",
                  label: t("detail.deadline"),
                  value: demand.quoteDeadline ? <DeadlineCountdown deadline={demand.quoteDeadline.toISOString()} serverNow={new Date().toISOString()} /> : null,
                },
                {
                  id: "payment",
                  label: t("detail.requestedTerms"),
                  value: demand.paymentTerms ? paymentTermsText(t, { paymentTerms: demand.paymentTerms, paymentDays: demand.paymentDays }) : null,
                },
                { id: "samples", label: t("detail.samples"), value: demand.samplesWanted ? t("detail.yes") : t("detail.no") },
              ]}
            />
            <Link href={`/demands/${demand.id}`} className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline">
              <ExternalLink className="h-4 w-4" aria-hidden="true" />
              {t("detail.openDemand")}
            </Link>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

import { TRPCError } from "@trpc/server";
import { ArrowLeft, FileText, Lock } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { DeadlineCountdown } from "@/components/demands/deadline-countdown";
import { certificationNames, chainLinkName, cityName, processNames, quantityText, safetyClassName } from "@/components/demands/display";
import { DemandStatusActions } from "@/components/demands/demand-status-actions";
import { DemandStatusBadge } from "@/components/demands/status-badge";
import { DemandQuotes } from "@/components/inquiries/demand-quotes";
import { SupplierQuoteAction } from "@/components/inquiries/supplier-quote-action";
import { IntroduceSupplier } from "@/components/introductions/introduce-supplier";
import { PageHeader } from "@/components/layout/page-header";
import { Shortlist } from "@/components/matching/shortlist";
import { chinaDate, dateFormat, dateTimeFormat, orgName } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller } from "@/server/viewer";

export const dynamic = "force-dynamic";

const load = cache(async (id: string) => {
  const caller = await getServerCaller();
  try {
    return await caller.demand.byId({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { demand } = await load((await params).id);
  return { title: demand.title };
}

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default async function DemandPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string }> }) {
  const { id } = await params;
  const sp = await searchParams;
  const data = await load(id);
  const { demand: d, buyer, viewer, attachments } = data;
  const [t, locale, format] = await Promise.all([getTranslations("demands"), getLocale() as Promise<Locale>, getFormatter()]);
  const serverNow = new Date().toISOString();
  const processes = processNames(d.processes, locale);
  const certs = certificationNames(d.requiredCertifications, locale);
  const spec = [
    d.yarnCountNe !== null ? t("fields.yarnCount", { value: d.yarnCountNe }) : null,
    d.gsm !== null ? t("fields.gsm", { value: d.gsm }) : null,
    d.widthCm !== null ? t("fields.width", { value: d.widthCm }) : null,
  ].filter(Boolean);
  const city = cityName(d.deliverCityAdcode, locale);
  const delivery = [city, d.deliverLat !== null && d.deliverLng !== null && !city ? `${d.deliverLat.toFixed(4)}, ${d.deliverLng.toFixed(4)}` : null, d.maxDistanceKm ? t("fields.maxDistance", { km: d.maxDistanceKm }) : null]
    .filter(Boolean)
    .join(" · ");
  const price =
    d.targetPriceValue !== null
      ? `${t("perUnit", { price: d.targetPriceValue.toLocaleString(locale), unit: d.targetPriceUnit ?? "" })} (${d.targetPriceTaxIncluded ? t("taxIncluded") : t("taxExcluded")})`
      : null;
  const payment = d.paymentTerms
    ? d.paymentTerms === "monthly"
      ? d.paymentDays !== null
        ? t("paymentTerms.monthly", { days: d.paymentDays })
        : t("paymentTerms.monthlyNoDays")
      : t(`paymentTerms.${d.paymentTerms}`)
    : null;

  return (
    <div className="flex flex-col gap-6">
      <Link href="/demands" className="inline-flex items-center gap-1 self-start text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="h-4 w-4" aria-hidden="true" />
        {t("detail.back")}
      </Link>
      <PageHeader
        title={<span className="break-words" data-testid="demand-title">{d.title}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <DemandStatusBadge status={d.status} />
            {d.visibility === "invited" ? (
              <Badge variant="outline">
                <Lock className="h-3 w-3" aria-hidden="true" />
                {t("visibility.invitedBadge")}
              </Badge>
            ) : null}
            <Link href={`/org/${buyer.id}`} className="font-medium text-foreground underline-offset-4 hover:underline" data-testid="demand-buyer">
              {orgName(buyer, locale)}
            </Link>
            {buyer.verificationState === "verified" ? (
              <Link href={`/org/${buyer.id}`} aria-label={t("detail.buyerVerified")}>
                <VerifiedBadge />
              </Link>
            ) : null}
          </span>
        }
        actions={viewer.canEdit ? <DemandStatusActions id={d.id} title={d.title} status={d.status} canManage={viewer.canManage} /> : null}
      />
      {viewer.isBuyer && sp.created === "1" ? <Alert variant="success" data-testid="demand-created">{t("form.created")}</Alert> : null}
      {viewer.isBuyer && sp.saved === "1" ? <Alert variant="success" data-testid="demand-saved">{t("form.saved")}</Alert> : null}
      {viewer.isBuyer && d.visibility === "invited" ? <Alert variant="info">{t("detail.invitedNote")}</Alert> : null}

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2" aria-labelledby="demand-what">
          <CardHeader>
            <CardTitle id="demand-what">{t("fields.what")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            {d.text ? <p className="whitespace-pre-line break-words text-sm" data-testid="demand-text">{d.text}</p> : null}
            <FactList
              facts={[
                { id: "chain-link", label: t("fields.chainLink"), value: chainLinkName(d.chainLink, locale) },
                { id: "processes", label: t("fields.processes"), value: processes.join("、") || null },
                { id: "spec", label: t("fields.spec"), value: spec.join(" · ") || null },
                { id: "quantity", label: t("fields.quantity"), value: quantityText(d, locale) },
                { id: "need-by", label: t("fields.needBy"), value: d.needBy ? format.dateTime(chinaDate(d.needBy), dateFormat) : null },
                { id: "deliver-to", label: t("fields.deliverTo"), value: delivery || null },
                {
                  id: "certifications",
                  label: t("fields.certifications"),
                  value: certs.length ? (
                    <span className="flex flex-wrap gap-1.5">
                      {certs.map((c) => (
                        <Badge key={c} variant="outline">
                          {c}
                        </Badge>
                      ))}
                    </span>
                  ) : null,
                },
                { id: "safety-class", label: t("fields.safetyClass"), value: safetyClassName(d.safetyClass, locale) },
              ]}
            />
          </CardContent>
        </Card>

        <div className="flex flex-col gap-6">
          {viewer.isBuyer ? null : <SupplierQuoteAction demandId={d.id} status={d.status} />}
          {viewer.isBuyer ? null : <IntroduceSupplier demand={d} buyerId={buyer.id} />}
          <Card aria-labelledby="demand-terms">
            <CardHeader>
              <CardTitle id="demand-terms">{t("fields.deadline")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4 text-sm">
              {d.quoteDeadline ? <DeadlineCountdown deadline={d.quoteDeadline.toISOString()} serverNow={serverNow} /> : <span>{t("detail.notStated")}</span>}
              <FactList
                className="sm:grid-cols-1"
                facts={[
                  { id: "target-price", label: t("fields.targetPrice"), value: price },
                  { id: "payment-terms", label: t("fields.paymentTerms"), value: payment },
                  { id: "invoice", label: t("fields.invoice"), value: d.invoiceType ? t(`invoice.${d.invoiceType}`) : null },
                  { id: "samples", label: t("fields.samples"), value: d.samplesWanted ? t("yes") : t("no") },
                  { id: "posted", label: t("fields.posted"), value: format.dateTime(d.createdAt, dateTimeFormat) },
                ]}
              />
            </CardContent>
          </Card>

          <Card aria-labelledby="demand-attachments">
            <CardHeader>
              <CardTitle id="demand-attachments">{t("fields.attachments")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              {viewer.isBuyer ? (
                attachments.length ? (
                  <>
                    <ul className="flex flex-col gap-2" data-testid="demand-attachments">
                      {attachments.map((a) => (
                        <li key={a.id}>
                          <a href={`/api/files/${a.id}`} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-2 font-medium text-primary underline-offset-4 hover:underline" data-testid="demand-attachment">
                            <FileText className="h-4 w-4" aria-hidden="true" />
                            <span className="break-all">{a.originalName ?? a.id}</span>
                            <span className="text-xs font-normal text-muted-foreground">{fileSize(a.size)}</span>
                          </a>
                        </li>
                      ))}
                    </ul>
                    <p className="text-xs text-muted-foreground">{t("detail.attachmentsBuyerOnly")}</p>
                  </>
                ) : (
                  <p className="text-muted-foreground">{t("detail.noAttachments")}</p>
                )
              ) : data.attachmentCount ? (
                <p className="text-muted-foreground">{t("detail.attachmentsHidden", { count: data.attachmentCount })}</p>
              ) : (
                <p className="text-muted-foreground">{t("detail.noAttachments")}</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
      {viewer.canEdit ? <DemandQuotes demandId={d.id} canAward={viewer.canEdit} /> : null}
      {viewer.canEdit ? <Shortlist demandId={d.id} canInvite={d.status === "open"} /> : null}
    </div>
  );
}

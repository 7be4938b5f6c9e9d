import { Receipt, TriangleAlert } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { paymentTermsText, taxInvoiceText } from "@/components/inquiries/display";
import { chinaDate, dateFormat } from "@/components/org/display";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { fenToYuan, formatYuan } from "@/domain/deals/quote-view";
import { SME_PAYMENT_DAYS_LIMIT } from "@/domain/deals/stages";
import type { Locale } from "@/domain/taxonomy";
import { ConfirmPayment, InvoiceForm, PaymentForm } from "./money-forms";
import type { DealDetail } from "./types";

/** The 60-day banner (保障中小企业款项支付条例) on a deal whose terms exceed it. */
export function SmePaymentWarning({ days }: { days: number | null }) {
  const t = useTranslations("deals.money");
  return (
    <div role="note" aria-labelledby="sme-warning-title" className="flex gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="sme-payment-warning">
      <TriangleAlert className="mt-0.5 h-5 w-5 shrink-0 text-amber-600" aria-hidden="true" />
      <div>
        <p id="sme-warning-title" className="font-semibold">
          {t("smeWarningTitle", { days: days ?? 0, limit: SME_PAYMENT_DAYS_LIMIT })}
        </p>
        <p className="mt-1">{t("smeWarningBody", { limit: SME_PAYMENT_DAYS_LIMIT })}</p>
      </div>
    </div>
  );
}

/**
 * Payment terms as awarded, the invoices the supplier issued and the payments the buyer made
 * (the supplier confirms each), with totals and what is still to pay.
 */
export function MoneyPanel({ data }: { data: DealDetail }) {
  const t = useTranslations("deals.money");
  const ti = useTranslations("inquiries");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const { deal, invoices, payments, money, actions } = data;
  const yuan = (fen: number) => formatYuan(fen, locale);
  const day = (iso: string) => format.dateTime(chinaDate(iso), dateFormat);
  return (
    <Card aria-labelledby="deal-money-title" data-testid="deal-money">
      <CardHeader>
        <CardTitle id="deal-money-title" className="flex items-center gap-2">
          <Receipt className="h-5 w-5 text-primary" aria-hidden="true" />
          {t("title")}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <p className="text-sm">
          <span className="text-muted-foreground">{t("termsLabel")}</span>
          <span className="font-medium" data-testid="deal-payment-terms">
            {paymentTermsText(ti, deal)}
          </span>
          <span className="text-muted-foreground"> · {taxInvoiceText(ti, deal)}</span>
        </p>
        {deal.paymentTermsWarning ? <SmePaymentWarning days={deal.paymentDays} /> : null}

        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="money-totals">
          <div>
            <dt className="text-xs text-muted-foreground">{t("orderAmount")}</dt>
            <dd className="font-medium tabular-nums">{yuan(deal.amountFen)}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("invoiced")}</dt>
            <dd className="tabular-nums">{yuan(money.invoicedFen)}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("paidConfirmed")}</dt>
            <dd className="tabular-nums">
              {yuan(money.confirmedFen)}
              {money.paidFen > money.confirmedFen ? <span className="block text-xs text-muted-foreground">{t("paidUnconfirmed", { amount: yuan(money.paidFen - money.confirmedFen) })}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("balance")}</dt>
            <dd className="font-semibold tabular-nums" data-testid="money-balance">
              {yuan(money.balanceFen)}
            </dd>
          </div>
        </dl>

        <section aria-labelledby="deal-invoices-title" className="flex flex-col gap-2">
          <h3 id="deal-invoices-title" className="font-semibold">
            {t("invoices")}
          </h3>
          {invoices.length ? (
            <ul className="flex flex-col divide-y rounded-md border text-sm" data-testid="invoice-list">
              {invoices.map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                  <span>
                    <span className="font-medium">{t("invoiceNo", { number: inv.number })}</span>
                    <span className="text-muted-foreground"> · {t(`invoiceTypes.${inv.invoiceType}`)} · {day(inv.issuedOn)}</span>
                    {inv.dueOn ? <span className="text-muted-foreground"> · {t("dueOnShort", { date: day(inv.dueOn) })}</span> : null}
                  </span>
                  <span className="font-medium tabular-nums">{yuan(inv.amountFen)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">{t("noInvoices")}</p>
          )}
          {actions.addInvoice ? <InvoiceForm dealId={deal.id} invoiceType={deal.invoiceType} /> : null}
        </section>

        <section aria-labelledby="deal-payments-title" className="flex flex-col gap-2">
          <h3 id="deal-payments-title" className="font-semibold">
            {t("payments")}
          </h3>
          {payments.length ? (
            <ul className="flex flex-col divide-y rounded-md border text-sm" data-testid="payment-list">
              {payments.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2" data-testid="payment-row">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="tabular-nums">{day(p.paidOn)}</span>
                    <span className="text-muted-foreground">
                      {t(`methods.${p.method}`)}
                      {p.reference ? ` · ${p.reference}` : ""}
                    </span>
                    <Badge variant={p.confirmedAt ? "success" : "outline"}>{p.confirmedAt ? t("confirmed") : t("unconfirmed")}</Badge>
                  </span>
                  <span className="flex items-center gap-2">
                    <span className="font-medium tabular-nums">{yuan(p.amountFen)}</span>
                    {actions.confirmPayment && !p.confirmedAt ? <ConfirmPayment dealId={deal.id} paymentId={p.id} label={t("confirmReceiptOf", { amount: yuan(p.amountFen), date: day(p.paidOn) })} /> : null}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">{t("noPayments")}</p>
          )}
          {actions.addPayment ? <PaymentForm dealId={deal.id} balanceYuan={fenToYuan(Math.max(0, money.balanceFen - (money.paidFen - money.confirmedFen)))} terms={deal.paymentTerms} /> : null}
        </section>
      </CardContent>
    </Card>
  );
}

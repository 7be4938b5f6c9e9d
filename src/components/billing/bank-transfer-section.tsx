"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Landmark } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "@/components/bank-transfer/copy-button";
import { VatInvoiceForm } from "@/components/bank-transfer/vat-invoice-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { MONTHLY_PRICE_FEN, PAID_PLAN_IDS, TRANSFER_MONTHS, transferAmountFen, type PaidPlanId, type TransferMonths } from "@/domain/billing/plans";
import { formatYuan } from "@/domain/deals/quote-view";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

type Mine = NonNullable<ReturnType<typeof useMineQuery>["data"]>;
type Order = Mine["orders"][number];

function useMineQuery() {
  const trpc = useTRPC();
  return useQuery(trpc.bankTransfer.mine.queryOptions());
}

/** Groups an account number in fours for reading (the copy button copies the digits). */
const grouped = (account: string) => account.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");

/**
 * 对公转账 on /billing (docs/billing.md): order a plan for 1, 3, 6 or 12 months, then pay the amount
 * to the platform's account with the payment reference in the transfer's 附言; a platform admin
 * confirms the receipt and the plan starts. Confirmed orders take a 发票 request. Works whether or
 * not online payment is on.
 */
export function BankTransferSection() {
  const t = useTranslations("bankTransfer");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const mine = useMineQuery();
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const refresh = (text?: string) => {
    setStatus(text ? { kind: "success", text } : null);
    void queryClient.invalidateQueries({ queryKey: trpc.bankTransfer.pathKey() });
    router.refresh();
  };
  const failed = (e: unknown) => {
    const info = errorInfo(e);
    setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
  };
  const cancel = useMutation(trpc.bankTransfer.cancel.mutationOptions({ onSuccess: () => refresh(t("cancelled")), onError: failed }));

  const data = mine.data;
  const awaiting = data?.orders.find((o) => o.status === "awaiting_payment");
  const others = data?.orders.filter((o) => o !== awaiting) ?? [];
  return (
    <Card aria-labelledby="bank-transfer-title" data-testid="bank-transfer">
      <CardHeader>
        <CardTitle id="bank-transfer-title" className="flex items-center gap-2">
          <Landmark className="h-5 w-5" aria-hidden="true" />
          {t("title")}
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {mine.isPending ? <p className="text-sm text-muted-foreground">{t("loading")}</p> : null}
        {mine.isError ? <Alert variant="error">{translateKey(tAll, errorInfo(mine.error).key)}</Alert> : null}
        <div aria-live="polite">{status ? <Alert variant={status.kind}>{status.text}</Alert> : null}</div>
        {data && awaiting ? (
          <PaymentInstructions order={awaiting} bank={data.bank} canManage={data.canManage} cancelling={cancel.isPending} onCancel={() => cancel.mutate({ id: awaiting.id })} />
        ) : null}
        {data && !awaiting && data.canManage ? <OrderForm onOrdered={() => refresh(t("ordered"))} onError={failed} /> : null}
        {data && !awaiting && !data.canManage ? <p className="text-sm text-muted-foreground">{t("managersOnly")}</p> : null}
        {data && others.length > 0 ? <OrderHistory orders={others} canManage={data.canManage} invoiceDefaults={data.invoiceDefaults} onChanged={refresh} /> : null}
      </CardContent>
    </Card>
  );
}

function OrderForm({ onOrdered, onError }: { onOrdered: () => void; onError: (e: unknown) => void }) {
  const t = useTranslations("bankTransfer");
  const tb = useTranslations("billing");
  const locale = useLocale();
  const trpc = useTRPC();
  const [plan, setPlan] = useState<PaidPlanId>("sme_pro");
  const [months, setMonths] = useState<TransferMonths>(3);
  const [payerName, setPayerName] = useState("");
  const order = useMutation(trpc.bankTransfer.order.mutationOptions({ onSuccess: onOrdered, onError }));
  return (
    <form
      noValidate
      className="grid gap-4 md:grid-cols-2"
      aria-label={t("order.title")}
      data-testid="transfer-order-form"
      onSubmit={(e) => {
        e.preventDefault();
        order.mutate({ plan, months, payerName: payerName || undefined });
      }}
    >
      <Field label={t("order.plan")} required>
        <Select value={plan} onChange={(e) => setPlan(e.target.value as PaidPlanId)} data-testid="transfer-plan">
          {PAID_PLAN_IDS.map((p) => (
            <option key={p} value={p}>
              {t("order.planOption", { plan: tb(`plans.${p}`), price: formatYuan(MONTHLY_PRICE_FEN[p], locale) })}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 text-sm font-medium">{t("order.months")}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {TRANSFER_MONTHS.map((m) => (
            <label key={m} className="flex cursor-pointer flex-col rounded-md border p-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
              <span className="flex items-center gap-2">
                <input type="radio" name="transfer-months" value={m} checked={months === m} onChange={() => setMonths(m)} data-testid={`transfer-months-${m}`} />
                {t("order.monthsOption", { months: m })}
              </span>
              <span className="text-xs text-muted-foreground">{formatYuan(transferAmountFen(plan, m), locale)}</span>
              {m === 12 ? <span className="text-xs text-emerald-700">{t("order.yearDeal")}</span> : null}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t("order.payerName")} hint={t("order.payerNameHint")}>
        <Input value={payerName} onChange={(e) => setPayerName(e.target.value)} maxLength={100} autoComplete="organization" data-testid="transfer-payer" />
      </Field>
      <div className="flex flex-col justify-end gap-2">
        <p className="text-sm">
          {t("order.total")} <strong className="text-lg" data-testid="transfer-total">{formatYuan(transferAmountFen(plan, months), locale)}</strong>
        </p>
        <Button type="submit" disabled={order.isPending} className="self-start" data-testid="transfer-submit">
          {t("order.submit")}
        </Button>
      </div>
    </form>
  );
}

function PaymentInstructions({ order, bank, canManage, cancelling, onCancel }: { order: Order; bank: Mine["bank"]; canManage: boolean; cancelling: boolean; onCancel: () => void }) {
  const t = useTranslations("bankTransfer");
  const tb = useTranslations("billing");
  const locale = useLocale();
  const amount = formatYuan(order.amountFen, locale);
  const rows: Array<{ key: string; label: string; value: string; shown?: string }> = [
    { key: "accountName", label: t("pay.accountName"), value: bank.accountName },
    { key: "bankName", label: t("pay.bankName"), value: bank.bankName },
    { key: "account", label: t("pay.account"), value: bank.account.replace(/\s+/g, ""), shown: grouped(bank.account) },
    { key: "amount", label: t("pay.amount"), value: (order.amountFen / 100).toFixed(2), shown: amount },
  ];
  return (
    <section aria-labelledby="transfer-pay-title" className="flex flex-col gap-4 rounded-lg border-2 border-primary/40 bg-primary/5 p-4" data-testid="transfer-awaiting">
      <h3 id="transfer-pay-title" className="font-semibold">
        {t("pay.title", { plan: tb(`plans.${order.plan}`), months: order.months })}
      </h3>
      <div className="flex flex-col gap-1">
        <span className="text-sm text-muted-foreground">{t("pay.reference")}</span>
        <div className="flex items-center gap-2">
          <span className="font-mono text-2xl font-bold tracking-wider sm:text-3xl" data-testid="transfer-reference">
            {order.reference}
          </span>
          <CopyButton value={order.reference} label={t("copy", { what: t("pay.reference") })} testId="copy-reference" />
        </div>
        <p className="text-sm font-medium text-amber-900">{t("pay.referenceHint")}</p>
      </div>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-1 text-sm" data-testid="transfer-bank">
        {rows.map((r) => (
          <div key={r.key} className="contents">
            <dt className="text-muted-foreground">{r.label}</dt>
            <dd className="flex min-w-0 items-center gap-1 break-words">
              <span className={r.key === "amount" ? "font-semibold" : r.key === "account" ? "font-mono" : undefined} data-testid={`transfer-${r.key}`}>
                {r.shown ?? r.value}
              </span>
              <CopyButton value={r.value} label={t("copy", { what: r.label })} />
            </dd>
          </div>
        ))}
      </dl>
      {bank.demo ? (
        <p className="text-xs text-muted-foreground" data-testid="transfer-demo">
          <Badge variant="warning">{t("pay.demo")}</Badge> {t("pay.demoHint")}
        </p>
      ) : null}
      <p className="text-sm text-muted-foreground">{t("pay.next")}</p>
      {canManage ? (
        <Button type="button" variant="outline" size="sm" className="self-start" disabled={cancelling} onClick={onCancel} data-testid="transfer-cancel">
          {t("pay.cancel")}
        </Button>
      ) : null}
    </section>
  );
}

const STATUS_VARIANT = { awaiting_payment: "warning", confirmed: "success", cancelled: "secondary" } as const;
const INVOICE_VARIANT = { requested: "warning", issued: "success", rejected: "destructive" } as const;

function OrderHistory({ orders, canManage, invoiceDefaults, onChanged }: { orders: Order[]; canManage: boolean; invoiceDefaults: Mine["invoiceDefaults"]; onChanged: (text?: string) => void }) {
  const t = useTranslations("bankTransfer");
  const tb = useTranslations("billing");
  const locale = useLocale();
  const format = useFormatter();
  const [invoiceFor, setInvoiceFor] = useState<string | null>(null);
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium" }) : "—");
  return (
    <section aria-labelledby="transfer-history-title" className="flex flex-col gap-3">
      <h3 id="transfer-history-title" className="font-semibold">
        {t("history.title")}
      </h3>
      <ul className="flex flex-col divide-y rounded-lg border">
        {orders.map((o) => {
          const live = o.invoices.find((i) => i.status !== "rejected");
          const lastRejected = !live ? o.invoices.find((i) => i.status === "rejected") : undefined;
          return (
            <li key={o.id} className="flex flex-col gap-2 p-3 text-sm" data-testid="transfer-order" data-reference={o.reference}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono font-medium">{o.reference}</span>
                <Badge variant={STATUS_VARIANT[o.status]} data-testid="transfer-status">
                  {t(`statuses.${o.status}`)}
                </Badge>
              </div>
              <p>
                {t("history.line", { plan: tb(`plans.${o.plan}`), months: o.months, amount: formatYuan(o.amountFen, locale), date: date(o.createdAt) })}
              </p>
              {o.status === "confirmed" ? <p className="text-muted-foreground">{t("history.period", { start: date(o.periodStart), end: date(o.periodEnd) })}</p> : null}
              {o.status === "cancelled" && o.cancelReason ? <p className="text-muted-foreground">{t("history.cancelReason", { reason: o.cancelReason })}</p> : null}
              {live ? (
                <p data-testid="invoice-status">
                  <Badge variant={INVOICE_VARIANT[live.status]}>{t(`invoice.statuses.${live.status}`)}</Badge>{" "}
                  {live.status === "issued" ? t("invoice.issuedLine", { number: live.invoiceNumber ?? "" }) : t("invoice.requestedLine", { type: t(`invoice.types.${live.invoiceType}`), title: live.title })}
                </p>
              ) : null}
              {lastRejected ? (
                <p data-testid="invoice-status">
                  <Badge variant="destructive">{t("invoice.statuses.rejected")}</Badge> {t("invoice.rejectedLine", { reason: lastRejected.rejectReason ?? "" })}
                </p>
              ) : null}
              {o.status === "confirmed" && !live && canManage ? (
                invoiceFor === o.id ? (
                  <div className="rounded-lg border bg-muted/40 p-4">
                    <VatInvoiceForm
                      orderId={o.id}
                      defaults={lastRejected ? { title: lastRejected.title, taxNumber: lastRejected.taxNumber } : invoiceDefaults}
                      onDone={() => {
                        setInvoiceFor(null);
                        onChanged(t("invoice.requested"));
                      }}
                      onCancel={() => setInvoiceFor(null)}
                    />
                  </div>
                ) : (
                  <Button type="button" variant="outline" size="sm" className="self-start" aria-expanded={false} onClick={() => setInvoiceFor(o.id)} data-testid="invoice-open">
                    {lastRejected ? t("invoice.requestAgain") : t("invoice.request")}
                  </Button>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

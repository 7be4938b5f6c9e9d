"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface AdminTransferRow {
  id: string;
  reference: string;
  organizationName: string;
  plan: string;
  months: number;
  amount: string;
  payerName: string | null;
  createdAt: string;
}

export interface AdminInvoiceRow {
  id: string;
  reference: string;
  organizationName: string;
  invoiceType: "special" | "normal";
  title: string;
  taxNumber: string;
  addressPhone: string | null;
  bankAccount: string | null;
  email: string;
  amount: string;
  createdAt: string;
}

/**
 * A button opening a modal that asks once more (and optionally for one value) before a mutation;
 * the server's refusal shows inside the dialog, success closes it and refreshes the page.
 */
function ActionDialog({
  trigger,
  title,
  description,
  input,
  confirmLabel,
  pending,
  run,
  testId,
}: {
  trigger: string;
  title: string;
  description: ReactNode;
  input?: { label: string; type?: string; required?: boolean; testId: string };
  confirmLabel: string;
  pending: boolean;
  run: (value: string, done: () => void, failed: (e: unknown) => void) => void;
  testId: string;
}) {
  const t = useTranslations("bankTransfer.admin");
  const tAll = useTranslations();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [error, setError] = useState<{ field?: string; text?: string } | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setValue("");
          setError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" size="sm" variant={testId.startsWith("confirm") || testId.startsWith("issue") ? "default" : "outline"} data-testid={`${testId}-open`}>
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")} data-testid={`${testId}-dialog`}>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription asChild>
          <div>{description}</div>
        </DialogDescription>
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            run(
              value.trim(),
              () => setOpen(false),
              (err) => {
                const info = errorInfo(err);
                const field = Object.values(info.fields)[0];
                setError(field ? { field } : { text: translateKey(tAll, info.key, info.params) });
              },
            );
          }}
        >
          {input ? (
            <Field label={input.label} error={error?.field} required={input.required}>
              <Input type={input.type ?? "text"} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" data-testid={input.testId} />
            </Field>
          ) : null}
          {error?.text ? <Alert variant="error">{error.text}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              {t("back")}
            </Button>
            <Button type="submit" disabled={pending} data-testid={`${testId}-submit`}>
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** /admin/bank-transfers: orders awaiting payment (confirm the receipt, or cancel) and open 发票 requests (issue or reject). */
export function AdminBankTransfers({ transfers, invoices }: { transfers: AdminTransferRow[]; invoices: AdminInvoiceRow[] }) {
  const t = useTranslations("bankTransfer");
  const tb = useTranslations("billing");
  const trpc = useTRPC();
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const after = (text: string, done: () => void) => () => {
    done();
    setStatus(text);
    router.refresh();
  };
  const confirm = useMutation(trpc.bankTransfer.confirm.mutationOptions());
  const cancel = useMutation(trpc.bankTransfer.adminCancel.mutationOptions());
  const issue = useMutation(trpc.bankTransfer.issueInvoice.mutationOptions());
  const reject = useMutation(trpc.bankTransfer.rejectInvoice.mutationOptions());
  const th = "py-2 pr-4 font-medium";
  return (
    <div className="flex flex-col gap-8">
      <div aria-live="polite">{status ? <Alert variant="success">{status}</Alert> : null}</div>
      <section aria-labelledby="admin-transfers-title" className="flex flex-col gap-3">
        <h2 id="admin-transfers-title" className="text-lg font-semibold">
          {t("admin.awaitingTitle")}
        </h2>
        {transfers.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("admin.noAwaiting")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" aria-labelledby="admin-transfers-title">
              <thead>
                <tr className="border-b text-left">
                  <th className={th}>{t("admin.reference")}</th>
                  <th className={th}>{t("admin.organization")}</th>
                  <th className={th}>{t("admin.plan")}</th>
                  <th className={th}>{t("admin.amount")}</th>
                  <th className={th}>{t("admin.orderedAt")}</th>
                  <th className="py-2">
                    <span className="sr-only">{t("admin.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {transfers.map((r) => (
                  <tr key={r.id} className="border-b align-top" data-testid="admin-transfer" data-reference={r.reference}>
                    <td className="py-2 pr-4 font-mono font-medium">{r.reference}</td>
                    <td className="py-2 pr-4">
                      {r.organizationName}
                      {r.payerName ? <div className="text-xs text-muted-foreground">{t("admin.payer", { name: r.payerName })}</div> : null}
                    </td>
                    <td className="py-2 pr-4">{t("admin.planMonths", { plan: tb(`plans.${r.plan}`), months: r.months })}</td>
                    <td className="py-2 pr-4 font-semibold">{r.amount}</td>
                    <td className="py-2 pr-4">{r.createdAt}</td>
                    <td className="flex flex-wrap justify-end gap-2 py-2">
                      <ActionDialog
                        testId="confirm-transfer"
                        trigger={t("admin.confirm")}
                        title={t("admin.confirmTitle")}
                        description={
                          <p>
                            {t.rich("admin.confirmBody", {
                              reference: r.reference,
                              amount: r.amount,
                              organization: r.organizationName,
                              plan: tb(`plans.${r.plan}`),
                              months: r.months,
                              strong: (c) => <strong className="font-mono text-foreground">{c}</strong>,
                            })}
                          </p>
                        }
                        input={{ label: t("admin.receivedOn"), type: "date", testId: "confirm-received-on" }}
                        confirmLabel={t("admin.confirmSubmit")}
                        pending={confirm.isPending}
                        run={(v, done, failed) => confirm.mutate({ id: r.id, receivedOn: v || undefined }, { onSuccess: after(t("admin.confirmed", { reference: r.reference }), done), onError: failed })}
                      />
                      <ActionDialog
                        testId="cancel-transfer"
                        trigger={t("admin.cancel")}
                        title={t("admin.cancelTitle")}
                        description={<p>{t("admin.cancelBody", { reference: r.reference })}</p>}
                        input={{ label: t("admin.reason"), required: true, testId: "cancel-reason" }}
                        confirmLabel={t("admin.cancelSubmit")}
                        pending={cancel.isPending}
                        run={(v, done, failed) => cancel.mutate({ id: r.id, reason: v }, { onSuccess: after(t("admin.cancelledDone", { reference: r.reference }), done), onError: failed })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="admin-invoices-title" className="flex flex-col gap-3">
        <h2 id="admin-invoices-title" className="text-lg font-semibold">
          {t("admin.invoicesTitle")}
        </h2>
        {invoices.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("admin.noInvoices")}</p>
        ) : (
          <ul className="flex flex-col divide-y rounded-lg border">
            {invoices.map((r) => (
              <li key={r.id} className="flex flex-col gap-3 p-3 text-sm md:flex-row md:items-start md:justify-between" data-testid="admin-invoice" data-reference={r.reference}>
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                  <dt className="text-muted-foreground">{t("admin.organization")}</dt>
                  <dd>
                    {r.organizationName} · <span className="font-mono">{r.reference}</span>
                  </dd>
                  <dt className="text-muted-foreground">{t("invoice.type")}</dt>
                  <dd>{t(`invoice.types.${r.invoiceType}`)}</dd>
                  <dt className="text-muted-foreground">{t("invoice.title")}</dt>
                  <dd>{r.title}</dd>
                  <dt className="text-muted-foreground">{t("invoice.taxNumber")}</dt>
                  <dd className="font-mono">{r.taxNumber}</dd>
                  {r.addressPhone ? (
                    <>
                      <dt className="text-muted-foreground">{t("invoice.addressPhone")}</dt>
                      <dd>{r.addressPhone}</dd>
                    </>
                  ) : null}
                  {r.bankAccount ? (
                    <>
                      <dt className="text-muted-foreground">{t("invoice.bankAccount")}</dt>
                      <dd>{r.bankAccount}</dd>
                    </>
                  ) : null}
                  <dt className="text-muted-foreground">{t("invoice.email")}</dt>
                  <dd>{r.email}</dd>
                  <dt className="text-muted-foreground">{t("admin.amount")}</dt>
                  <dd className="font-semibold">{r.amount}</dd>
                  <dt className="text-muted-foreground">{t("admin.requestedAt")}</dt>
                  <dd>{r.createdAt}</dd>
                </dl>
                <div className="flex gap-2">
                  <ActionDialog
                    testId="issue-invoice"
                    trigger={t("admin.issue")}
                    title={t("admin.issueTitle")}
                    description={<p>{t("admin.issueBody", { reference: r.reference, amount: r.amount, title: r.title })}</p>}
                    input={{ label: t("admin.invoiceNumber"), required: true, testId: "invoice-number" }}
                    confirmLabel={t("admin.issueSubmit")}
                    pending={issue.isPending}
                    run={(v, done, failed) => issue.mutate({ id: r.id, invoiceNumber: v }, { onSuccess: after(t("admin.issued", { reference: r.reference }), done), onError: failed })}
                  />
                  <ActionDialog
                    testId="reject-invoice"
                    trigger={t("admin.reject")}
                    title={t("admin.rejectTitle")}
                    description={<p>{t("admin.rejectBody", { reference: r.reference })}</p>}
                    input={{ label: t("admin.reason"), required: true, testId: "reject-reason" }}
                    confirmLabel={t("admin.rejectSubmit")}
                    pending={reject.isPending}
                    run={(v, done, failed) => reject.mutate({ id: r.id, reason: v }, { onSuccess: after(t("admin.rejected", { reference: r.reference }), done), onError: failed })}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

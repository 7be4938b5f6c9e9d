import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatYuan } from "@/domain/deals/quote-view";

export interface InvoiceView {
  id: string;
  number: string | null;
  status: string | null;
  amountDue: number;
  currency: string;
  created: Date;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
}

const STATUSES = new Set(["draft", "open", "paid", "uncollectible", "void"]);

/** The organisation's Stripe invoices (amounts in fen for CNY), newest first as Stripe lists them. */
export async function InvoicesTable({ invoices }: { invoices: InvoiceView[] }) {
  const [t, format, locale] = await Promise.all([getTranslations("billing.invoices"), getFormatter(), getLocale()]);
  const amount = (i: InvoiceView) => (i.currency === "cny" ? formatYuan(i.amountDue, locale) : `${(i.amountDue / 100).toFixed(2)} ${i.currency.toUpperCase()}`);
  return (
    <section aria-labelledby="invoices-title" className="flex flex-col gap-3" data-testid="invoices">
      <h2 id="invoices-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {invoices.length === 0 ? (
        <p className="rounded-xl border border-dashed bg-background px-6 py-8 text-center text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-background" role="region" aria-labelledby="invoices-title" tabIndex={0}>
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="border-b bg-muted/60 text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("number")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("date")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("amount")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("status")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("links")}</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {invoices.map((i) => (
                <tr key={i.id} data-testid="invoice-row">
                  <td className="px-3 py-2 font-mono text-xs">{i.number ?? t("noNumber")}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <time dateTime={i.created.toISOString()}>{format.dateTime(i.created, { dateStyle: "medium" })}</time>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{amount(i)}</td>
                  <td className="px-3 py-2">{i.status && STATUSES.has(i.status) ? t(`statuses.${i.status as "paid"}`) : (i.status ?? "—")}</td>
                  <td className="px-3 py-2">
                    <span className="flex flex-wrap gap-3">
                      {i.hostedInvoiceUrl ? (
                        <a className="text-primary underline-offset-4 hover:underline" href={i.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer">
                          {t("view")}
                        </a>
                      ) : null}
                      {i.invoicePdf ? (
                        <a className="text-primary underline-offset-4 hover:underline" href={i.invoicePdf} target="_blank" rel="noopener noreferrer">
                          {t("pdf")}
                        </a>
                      ) : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

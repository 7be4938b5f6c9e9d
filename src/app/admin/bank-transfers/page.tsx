import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AdminBankTransfers } from "@/components/bank-transfer/admin-transfers";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatYuan } from "@/domain/deals/quote-view";
import { getServerCaller, getViewer } from "@/server/viewer";
import { requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [viewer, t, ta] = await Promise.all([getViewer(), getTranslations("bankTransfer.admin"), getTranslations("admin")]);
  if (!viewer?.user.isPlatformAdmin) return { title: ta("forbidden.title") };
  return { title: `${t("tab")} · ${ta("title")}` };
}

/** 对公转账 (docs/billing.md): confirm receipts of bank transfers (grants the plan) and issue or reject 发票 requests. */
export default async function AdminBankTransfersPage() {
  if (!(await requireAdmin("/admin/bank-transfers"))) return null;
  const [caller, t, format, locale] = await Promise.all([getServerCaller(), getTranslations("bankTransfer.admin"), getFormatter(), getLocale()]);
  const [transfers, invoices] = await Promise.all([caller.bankTransfer.list({ status: "awaiting_payment" }), caller.bankTransfer.invoices({ status: "requested" })]);
  const name = (r: { organizationNameZh: string; organizationNameEn: string | null }) => (locale === "en" && r.organizationNameEn) || r.organizationNameZh;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Card aria-labelledby="bank-transfers-title">
      <CardHeader>
        <CardTitle id="bank-transfers-title">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <AdminBankTransfers
          transfers={transfers.map((r) => ({
            id: r.id,
            reference: r.reference,
            organizationName: name(r),
            plan: r.plan,
            months: r.months,
            amount: formatYuan(r.amountFen, locale),
            payerName: r.payerName,
            createdAt: when(r.createdAt),
          }))}
          invoices={invoices.map((r) => ({
            id: r.id,
            reference: r.reference,
            organizationName: name(r),
            invoiceType: r.invoiceType,
            title: r.title,
            taxNumber: r.taxNumber,
            addressPhone: r.addressPhone,
            bankAccount: r.bankAccount,
            email: r.email,
            amount: formatYuan(r.amountFen, locale),
            createdAt: when(r.createdAt),
          }))}
        />
      </CardContent>
    </Card>
  );
}

import { eq } from "drizzle-orm";
import { callerFor } from "@/test/factories";
import { bankTransferOrders, vatInvoiceRequests } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Bank transfer and 发票 requests: B has an order awaiting payment (its payer name is private), a
 * confirmed one and a 发票 request whose title is private. A sees and changes only its own; the
 * admin procedures refuse A outright.
 */
export function bankTransferCases(fx: IsolationFixture): IsolationCases {
  const ids = { awaiting: "", confirmed: "", invoice: "" };
  return {
    async setup() {
      const [confirmed] = await fx.db
        .insert(bankTransferOrders)
        .values({ organizationId: fx.b.organizationId, plan: "sme_pro", months: 3, amountFen: 204_000, reference: `FL-${fx.secret.slice(-4).toUpperCase()}-ISOL`, status: "confirmed", confirmedAt: new Date() })
        .returning();
      ids.confirmed = confirmed!.id;
      const [invoice] = await fx.db
        .insert(vatInvoiceRequests)
        .values({ organizationId: fx.b.organizationId, orderId: ids.confirmed, invoiceType: "normal", title: `${fx.secret} 纺织有限公司`, taxNumber: "91370200MA3C000000", email: "b@example.com", amountFen: 204_000 })
        .returning();
      ids.invoice = invoice!.id;
      ids.awaiting = (await (await callerFor(fx.db, fx.b.userId)).bankTransfer.order({ plan: "sme_pro", months: 1, payerName: fx.secret })).id;
    },
    attempts: {
      "bankTransfer.mine": (c) => c.bankTransfer.mine(),
      "bankTransfer.order": (c) => c.bankTransfer.order({ plan: "sme_pro", months: 1 }),
      "bankTransfer.cancel": (c) => c.bankTransfer.cancel({ id: ids.awaiting }),
      "bankTransfer.requestInvoice": (c) =>
        c.bankTransfer.requestInvoice({ orderId: ids.confirmed, invoiceType: "normal", title: "甲方纺织有限公司", taxNumber: "370200123456789", email: "a@example.com" }),
      "bankTransfer.list": (c) => c.bankTransfer.list({ status: "awaiting_payment" }),
      "bankTransfer.confirm": (c) => c.bankTransfer.confirm({ id: ids.awaiting }),
      "bankTransfer.adminCancel": (c) => c.bankTransfer.adminCancel({ id: ids.awaiting, reason: "未收到款项" }),
      "bankTransfer.invoices": (c) => c.bankTransfer.invoices({ status: "requested" }),
      "bankTransfer.issueInvoice": (c) => c.bankTransfer.issueInvoice({ id: ids.invoice, invoiceNumber: "12345678" }),
      "bankTransfer.rejectInvoice": (c) => c.bankTransfer.rejectInvoice({ id: ids.invoice, reason: "抬头与税号不符" }),
    },
    mustRefuse: [
      "bankTransfer.cancel",
      "bankTransfer.requestInvoice",
      "bankTransfer.list",
      "bankTransfer.confirm",
      "bankTransfer.adminCancel",
      "bankTransfer.invoices",
      "bankTransfer.issueInvoice",
      "bankTransfer.rejectInvoice",
    ],
    async snapshot() {
      return {
        orders: await fx.db.select().from(bankTransferOrders).where(eq(bankTransferOrders.organizationId, fx.b.organizationId)),
        invoices: await fx.db.select().from(vatInvoiceRequests).where(eq(vatInvoiceRequests.organizationId, fx.b.organizationId)),
      };
    },
  };
}

import { eq, inArray } from "drizzle-orm";
import { advanceDeal, callerFor, createDeal, createMember } from "@/test/factories";
import { dealEvents, dealInvoices, dealPayments, dealRatings, deals, dealShipments, dealStages, deliveryRecords } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Deals: B buys from a third organisation; the deal (title with the secret) is at `shipped` with a
 * lot in transit, an invoice and a payment to confirm. A, neither party nor introducer, must not
 * find it (NOT_FOUND for every deal procedure) and may read only B's public delivery record.
 */
export function dealCases(fx: IsolationFixture): IsolationCases {
  const ids = { deal: "", shipment: "", payment: "" };
  return {
    async setup() {
      const supplier = await createMember(fx.db);
      const d = await createDeal(fx.db, { buyer: fx.b, supplier, title: `${fx.secret} 针织面料订单` });
      ids.deal = d.dealId;
      await advanceDeal(fx.db, d, "shipped");
      const sc = await callerFor(fx.db, supplier.userId);
      const bc = await callerFor(fx.db, fx.b.userId);
      ids.shipment = (await sc.deal.ship({ dealId: ids.deal, quantity: 1000, shippedOn: "2030-01-10", trackingNo: fx.secret })).shipmentId;
      await sc.deal.addInvoice({ dealId: ids.deal, number: fx.secret, invoiceType: "vat_special", amount: 100, issuedOn: "2030-01-10" });
      ids.payment = (await bc.deal.addPayment({ dealId: ids.deal, amount: 100, paidOn: "2030-01-11", method: "bank_transfer", reference: fx.secret })).id;
    },
    attempts: {
      "deal.list": (c) => c.deal.list(),
      "deal.get": (c) => c.deal.get({ dealId: ids.deal }),
      "deal.act": (c) => c.deal.act({ dealId: ids.deal, stage: "shipped", action: "complete" }),
      "deal.plan": (c) => c.deal.plan({ dealId: ids.deal, stage: "delivered", plannedDate: "2099-01-01" }),
      "deal.close": (c) => c.deal.close({ dealId: ids.deal }),
      "deal.cancel": (c) => c.deal.cancel({ dealId: ids.deal, reason: "第三方取消" }),
      "deal.ship": (c) => c.deal.ship({ dealId: ids.deal, quantity: 1, shippedOn: "2030-01-12" }),
      "deal.receive": (c) => c.deal.receive({ dealId: ids.deal, shipmentId: ids.shipment, receivedOn: "2030-01-12" }),
      "deal.decideQuantity": (c) => c.deal.decideQuantity({ dealId: ids.deal, decision: "accepted" }),
      "deal.confirmDelivery": (c) => c.deal.confirmDelivery({ dealId: ids.deal }),
      "deal.addInvoice": (c) => c.deal.addInvoice({ dealId: ids.deal, number: "X-1", invoiceType: "vat_ordinary", amount: 1, issuedOn: "2030-01-12" }),
      "deal.addPayment": (c) => c.deal.addPayment({ dealId: ids.deal, amount: 1, paidOn: "2030-01-12", method: "other" }),
      "deal.confirmPayment": (c) => c.deal.confirmPayment({ dealId: ids.deal, paymentId: ids.payment }),
      "deal.rate": (c) => c.deal.rate({ dealId: ids.deal, onTime: 1, quality: 1, communication: 1, comment: "差评" }),
      // Public: B's record is anyone's to read (it holds no private text).
      "organization.deliveryRecord": (c) => c.organization.deliveryRecord({ organizationId: fx.b.organizationId }),
    },
    mustRefuse: [
      "deal.get",
      "deal.act",
      "deal.plan",
      "deal.close",
      "deal.cancel",
      "deal.ship",
      "deal.receive",
      "deal.decideQuantity",
      "deal.confirmDelivery",
      "deal.addInvoice",
      "deal.addPayment",
      "deal.confirmPayment",
      "deal.rate",
    ],
    async snapshot() {
      const rows = await fx.db.select().from(deals).where(eq(deals.buyerOrgId, fx.b.organizationId));
      const dealIds = rows.map((r) => r.id);
      return {
        rows,
        stages: await fx.db.select().from(dealStages).where(inArray(dealStages.dealId, dealIds)),
        events: await fx.db.select().from(dealEvents).where(inArray(dealEvents.dealId, dealIds)),
        shipments: await fx.db.select().from(dealShipments).where(inArray(dealShipments.dealId, dealIds)),
        invoices: await fx.db.select().from(dealInvoices).where(inArray(dealInvoices.dealId, dealIds)),
        payments: await fx.db.select().from(dealPayments).where(inArray(dealPayments.dealId, dealIds)),
        ratings: await fx.db.select().from(dealRatings).where(inArray(dealRatings.dealId, dealIds)),
        record: await fx.db.select().from(deliveryRecords).where(eq(deliveryRecords.organizationId, fx.b.organizationId)),
      };
    },
  };
}

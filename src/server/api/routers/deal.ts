import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import {
  cancelDealInputSchema,
  invoiceInputSchema,
  paymentInputSchema,
  quantityDecisionInputSchema,
  ratingInputSchema,
  receiveShipmentInputSchema,
  shipmentInputSchema,
  stageActionInputSchema,
  stagePlanInputSchema,
} from "@/domain/schemas/deals";
import * as payments from "../../services/deal-payments";
import * as ratings from "../../services/deal-ratings";
import * as shipping from "../../services/deal-shipping";
import * as stages from "../../services/deal-stages";
import * as deals from "../../services/deals";
import { orgProcedure, router } from "../trpc";

const dealId = z.object({ dealId: uuidSchema });

/** docs/deals.md: every procedure acts for the active organisation, which decides the side. */
export const dealRouter = router({
  list: orgProcedure
    .input(z.object({ status: z.enum(["active", "closed", "cancelled"]).optional(), side: z.enum(["buyer", "supplier", "introduced"]).optional() }).optional())
    .query(({ ctx, input }) => deals.listDeals({ ctx, status: input?.status, side: input?.side })),
  get: orgProcedure.input(dealId).query(({ ctx, input }) => deals.getDeal({ ctx, dealId: input.dealId })),

  // Stages
  act: orgProcedure.input(stageActionInputSchema).mutation(({ ctx, input }) => stages.actOnStage({ ctx, input })),
  plan: orgProcedure.input(stagePlanInputSchema).mutation(({ ctx, input }) => stages.planStage({ ctx, input })),
  close: orgProcedure.input(dealId).mutation(({ ctx, input }) => stages.closeDeal({ ctx, dealId: input.dealId })),
  cancel: orgProcedure.input(cancelDealInputSchema).mutation(({ ctx, input }) => stages.cancelDeal({ ctx, input })),

  // Shipments and delivery
  ship: orgProcedure.input(shipmentInputSchema).mutation(({ ctx, input }) => shipping.addShipment({ ctx, input })),
  receive: orgProcedure.input(receiveShipmentInputSchema).mutation(({ ctx, input }) => shipping.receiveShipment({ ctx, input })),
  decideQuantity: orgProcedure.input(quantityDecisionInputSchema).mutation(({ ctx, input }) => shipping.decideQuantity({ ctx, input })),
  confirmDelivery: orgProcedure.input(dealId).mutation(({ ctx, input }) => shipping.confirmDelivery({ ctx, dealId: input.dealId })),

  // Money
  addInvoice: orgProcedure.input(invoiceInputSchema).mutation(({ ctx, input }) => payments.addInvoice({ ctx, input })),
  addPayment: orgProcedure.input(paymentInputSchema).mutation(({ ctx, input }) => payments.addPayment({ ctx, input })),
  confirmPayment: orgProcedure.input(z.object({ dealId: uuidSchema, paymentId: uuidSchema })).mutation(({ ctx, input }) => payments.confirmPayment({ ctx, input })),

  // After delivery
  rate: orgProcedure.input(ratingInputSchema).mutation(({ ctx, input }) => ratings.rateDeal({ ctx, input })),
});

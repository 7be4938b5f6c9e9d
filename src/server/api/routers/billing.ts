import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import { grantInputSchema, grantPlan, listSubscriptions, myBilling, revokePlan } from "../../services/billing";
import { checkoutInputSchema, listInvoices, openPortal, startCheckout } from "../../services/billing-checkout";
import { adminProcedure, orgProcedure, router } from "../trpc";

export const billingRouter = router({
  /** The active organisation's plan, entitlements and usage. */
  mine: orgProcedure.query(({ ctx }) => myBilling({ ctx })),
  /** Stripe (payments on): a Checkout session for a paid plan (owners, admins); its URL. */
  checkout: orgProcedure.input(checkoutInputSchema).mutation(({ ctx, input }) => startCheckout({ ctx, input })),
  /** Stripe customer portal for the organisation's customer (owners, admins); its URL. */
  portal: orgProcedure.mutation(({ ctx }) => openPortal({ ctx })),
  /** The organisation's Stripe invoices (any member); empty when payments are off. */
  invoices: orgProcedure.query(({ ctx }) => listInvoices({ ctx })),
  /** Platform admins: organisations with a plan, and granting or revoking one (payments off or not). */
  subscriptions: adminProcedure.query(({ ctx }) => listSubscriptions({ ctx })),
  grant: adminProcedure.input(grantInputSchema).mutation(({ ctx, input }) => grantPlan({ ctx, input })),
  revoke: adminProcedure
    .input(z.object({ organizationId: uuidSchema, note: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => revokePlan({ ctx, input })),
});

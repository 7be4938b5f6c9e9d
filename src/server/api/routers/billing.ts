import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import { grantInputSchema, grantPlan, listSubscriptions, myBilling, revokePlan } from "../../services/billing";
import { adminProcedure, orgProcedure, router } from "../trpc";

export const billingRouter = router({
  /** The active organisation's plan, entitlements and usage. */
  mine: orgProcedure.query(({ ctx }) => myBilling({ ctx })),
  /** Platform admins: organisations with a plan, and granting or revoking one (payments off or not). */
  subscriptions: adminProcedure.query(({ ctx }) => listSubscriptions({ ctx })),
  grant: adminProcedure.input(grantInputSchema).mutation(({ ctx, input }) => grantPlan({ ctx, input })),
  revoke: adminProcedure
    .input(z.object({ organizationId: uuidSchema, note: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => revokePlan({ ctx, input })),
});

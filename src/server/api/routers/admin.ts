import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import { queryAudit } from "../../services/audit";
import * as orgs from "../../services/organizations";
import { listOutbox } from "../../services/outbox";
import { getSetting, setSetting, settingSchemas } from "../../services/settings";
import { adminProcedure, router } from "../trpc";

export const adminRouter = router({
  outbox: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), before: z.date().optional() }).optional())
    .query(({ ctx, input }) => listOutbox(ctx.db, { limit: input?.limit ?? 50, before: input?.before })),
  pendingOrganizations: adminProcedure.query(({ ctx }) => orgs.listOrganizationsPendingVerification({ ctx })),
  verifyOrganization: adminProcedure
    .input(z.object({ organizationId: uuidSchema, decision: z.enum(["verified", "rejected"]), note: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => orgs.setVerification({ ctx, input })),
  audit: adminProcedure
    .input(z.object({ organizationId: uuidSchema.optional(), before: z.number().int().optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => queryAudit(ctx.db, input)),
  rateLimit: adminProcedure.query(({ ctx }) => getSetting(ctx.db, "auth.rateLimit")),
  setRateLimit: adminProcedure
    .input(settingSchemas["auth.rateLimit"].partial())
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => setSetting(tx, "auth.rateLimit", input))),
});

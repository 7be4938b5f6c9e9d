import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import { consentIdSchema, managedSearchSchema, managementGrantSchema, managementRequestSchema } from "@/domain/schemas/managed";
import * as managed from "../../services/managed-profiles";
import { orgProcedure, publicProcedure, router } from "../trpc";

/**
 * Managed profiles (代管, docs/managed-profiles.md). The writes on a firm's behalf are the profile
 * and listing procedures with `organizationId`; here are the consents and the centre's reads.
 */
export const managedRouter = router({
  // The service centre
  request: orgProcedure.input(managementRequestSchema).mutation(({ ctx, input }) => managed.requestManagement({ ctx, input })),
  end: orgProcedure.input(consentIdSchema).mutation(({ ctx, input }) => managed.endManagement({ ctx, input })),
  firms: orgProcedure.query(({ ctx }) => managed.listManagedFirms({ ctx })),
  firm: orgProcedure.input(z.object({ organizationId: uuidSchema })).query(({ ctx, input }) => managed.getManagedFirm({ ctx, input })),
  listing: orgProcedure.input(z.object({ organizationId: uuidSchema, id: uuidSchema })).query(({ ctx, input }) => managed.getManagedListing({ ctx, input })),

  // The firm
  accept: orgProcedure.input(consentIdSchema).mutation(({ ctx, input }) => managed.acceptManagement({ ctx, input })),
  decline: orgProcedure.input(consentIdSchema).mutation(({ ctx, input }) => managed.declineManagement({ ctx, input })),
  grant: orgProcedure.input(managementGrantSchema).mutation(({ ctx, input }) => managed.grantManagement({ ctx, input })),
  revoke: orgProcedure.input(consentIdSchema).mutation(({ ctx, input }) => managed.revokeManagement({ ctx, input })),
  consents: orgProcedure.query(({ ctx }) => managed.listMyConsents({ ctx })),

  // Either: name search for the pickers; public: who manages an organisation (its page).
  search: orgProcedure
    .input(managedSearchSchema.extend({ kind: z.enum(["firm", "centre"]) }))
    .query(({ ctx, input }) => managed.searchOrganizations({ ctx, input })),
  managers: publicProcedure.input(z.object({ organizationId: uuidSchema })).query(({ ctx, input }) => managed.managersOf({ ctx, organizationId: input.organizationId })),
});

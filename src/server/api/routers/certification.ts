import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import { certificationInputSchema } from "@/domain/schemas/market";
import * as certs from "../../services/certifications";
import { adminProcedure, orgProcedure, publicProcedure, router } from "../trpc";

export const certificationRouter = router({
  byOrganization: publicProcedure.input(z.object({ organizationId: uuidSchema })).query(({ ctx, input }) => certs.listOrganizationCertifications({ ctx, organizationId: input.organizationId })),

  mine: orgProcedure.query(({ ctx }) => certs.listMyCertifications({ ctx })),
  create: orgProcedure.input(certificationInputSchema).mutation(({ ctx, input }) => certs.createCertification({ ctx, input })),
  update: orgProcedure.input(z.object({ id: uuidSchema, values: certificationInputSchema })).mutation(({ ctx, input }) => certs.updateCertification({ ctx, input })),
  remove: orgProcedure.input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => certs.deleteCertification({ ctx, id: input.id })),

  pending: adminProcedure.query(({ ctx }) => certs.listPendingCertifications({ ctx })),
  verify: adminProcedure
    .input(z.object({ id: uuidSchema, decision: z.enum(["verified", "rejected"]), note: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => certs.verifyCertification({ ctx, input })),
});

import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import { claimDecisionSchema, claimSubmitSchema, reviewDecisionSchema, uploadedFileSchema } from "@/domain/schemas/onboarding";
import { previewOshImport, runOshImport } from "../../services/onboarding";
import { claimStatus, decideClaim, listPendingClaims, submitClaim } from "../../services/onboarding-claims";
import { decideReviewItem, listReviewItems, pendingReviewCount } from "../../services/onboarding-review";
import { adminProcedure, authedProcedure, publicProcedure, router } from "../trpc";

export const onboardingRouter = router({
  // Facility lists (formats §2): service centres and platform admins.
  previewOsh: authedProcedure.input(uploadedFileSchema.pick({ contentBase64: true })).mutation(({ ctx, input }) => previewOshImport({ ctx, input })),
  importOsh: authedProcedure.input(uploadedFileSchema).mutation(({ ctx, input }) => runOshImport({ ctx, input })),
  reviewItems: authedProcedure.input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).optional()).query(({ ctx, input }) => listReviewItems({ ctx, input: input ?? {} })),
  reviewCount: authedProcedure.query(({ ctx }) => pendingReviewCount({ ctx })),
  decideReview: authedProcedure.input(reviewDecisionSchema).mutation(({ ctx, input }) => decideReviewItem({ ctx, input })),

  // Claiming (认领)
  claimStatus: publicProcedure.input(z.object({ organizationId: uuidSchema })).query(({ ctx, input }) => claimStatus({ ctx, organizationId: input.organizationId })),
  submitClaim: authedProcedure.input(claimSubmitSchema).mutation(({ ctx, input }) => submitClaim({ ctx, input })),
  pendingClaims: adminProcedure.query(({ ctx }) => listPendingClaims({ ctx })),
  decideClaim: adminProcedure.input(claimDecisionSchema).mutation(({ ctx, input }) => decideClaim({ ctx, input })),
});

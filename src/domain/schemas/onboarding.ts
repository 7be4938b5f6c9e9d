import { z } from "zod";
import { msg, optional, usccSchema, uuidSchema } from "./common";

/** Onboarding inputs (issue 6): a facility list upload, a review decision, a claim and its decision. */

// 50 MB of file as base64 (4/3) plus a little slack; the service refuses larger files with a message.
export const uploadedFileSchema = z.object({ fileName: z.string().max(255).optional(), contentBase64: z.string().min(1).max(70_000_000) });

export const reviewDecisions = ["merge", "keepApart"] as const;
export const reviewDecisionSchema = z.object({
  itemId: uuidSchema,
  decision: z.enum(reviewDecisions),
  /** Merge into this candidate (default: the best one). */
  organizationId: uuidSchema.optional(),
});
export type ReviewDecisionInput = z.output<typeof reviewDecisionSchema>;

export const claimSubmitSchema = z.object({
  organizationId: uuidSchema,
  /** An uploaded image of the business licence (purpose business_license). */
  fileId: uuidSchema,
  uscc: z.string().trim().min(1, msg("required")).pipe(usccSchema),
});
export type ClaimSubmitInput = z.output<typeof claimSubmitSchema>;

export const claimDecisionSchema = z
  .object({
    claimId: uuidSchema,
    decision: z.enum(["approved", "rejected"]),
    note: optional(z.string().trim().max(500, msg("tooLong"))),
  })
  .superRefine((d, ctx) => {
    // The claimant reads why: a rejection says it.
    if (d.decision === "rejected" && !d.note) ctx.addIssue({ code: "custom", path: ["note"], ...msg("required") });
  });
export type ClaimDecisionInput = z.output<typeof claimDecisionSchema>;

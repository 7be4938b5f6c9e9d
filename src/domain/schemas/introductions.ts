import { z } from "zod";
import { msg, optional, uuidSchema } from "./common";

/**
 * A service centre introduces (引荐) a supplier to a buyer's demand, with a note for both
 * (issue 6): the introduction is an inquiry with source `introduced` (docs/deals.md).
 */
export const introductionInputSchema = z.object({
  demandId: uuidSchema,
  supplierOrgId: uuidSchema,
  listingId: optional(uuidSchema),
  note: z.string().trim().min(1, msg("required")).max(1000, msg("tooLong")),
});
export type IntroductionInput = z.input<typeof introductionInputSchema>;

import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import * as shortlists from "../../services/shortlists";
import { orgProcedure, router } from "../trpc";

export const matchRouter = router({
  /** The ranked, explained shortlist of one of the active organisation's demands. */
  forDemand: orgProcedure
    .input(z.object({ demandId: uuidSchema, top: z.number().int().min(1).max(100).optional() }))
    .query(({ ctx, input }) => shortlists.shortlistForDemand({ ctx, demandId: input.demandId, top: input.top })),
  /** Open public demands that the active organisation's published listings can serve. */
  forMyListings: orgProcedure
    .input(z.object({ top: z.number().int().min(1).max(200).optional() }).optional())
    .query(({ ctx, input }) => shortlists.demandsForMyListings({ ctx, top: input?.top })),
  /** Saves or unsaves a supplier's listing on one of the active organisation's demands. */
  setSaved: orgProcedure
    .input(z.object({ demandId: uuidSchema, listingId: uuidSchema, saved: z.boolean() }))
    .mutation(({ ctx, input }) => shortlists.setSavedListing({ ctx, ...input })),
});

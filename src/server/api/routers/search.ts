import "server-only";
import { z } from "zod";
import { searchInputSchema } from "@/domain/schemas/search";
import * as search from "../../services/search";
import { publicProcedure, router } from "../trpc";

export const searchRouter = router({
  /**
   * The instant search page: published listings or open public demands, with facet counts and
   * highlights. Signed-in members get distances from their active organisation.
   */
  query: publicProcedure
    .input(searchInputSchema.extend({ locale: z.enum(["zh-CN", "en"]).optional() }))
    .query(({ ctx, input: { locale, ...input } }) => search.instantSearch({ ctx, input, locale })),
});

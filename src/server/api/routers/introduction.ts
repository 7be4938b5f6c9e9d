import "server-only";
import { introductionInputSchema } from "@/domain/schemas/introductions";
import * as introductions from "../../services/introductions";
import { orgProcedure, router } from "../trpc";

/** Issue 6: a service centre introduces a supplier to a demand; its introductions with their outcome. */
export const introductionRouter = router({
  create: orgProcedure.input(introductionInputSchema).mutation(({ ctx, input }) => introductions.createIntroduction({ ctx, ...input })),
  listMine: orgProcedure.query(({ ctx }) => introductions.listMyIntroductions({ ctx })),
});

import "server-only";
import { z } from "zod";
import { savedSearchCreateSchema, savedSearchNameSchema } from "@/domain/notifications";
import { uuidSchema } from "@/domain/schemas/common";
import * as saved from "../../services/saved-searches";
import { authedProcedure, router } from "../trpc";

/** The signed-in user's saved searches (personal: only the owner sees or changes them). */
export const savedSearchRouter = router({
  list: authedProcedure.query(({ ctx }) => saved.listSavedSearches({ ctx })),
  create: authedProcedure.input(savedSearchCreateSchema).mutation(({ ctx, input }) => saved.createSavedSearch({ ctx, input })),
  rename: authedProcedure.input(z.object({ id: uuidSchema, name: savedSearchNameSchema })).mutation(({ ctx, input }) => saved.renameSavedSearch({ ctx, id: input.id, name: input.name })),
  setAlert: authedProcedure.input(z.object({ id: uuidSchema, alert: z.boolean() })).mutation(({ ctx, input }) => saved.setSavedSearchAlert({ ctx, id: input.id, alert: input.alert })),
  delete: authedProcedure.input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => saved.deleteSavedSearch({ ctx, id: input.id })),
});

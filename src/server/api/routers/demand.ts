import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import { demandInputSchema } from "@/domain/schemas/market";
import * as demands from "../../services/demands";
import { orgProcedure, publicProcedure, router } from "../trpc";

const boardFilters = z.object({
  chainLink: z.string().max(60).optional(),
  process: z.string().max(80).optional(),
  city: z.string().regex(/^\d{6}$/).optional(),
  certification: z.string().max(60).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const demandRouter = router({
  // Public
  byId: publicProcedure.input(z.object({ id: uuidSchema })).query(({ ctx, input }) => demands.getDemand({ ctx, id: input.id })),
  board: publicProcedure.input(boardFilters.optional()).query(({ ctx, input }) => demands.listDemandBoard({ ctx, filters: boardFilters.parse(input ?? {}) })),

  // Active organisation
  mine: orgProcedure
    .input(z.object({ status: z.enum(["open", "closed", "awarded", "expired"]).optional() }).optional())
    .query(({ ctx, input }) => demands.listMyDemands({ ctx, status: input?.status })),
  create: orgProcedure.input(demandInputSchema).mutation(({ ctx, input }) => demands.createDemand({ ctx, input })),
  update: orgProcedure
    .input(z.object({ id: uuidSchema, version: z.number().int().positive().optional(), demand: demandInputSchema }))
    .mutation(({ ctx, input }) => demands.updateDemand({ ctx, id: input.id, version: input.version, input: input.demand })),
  close: orgProcedure.input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => demands.setDemandStatus({ ctx, id: input.id, status: "closed" })),
});

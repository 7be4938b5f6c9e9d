import "server-only";
import { z } from "zod";
import { msg, uuidSchema } from "@/domain/schemas/common";
import { onBehalfSchema } from "@/domain/schemas/managed";
import { listingInputSchema, listingKinds, listingStatuses } from "@/domain/schemas/market";
import { certificationIds, chainLinkIds, processIds, shandongCityAdcodes } from "@/domain/taxonomy";
import * as listings from "../../services/listings";
import * as moderation from "../../services/moderation";
import { adminProcedure, authedProcedure, orgProcedure, publicProcedure, router } from "../trpc";

const browseInput = z.object({
  chainLink: z.enum(chainLinkIds).optional(),
  process: z.enum(processIds).optional(),
  cityAdcode: z.enum(shandongCityAdcodes).optional(),
  certification: z.enum(certificationIds).optional(),
  kind: z.enum(listingKinds).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

// `organizationId`: a service centre acting for a firm it manages (代管); the active organisation by default.
const transition = z.object({ id: uuidSchema, expectedVersion: z.number().int().optional() }).extend(onBehalfSchema.shape);

export const listingRouter = router({
  // Public
  byId: publicProcedure.input(z.object({ id: uuidSchema })).query(({ ctx, input }) => listings.getListing({ ctx, id: input.id })),
  browse: publicProcedure.input(browseInput).query(({ ctx, input }) => listings.browseListings({ ctx, input })),
  byOrganization: publicProcedure
    .input(z.object({ organizationId: uuidSchema, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => listings.browseListings({ ctx, input })),
  board: publicProcedure
    .input(browseInput.pick({ chainLink: true, process: true, cityAdcode: true, certification: true }).extend({ months: z.number().int().min(1).max(12).default(6) }))
    .query(({ ctx, input }) => listings.capacityBoard({ ctx, input })),

  // Active organisation
  mine: orgProcedure.input(z.object({ status: z.enum(listingStatuses).optional() }).optional()).query(({ ctx, input }) => listings.listMyListings({ ctx, input: input ?? {} })),
  create: orgProcedure
    .input(z.object({ values: listingInputSchema, publish: z.boolean().default(false) }).extend(onBehalfSchema.shape))
    .mutation(({ ctx, input }) => listings.createListing({ ctx, input: input.values, publish: input.publish, organizationId: input.organizationId })),
  update: orgProcedure
    .input(z.object({ id: uuidSchema, expectedVersion: z.number().int().optional(), values: listingInputSchema }).extend(onBehalfSchema.shape))
    .mutation(({ ctx, input }) => listings.updateListing({ ctx, input })),
  publish: orgProcedure.input(transition).mutation(({ ctx, input }) => listings.changeListingStatus({ ctx, input: { ...input, action: "publish" } })),
  pause: orgProcedure.input(transition).mutation(({ ctx, input }) => listings.changeListingStatus({ ctx, input: { ...input, action: "pause" } })),
  archive: orgProcedure.input(transition).mutation(({ ctx, input }) => listings.changeListingStatus({ ctx, input: { ...input, action: "archive" } })),

  // Moderation
  report: authedProcedure
    .input(z.object({ listingId: uuidSchema, reason: z.string().trim().min(4, msg("reasonTooShort")).max(1000, msg("tooLong")) }))
    .mutation(({ ctx, input }) => moderation.reportListing({ ctx, input })),
  reports: adminProcedure.query(({ ctx }) => moderation.listOpenReports({ ctx })),
  resolveReport: adminProcedure
    .input(z.object({ reportId: uuidSchema, action: z.enum(["dismiss", "pause"]) }))
    .mutation(({ ctx, input }) => moderation.resolveReport({ ctx, input })),
});

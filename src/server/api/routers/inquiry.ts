import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/domain/schemas/common";
import {
  awardInputSchema,
  declineInputSchema,
  inviteInputSchema,
  messageInputSchema,
  quoteOnInquirySchema,
  respondInputSchema,
  withdrawInputSchema,
} from "@/domain/schemas/deals";
import * as inquiries from "../../services/inquiries";
import { awardQuote } from "../../services/inquiry-award";
import { compareForDemand } from "../../services/inquiry-compare";
import * as messages from "../../services/inquiry-messages";
import * as quotes from "../../services/inquiry-quotes";
import { orgProcedure, router } from "../trpc";

const inquiryStatuses = ["invited", "quoted", "countered", "declined", "withdrawn", "awarded", "lost"] as const;
const byInquiry = z.object({ inquiryId: uuidSchema });

/** docs/deals.md — inquiries, quotes, the award and the message thread; the side comes from the active organisation. */
export const inquiryRouter = router({
  // Buyer
  invite: orgProcedure.input(inviteInputSchema).mutation(({ ctx, input }) => inquiries.inviteSuppliers({ ctx, ...input })),
  counter: orgProcedure.input(quoteOnInquirySchema).mutation(({ ctx, input }) => quotes.counterQuote({ ctx, ...input })),
  award: orgProcedure.input(awardInputSchema).mutation(({ ctx, input }) => awardQuote({ ctx, ...input })),
  forDemand: orgProcedure.input(z.object({ demandId: uuidSchema })).query(({ ctx, input }) => compareForDemand({ ctx, demandId: input.demandId })),

  // Supplier
  respond: orgProcedure.input(respondInputSchema).mutation(({ ctx, input }) => inquiries.respondToDemand({ ctx, ...input })),
  quote: orgProcedure.input(quoteOnInquirySchema).mutation(({ ctx, input }) => quotes.submitQuote({ ctx, ...input })),
  withdraw: orgProcedure.input(withdrawInputSchema).mutation(({ ctx, input }) => quotes.withdrawQuote({ ctx, ...input })),
  decline: orgProcedure.input(declineInputSchema).mutation(({ ctx, input }) => quotes.declineInquiry({ ctx, ...input })),

  // Either side
  get: orgProcedure.input(byInquiry).query(({ ctx, input }) => inquiries.getInquiry({ ctx, inquiryId: input.inquiryId })),
  listMine: orgProcedure
    .input(z.object({ side: z.enum(["buyer", "supplier"]), status: z.enum(inquiryStatuses).optional(), demandId: uuidSchema.optional() }))
    .query(({ ctx, input }) => inquiries.listMyInquiries({ ctx, ...input })),
  messages: orgProcedure
    .input(z.object({ inquiryId: uuidSchema, before: uuidSchema.optional() }))
    .query(({ ctx, input }) => messages.listMessages({ ctx, ...input })),
  sendMessage: orgProcedure.input(messageInputSchema).mutation(({ ctx, input }) => messages.sendMessage({ ctx, ...input })),
  markRead: orgProcedure.input(byInquiry).mutation(({ ctx, input }) => messages.markThreadRead({ ctx, inquiryId: input.inquiryId })),
});

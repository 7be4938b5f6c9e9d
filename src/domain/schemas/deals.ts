import { z } from "zod";
import { uuidSchema } from "./common";
import { invoiceTypes, isoDate, paymentTermsKinds, positive, quantityUnitText } from "./market";
import { msg, optional } from "./common";
import { DEAL_STAGES, STAGE_ACTIONS } from "../deals/stages";

/**
 * Inputs of the deal flow (docs/deals.md), shared by the forms and the tRPC procedures. Money is
 * typed in yuan (up to two decimals) and stored in fen by the services (`yuanToFen`).
 */

const yuan = (max: number) =>
  z.coerce
    .number(msg("number"))
    .min(0, msg("nonNegative"))
    .max(max, msg("tooLarge"))
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, msg("moneyDecimals"));

const text = (max: number) => optional(z.string().trim().max(max, msg("tooLong")));

/** A number the form must fill in: a blank field is "required", not coerced to 0 (z.coerce.number("") is 0). */
const filled = (schema: z.ZodType<number, unknown>) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .any()
      .refine((v) => v !== undefined && v !== null, msg("required"))
      .pipe(schema),
  );
const attachments = z.array(z.uuid()).max(10, msg("tooManyFiles")).default([]);

/** A quote, a revision or a buyer's counter-offer: the same fields on both sides. */
export const quoteInputSchema = z
  .object({
    unitPrice: filled(yuan(1e9)),
    /** The unit the price is per (米, 公斤, 件 …; units.ts quantity units). */
    priceUnit: quantityUnitText,
    taxIncluded: z.boolean().default(true),
    invoiceType: z.enum(invoiceTypes).default("vat_special"),
    quantityValue: filled(positive(1e10)),
    quantityUnit: quantityUnitText,
    leadTimeDays: filled(z.coerce.number(msg("number")).int(msg("integer")).min(0, msg("nonNegative")).max(730, msg("tooLarge"))),
    validUntil: isoDate,
    paymentTerms: z.enum(paymentTermsKinds),
    paymentDays: optional(z.coerce.number(msg("number")).int(msg("integer")).min(0, msg("nonNegative")).max(365, msg("tooLarge"))),
    sampleCost: optional(yuan(1e7)),
    notes: text(2000),
    attachmentFileIds: attachments,
  })
  .superRefine((q, ctx) => {
    if (q.paymentTerms !== "prepay" && q.paymentDays === undefined) ctx.addIssue({ code: "custom", path: ["paymentDays"], ...msg("paymentDays") });
  });
export type QuoteInput = z.input<typeof quoteInputSchema>;
export type QuoteValues = z.output<typeof quoteInputSchema>;

/** Yuan as typed → integer fen. */
export const yuanToFen = (v: number) => Math.round(v * 100);

export const inviteInputSchema = z.object({
  demandId: uuidSchema,
  listingIds: z.array(uuidSchema).min(1, msg("required")).max(20, msg("tooMany")),
  note: text(1000),
});

export const respondInputSchema = z.object({ demandId: uuidSchema, listingId: optional(uuidSchema), quote: quoteInputSchema });
export const quoteOnInquirySchema = z.object({ inquiryId: uuidSchema, quote: quoteInputSchema });
export const declineInputSchema = z.object({ inquiryId: uuidSchema, reason: text(500) });
export const withdrawInputSchema = z.object({ inquiryId: uuidSchema, quoteId: uuidSchema });
export const awardInputSchema = z.object({ inquiryId: uuidSchema, quoteId: uuidSchema });

export const messageInputSchema = z.object({
  inquiryId: uuidSchema,
  body: z.string().trim().min(1, msg("required")).max(4000, msg("tooLong")),
  attachmentFileIds: attachments,
});

export const stageActionInputSchema = z.object({
  dealId: uuidSchema,
  stage: z.enum(DEAL_STAGES),
  action: z.enum(STAGE_ACTIONS),
  comment: text(1000),
  /** The day it happened (defaults to today in China). */
  actualDate: optional(isoDate),
});
export type StageActionInput = z.input<typeof stageActionInputSchema>;

export const stagePlanInputSchema = z.object({ dealId: uuidSchema, stage: z.enum(DEAL_STAGES), plannedDate: isoDate });

export const shipmentInputSchema = z.object({
  dealId: uuidSchema,
  quantity: positive(1e10),
  shippedOn: isoDate,
  carrier: text(100),
  trackingNo: text(100),
});
export const receiveShipmentInputSchema = z.object({ dealId: uuidSchema, shipmentId: uuidSchema, receivedOn: isoDate });
export const quantityDecisionInputSchema = z.object({ dealId: uuidSchema, decision: z.enum(["accepted", "rejected"]), comment: text(1000) });
export const cancelDealInputSchema = z.object({ dealId: uuidSchema, reason: z.string().trim().min(2, msg("required")).max(1000, msg("tooLong")) });

export const invoiceInputSchema = z.object({
  dealId: uuidSchema,
  number: z.string().trim().min(1, msg("required")).max(60, msg("tooLong")),
  invoiceType: z.enum(["vat_special", "vat_ordinary"]),
  amount: yuan(1e11).refine((v) => v > 0, msg("positive")),
  issuedOn: isoDate,
  dueOn: optional(isoDate),
});
export const paymentInputSchema = z.object({
  dealId: uuidSchema,
  amount: yuan(1e11).refine((v) => v > 0, msg("positive")),
  paidOn: isoDate,
  method: z.enum(["bank_transfer", "acceptance_bill", "other"]),
  reference: text(100),
});

const stars = z.coerce.number(msg("number")).int(msg("integer")).min(1, msg("rating")).max(5, msg("rating"));
export const ratingInputSchema = z.object({ dealId: uuidSchema, onTime: stars, quality: stars, communication: stars, comment: text(1000) });

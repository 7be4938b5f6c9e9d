import { z } from "zod";
import { PAID_PLAN_IDS, TRANSFER_MONTHS } from "../billing/plans";
import { checkUscc, normalizeUscc } from "../uscc";
import { emailSchema, msg, optional, uuidSchema } from "./common";

/**
 * Bank transfer (对公转账) and 发票 requests (issue 7, docs/billing.md "Bank transfer and 发票"): the
 * same schemas validate the /billing forms, the admin page and the services.
 */

/** 增值税专用发票 (special) / 普通发票 (normal); the same values as the `vat_invoice_requests.invoice_type` column. */
export const VAT_INVOICE_TYPES = ["special", "normal"] as const;
export type VatInvoiceType = (typeof VAT_INVOICE_TYPES)[number];

export const transferOrderInputSchema = z.object({
  plan: z.enum(PAID_PLAN_IDS, msg("invalid")),
  months: z.literal(TRANSFER_MONTHS, msg("invalid")),
  payerName: optional(z.string().trim().max(100, msg("tooLong"))),
});
export type TransferOrderInput = z.input<typeof transferOrderInputSchema>;

export const transferIdSchema = z.object({ id: uuidSchema });

export const TRANSFER_LIST_STATUSES = ["awaiting_payment", "confirmed", "cancelled"] as const;
export const transferListInputSchema = z.object({ status: z.enum(TRANSFER_LIST_STATUSES).default("awaiting_payment") });

export const confirmTransferInputSchema = z.object({
  id: uuidSchema,
  /** The day the money arrived per the bank statement (China time), for the record; today when absent. */
  receivedOn: optional(z.iso.date(msg("date"))),
});

export const cancelTransferInputSchema = z.object({ id: uuidSchema, reason: optional(z.string().trim().max(500, msg("tooLong"))) });
export const adminCancelTransferInputSchema = z.object({ id: uuidSchema, reason: z.string().trim().min(4, msg("reasonTooShort")).max(500, msg("tooLong")) });

/**
 * 纳税人识别号: the 18-character 统一社会信用代码 (checked with its check character, src/domain/uscc.ts),
 * or an older 15- or 20-character taxpayer number (digits and capital letters). Full-width
 * characters, spaces and hyphens are tolerated and normalised away.
 */
export const taxNumberSchema = z.string().transform((value, ctx) => {
  const v = normalizeUscc(value);
  if (v.length === 18) {
    const r = checkUscc(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: "custom", message: r.reason === "length" ? "validation.taxNumber" : `validation.uscc.${r.reason}` });
    return z.NEVER;
  }
  if ((v.length === 15 || v.length === 20) && /^[0-9A-Z]+$/.test(v)) return v;
  ctx.addIssue({ code: "custom", message: v.length === 0 ? "validation.required" : "validation.taxNumber" });
  return z.NEVER;
});

export const vatInvoiceRequestInputSchema = z
  .object({
    orderId: uuidSchema,
    invoiceType: z.enum(VAT_INVOICE_TYPES, msg("invalid")),
    title: z.string().trim().min(2, msg("nameTooShort")).max(100, msg("tooLong")),
    taxNumber: taxNumberSchema,
    /** 专票: 地址、电话 as they must be printed. */
    addressPhone: optional(z.string().trim().max(200, msg("tooLong"))),
    /** 专票: 开户行及账号. */
    bankAccount: optional(z.string().trim().max(200, msg("tooLong"))),
    email: emailSchema,
  })
  .superRefine((v, ctx) => {
    if (v.invoiceType !== "special") return;
    if (!v.addressPhone) ctx.addIssue({ code: "custom", path: ["addressPhone"], message: "validation.required" });
    if (!v.bankAccount) ctx.addIssue({ code: "custom", path: ["bankAccount"], message: "validation.required" });
  })
  // 普票 prints neither: whatever a form left behind is not stored.
  .transform((v) => (v.invoiceType === "special" ? v : { ...v, addressPhone: undefined, bankAccount: undefined }));
export type VatInvoiceRequestInput = z.input<typeof vatInvoiceRequestInputSchema>;

export const VAT_LIST_STATUSES = ["requested", "issued", "rejected"] as const;
export const vatInvoiceListInputSchema = z.object({ status: z.enum(VAT_LIST_STATUSES).default("requested") });
export const issueVatInvoiceInputSchema = z.object({ id: uuidSchema, invoiceNumber: z.string().trim().min(1, msg("required")).max(40, msg("tooLong")) });
export const rejectVatInvoiceInputSchema = z.object({ id: uuidSchema, reason: z.string().trim().min(4, msg("reasonTooShort")).max(500, msg("tooLong")) });

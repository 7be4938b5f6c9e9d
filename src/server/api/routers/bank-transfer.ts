import "server-only";
import {
  adminCancelTransferInputSchema,
  cancelTransferInputSchema,
  confirmTransferInputSchema,
  issueVatInvoiceInputSchema,
  rejectVatInvoiceInputSchema,
  transferListInputSchema,
  transferOrderInputSchema,
  vatInvoiceListInputSchema,
  vatInvoiceRequestInputSchema,
} from "@/domain/schemas/billing-transfer";
import { cancelTransfer, myTransfers, orderTransfer, requestVatInvoice } from "../../services/bank-transfer";
import { adminCancelTransfer, confirmTransfer, issueVatInvoice, listTransfers, listVatInvoices, rejectVatInvoice } from "../../services/bank-transfer-admin";
import { adminProcedure, orgProcedure, router } from "../trpc";

/** Bank transfer (对公转账) and 发票 requests (docs/billing.md): the firm's procedures, then the platform admin's. */
export const bankTransferRouter = router({
  mine: orgProcedure.query(({ ctx }) => myTransfers({ ctx })),
  order: orgProcedure.input(transferOrderInputSchema).mutation(({ ctx, input }) => orderTransfer({ ctx, input })),
  cancel: orgProcedure.input(cancelTransferInputSchema).mutation(({ ctx, input }) => cancelTransfer({ ctx, input })),
  requestInvoice: orgProcedure.input(vatInvoiceRequestInputSchema).mutation(({ ctx, input }) => requestVatInvoice({ ctx, input })),

  list: adminProcedure.input(transferListInputSchema).query(({ ctx, input }) => listTransfers({ ctx, input })),
  confirm: adminProcedure.input(confirmTransferInputSchema).mutation(({ ctx, input }) => confirmTransfer({ ctx, input })),
  adminCancel: adminProcedure.input(adminCancelTransferInputSchema).mutation(({ ctx, input }) => adminCancelTransfer({ ctx, input })),
  invoices: adminProcedure.input(vatInvoiceListInputSchema).query(({ ctx, input }) => listVatInvoices({ ctx, input })),
  issueInvoice: adminProcedure.input(issueVatInvoiceInputSchema).mutation(({ ctx, input }) => issueVatInvoice({ ctx, input })),
  rejectInvoice: adminProcedure.input(rejectVatInvoiceInputSchema).mutation(({ ctx, input }) => rejectVatInvoice({ ctx, input })),
});

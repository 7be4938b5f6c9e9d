import "server-only";
import { z } from "zod";
import { localeSchema, uuidSchema } from "@/domain/schemas/common";
import { requestOtpSchema, signUpSchema } from "@/domain/schemas/account";
import * as accounts from "../../services/accounts";
import { requestOtp } from "../../services/otp";
import * as privacy from "../../services/privacy";
import { authedProcedure, publicProcedure, router } from "../trpc";

export const accountRouter = router({
  /** The signed-in user, their organisations and the active one (null when signed out). */
  me: publicProcedure.query(({ ctx }) => ctx.session),
  signUp: publicProcedure.input(signUpSchema).mutation(({ ctx, input }) => accounts.signUp({ db: ctx.db, input, at: ctx.now })),
  requestOtp: publicProcedure.input(requestOtpSchema).mutation(({ ctx, input }) => requestOtp(ctx.db, input, ctx.now ?? new Date())),
  switchOrganization: authedProcedure
    .input(z.object({ organizationId: uuidSchema }))
    .mutation(({ ctx, input }) => accounts.switchActiveOrganization({ ctx, organizationId: input.organizationId })),
  setLocale: authedProcedure.input(z.object({ locale: localeSchema })).mutation(({ ctx, input }) => accounts.setLocale({ ctx, locale: input.locale })),
  exportData: authedProcedure.query(({ ctx }) => privacy.exportMyData({ ctx })),
  deleteAccount: authedProcedure
    .input(z.object({ confirm: z.literal(true, { message: "validation.confirmRequired" }) }))
    .mutation(({ ctx }) => privacy.deleteMyAccount({ ctx })),
});

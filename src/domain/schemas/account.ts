import { z } from "zod";
import { emailSchema, localeSchema, msg, optional, otpCodeSchema, passwordSchema, phoneSchema } from "./common";
import { organizationProfileSchema } from "./organization";

const consent = z.literal(true, msg("consentRequired"));
const displayName = z.string().trim().min(1, msg("required")).max(60, msg("tooLong"));

/** Sign-up either creates an organisation or joins one through an invitation link. */
const orgChoice = {
  organization: organizationProfileSchema.optional(),
  invitationToken: z.string().min(16).max(100).optional(),
};

export const emailSignUpSchema = z
  .object({
    method: z.literal("email"),
    name: displayName,
    email: emailSchema,
    password: passwordSchema,
    locale: localeSchema.default("zh-CN"),
    acceptPrivacy: consent,
    ...orgChoice,
  });

export const phoneSignUpSchema = z
  .object({
    method: z.literal("phone"),
    name: displayName,
    phone: phoneSchema,
    code: otpCodeSchema,
    email: optional(emailSchema),
    locale: localeSchema.default("zh-CN"),
    acceptPrivacy: consent,
    ...orgChoice,
  });

export const signUpSchema = z.discriminatedUnion("method", [emailSignUpSchema, phoneSignUpSchema]).superRefine((v, ctx) => {
  if (!v.organization === !v.invitationToken)
    ctx.addIssue({ code: "custom", path: ["organization"], message: "validation.organizationOrInvitation" });
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const emailSignInSchema = z.object({ email: emailSchema, password: z.string().min(1, msg("required")) });
export const phoneSignInSchema = z.object({ phone: phoneSchema, code: otpCodeSchema });
export const requestOtpSchema = z.object({ phone: phoneSchema, purpose: z.enum(["signin", "signup"]) });

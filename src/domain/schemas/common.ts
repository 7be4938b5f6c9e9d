import { z } from "zod";
import { checkUscc } from "../uscc";

/**
 * Validation messages are i18n keys under `validation.*` in src/i18n/messages; the form and the
 * server translate the same key, so a refusal reads the same wherever it is caught.
 */
export const msg = (key: string) => ({ message: `validation.${key}` });

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email(msg("email")).max(254, msg("tooLong")));

/** Mainland mobile numbers, with or without +86 / 86 / spaces / dashes; normalised to E.164. */
export const phoneSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, ""))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, msg("phone")))
  .transform((s) => `+86${s}`);

export const passwordSchema = z.string().min(8, msg("passwordTooShort")).max(128, msg("tooLong"));

export const otpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, msg("otpFormat"));

export const usccSchema = z.string().transform((value, ctx) => {
  const result = checkUscc(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: "custom", message: `validation.uscc.${result.reason}` });
  return z.NEVER;
});

export const localeSchema = z.enum(["zh-CN", "en"]);
export type Locale = z.infer<typeof localeSchema>;

export const uuidSchema = z.uuid(msg("invalid"));

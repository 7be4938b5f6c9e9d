import { z } from "zod";
import { msg } from "../schemas/common";
import { shandongCityAdcodes } from "../taxonomy";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, msg("invalid"));

/** The analytics pages' filters: a period of China months (at most 36) and, for admins, a city. */
export const analyticsInputSchema = z
  .object({ from: month.optional(), to: month.optional(), city: z.enum(shandongCityAdcodes).optional() })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { ...msg("invalid"), path: ["from"] });
export type AnalyticsInput = z.input<typeof analyticsInputSchema>;

export const ANALYTICS_TABLES = ["monthly", "sourcing", "supply", "cities"] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

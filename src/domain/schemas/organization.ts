import { z } from "zod";
import { getCounty, getCity, getProvince, SHANDONG_ADCODE, smeLevelIds } from "../taxonomy";
import { msg, optional, usccSchema } from "./common";

export const orgTypes = ["anchor", "sme", "service_center"] as const;
export const orgTypeSchema = z.enum(orgTypes, msg("orgType"));
export type OrgType = z.infer<typeof orgTypeSchema>;

export const memberRoles = ["owner", "admin", "member"] as const;
export const memberRoleSchema = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRoleSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("date"));

/** Everything a firm says about itself; the same schema validates the form, the API and imports. */
export const organizationProfileSchema = z
  .object({
    type: orgTypeSchema,
    nameZh: z.string().trim().min(2, msg("nameTooShort")).max(120, msg("tooLong")),
    nameEn: optional(z.string().trim().max(200, msg("tooLong"))),
    uscc: optional(usccSchema),
    provinceAdcode: z.string().default(SHANDONG_ADCODE),
    cityAdcode: optional(z.string()),
    countyAdcode: optional(z.string()),
    address: optional(z.string().trim().max(300, msg("tooLong"))),
    lat: optional(z.coerce.number().min(-90, msg("coordinates")).max(90, msg("coordinates"))),
    lng: optional(z.coerce.number().min(-180, msg("coordinates")).max(180, msg("coordinates"))),
    smeLevel: optional(z.enum(smeLevelIds, msg("smeLevel"))),
    smeLevelValidUntil: optional(isoDate),
    description: optional(z.string().trim().max(4000, msg("tooLong"))),
    website: optional(z.url(msg("url")).max(300, msg("tooLong"))),
    contactName: optional(z.string().trim().max(60, msg("tooLong"))),
    contactPhone: optional(z.string().trim().max(40, msg("tooLong"))),
    contactEmail: optional(z.email(msg("email"))),
  })
  .superRefine((o, ctx) => {
    if (!getProvince(o.provinceAdcode)) ctx.addIssue({ code: "custom", path: ["provinceAdcode"], ...msg("province") });
    if (o.provinceAdcode === SHANDONG_ADCODE) {
      if (o.cityAdcode && !getCity(o.cityAdcode)) ctx.addIssue({ code: "custom", path: ["cityAdcode"], ...msg("city") });
      if (o.countyAdcode) {
        const county = getCounty(o.countyAdcode);
        if (!county || (o.cityAdcode && county.cityAdcode !== o.cityAdcode))
          ctx.addIssue({ code: "custom", path: ["countyAdcode"], ...msg("county") });
      }
    } else if (o.cityAdcode || o.countyAdcode) {
      // Cities and counties come from the taxonomy, which lists Shandong's only.
      ctx.addIssue({ code: "custom", path: ["cityAdcode"], ...msg("cityOutsideShandong") });
    }
    if (o.type !== "sme" && o.smeLevel) ctx.addIssue({ code: "custom", path: ["smeLevel"], ...msg("smeLevelOnlySme") });
    if (o.smeLevelValidUntil && !o.smeLevel)
      ctx.addIssue({ code: "custom", path: ["smeLevelValidUntil"], ...msg("smeLevelMissing") });
    if ((o.lat === undefined) !== (o.lng === undefined))
      ctx.addIssue({ code: "custom", path: ["lat"], ...msg("coordinatesBoth") });
  });
export type OrganizationProfileInput = z.input<typeof organizationProfileSchema>;
export type OrganizationProfile = z.output<typeof organizationProfileSchema>;

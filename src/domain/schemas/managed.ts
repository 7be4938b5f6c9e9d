import { z } from "zod";
import { msg, optional, uuidSchema } from "./common";

/**
 * Managed profiles (代管, issue 6): a service centre manages the profile and listings of a member
 * firm that consented (docs/managed-profiles.md). The consent's life: requested → active (or
 * declined), active → revoked by either side.
 */
export const managedConsentStatuses = ["requested", "active", "declined", "revoked"] as const;
export type ManagedConsentStatus = (typeof managedConsentStatuses)[number];

export const managementRequestSchema = z.object({
  organizationId: uuidSchema,
  note: optional(z.string().trim().max(500, msg("tooLong"))),
});
export type ManagementRequestInput = z.input<typeof managementRequestSchema>;

/** The firm answers a request, revokes a consent, or the centre ends it: the consent row. */
export const consentIdSchema = z.object({ consentId: uuidSchema });

/** The firm grants a centre directly. */
export const managementGrantSchema = z.object({ centreOrgId: uuidSchema });

/** Firms and centres a centre or firm can pick (name search). */
export const managedSearchSchema = z.object({ query: z.string().trim().min(1, msg("required")).max(60, msg("tooLong")) });

/** An optional target organisation on the profile and listing writes: a centre acts for a firm it manages. */
export const onBehalfSchema = z.object({ organizationId: optional(uuidSchema) });

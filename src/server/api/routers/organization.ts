import "server-only";
import { z } from "zod";
import { emailSchema, uuidSchema } from "@/domain/schemas/common";
import { onBehalfSchema } from "@/domain/schemas/managed";
import { memberRoleSchema, organizationProfileSchema } from "@/domain/schemas/organization";
import { getDeliveryRecord } from "../../services/delivery-record";
import * as memberships from "../../services/memberships";
import * as orgs from "../../services/organizations";
import { authedProcedure, orgProcedure, publicProcedure, router } from "../trpc";

export const organizationRouter = router({
  // Public
  byId: publicProcedure.input(z.object({ id: uuidSchema })).query(({ ctx, input }) => orgs.getPublicOrganization({ ctx, id: input.id })),
  list: publicProcedure.input(z.object({ limit: z.number().int().min(1).max(100).default(50) }).optional()).query(({ ctx, input }) => orgs.listPublicOrganizations({ ctx, limit: input?.limit ?? 50 })),
  deliveryRecord: publicProcedure.input(z.object({ organizationId: uuidSchema })).query(({ ctx, input }) => getDeliveryRecord({ ctx, organizationId: input.organizationId })),
  previewInvitation: publicProcedure.input(z.object({ token: z.string().min(16).max(100) })).query(({ ctx, input }) => memberships.previewInvitation(ctx.db, input.token, ctx.now)),

  // Signed in
  create: authedProcedure.input(organizationProfileSchema).mutation(({ ctx, input }) => orgs.createOrganization({ ctx, input })),
  acceptInvitation: authedProcedure.input(z.object({ token: z.string().min(16).max(100) })).mutation(({ ctx, input }) => memberships.acceptInvitation({ ctx, token: input.token })),

  // Active organisation
  mine: orgProcedure.query(({ ctx }) => orgs.getOrganizationPrivate({ ctx })),
  // `organizationId`: a service centre's owner or admin editing a firm it manages (代管).
  update: orgProcedure.input(organizationProfileSchema.and(onBehalfSchema)).mutation(({ ctx, input }) => orgs.updateOrganization({ ctx, input })),
  submitLicense: orgProcedure.input(z.object({ fileId: uuidSchema })).mutation(({ ctx, input }) => orgs.submitLicense({ ctx, input })),
  members: orgProcedure.query(({ ctx }) => memberships.listMembers({ ctx })),
  invitations: orgProcedure.query(({ ctx }) => memberships.listInvitations({ ctx })),
  invite: orgProcedure
    .input(z.object({ email: emailSchema, role: memberRoleSchema }))
    .mutation(({ ctx, input }) => memberships.inviteMember({ ctx, input, baseUrl: ctx.baseUrl })),
  revokeInvitation: orgProcedure.input(z.object({ invitationId: uuidSchema })).mutation(({ ctx, input }) => memberships.revokeInvitation({ ctx, invitationId: input.invitationId })),
  changeRole: orgProcedure.input(z.object({ membershipId: uuidSchema, role: memberRoleSchema })).mutation(({ ctx, input }) => memberships.changeRole({ ctx, input })),
  removeMember: orgProcedure.input(z.object({ membershipId: uuidSchema })).mutation(({ ctx, input }) => memberships.removeMember({ ctx, membershipId: input.membershipId })),
});

import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ClaimDecisionInput, ClaimSubmitInput } from "@/domain/schemas/onboarding";
import { files, memberships, organizationClaims, organizations, users } from "../db/schema";
import { conflict, DomainError, forbidden, isUniqueViolation, notFound } from "../errors";
import { enqueueOrganizationDocuments } from "../search/outbox";
import { writeAudit } from "./audit";
import { now, type AuthedContext, type ServiceContext } from "./context";
import { notify } from "./notifications";
import { ownedOrganization, ownerSources } from "./onboarding-records";

/**
 * Claiming (认领): a firm finds the profile an import or a service centre created for it and claims
 * it with its business licence and USCC. A platform admin reads the licence and approves (the
 * claimant becomes the owner, the organisation is verified, and every field is the owner's from
 * then on: imports add aliases only) or rejects it with a note. The claimant is notified either way.
 */

const claimError = (key: string) => new DomainError("CONFLICT", `onboarding.errors.${key}`);

/** Whether the organisation can be claimed, and the viewer's own latest claim of it. */
export async function claimStatus({ ctx, organizationId }: { ctx: ServiceContext; organizationId: string }) {
  const [org] = await ctx.db.select({ type: organizations.type, owned: ownedOrganization }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound();
  const claimable = !org.owned && org.type !== "platform";
  if (!ctx.actor) return { claimable, signedIn: false, mine: null };
  const [mine] = await ctx.db
    .select({ id: organizationClaims.id, status: organizationClaims.status, note: organizationClaims.note, createdAt: organizationClaims.createdAt, decidedAt: organizationClaims.decidedAt })
    .from(organizationClaims)
    .where(and(eq(organizationClaims.organizationId, organizationId), eq(organizationClaims.claimantUserId, ctx.actor.userId)))
    .orderBy(desc(organizationClaims.createdAt))
    .limit(1);
  return { claimable, signedIn: true, mine: mine ?? null };
}

export async function submitClaim({ ctx, input }: { ctx: AuthedContext; input: ClaimSubmitInput }) {
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id, type: organizations.type, uscc: organizations.uscc, owned: ownedOrganization })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId))
      .for("update");
    if (!org) throw notFound();
    if (org.owned || org.type === "platform") throw claimError("alreadyClaimed");
    const [file] = await tx.select().from(files).where(eq(files.id, input.fileId));
    if (!file || file.ownerUserId !== ctx.actor.userId || file.purpose !== "business_license") throw notFound("fileNotFound");
    if (org.uscc && org.uscc !== input.uscc) throw new DomainError("INVALID", "onboarding.errors.usccMismatch", {}, "uscc");
    const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.uscc, input.uscc), ne(organizations.id, org.id)));
    if (taken) throw conflict("usccTaken", "uscc");
    let claim;
    try {
      [claim] = await tx
        .insert(organizationClaims)
        .values({ organizationId: org.id, claimantUserId: ctx.actor.userId, claimantOrgId: ctx.membership?.organizationId ?? null, licenseFileId: file.id, uscc: input.uscc, createdAt: now(ctx) })
        .returning();
    } catch (e) {
      if (isUniqueViolation(e, "organization_claims_pending_key")) throw claimError("claimPending");
      throw e;
    }
    await writeAudit(tx, {
      organizationId: org.id,
      actorUserId: ctx.actor.userId,
      action: "organization.claimSubmitted",
      entityType: "organization_claim",
      entityId: claim!.id,
      changes: { uscc: input.uscc, licenseFileId: file.id },
    });
    return { id: claim!.id, status: claim!.status };
  });
}

/** Platform admins: the claims waiting for a decision, oldest first, with what the reviewer compares. */
export async function listPendingClaims({ ctx }: { ctx: AuthedContext }) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
  const claimantOrg = alias(organizations, "claimant_org");
  return ctx.db
    .select({
      id: organizationClaims.id,
      uscc: organizationClaims.uscc,
      licenseFileId: organizationClaims.licenseFileId,
      createdAt: organizationClaims.createdAt,
      organization: {
        id: organizations.id,
        nameZh: organizations.nameZh,
        nameEn: organizations.nameEn,
        uscc: organizations.uscc,
        provinceAdcode: organizations.provinceAdcode,
        cityAdcode: organizations.cityAdcode,
        countyAdcode: organizations.countyAdcode,
        address: organizations.address,
        createdVia: organizations.createdVia,
      },
      claimant: { name: users.name, email: users.email, phone: users.phone },
      claimantOrgName: claimantOrg.nameZh,
    })
    .from(organizationClaims)
    .innerJoin(organizations, eq(organizations.id, organizationClaims.organizationId))
    .innerJoin(users, eq(users.id, organizationClaims.claimantUserId))
    .leftJoin(claimantOrg, eq(claimantOrg.id, organizationClaims.claimantOrgId))
    .where(eq(organizationClaims.status, "pending"))
    .orderBy(asc(organizationClaims.createdAt));
}

/** Approves (owner membership, USCC, licence, verified, owner's fields) or rejects a pending claim, and tells the claimant. */
export async function decideClaim({ ctx, input }: { ctx: AuthedContext; input: ClaimDecisionInput }) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const [claim] = await tx.select().from(organizationClaims).where(eq(organizationClaims.id, input.claimId)).for("update");
    if (!claim) throw notFound();
    if (claim.status !== "pending") throw claimError("alreadyDecided");
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, claim.organizationId)).for("update");
    if (!org) throw notFound();
    if (input.decision === "approved") {
      const [owner] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.role, "owner")));
      if (owner) throw claimError("alreadyClaimed");
      const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.uscc, claim.uscc), ne(organizations.id, org.id)));
      if (taken) throw conflict("usccTaken", "uscc");
      await tx
        .insert(memberships)
        .values({ organizationId: org.id, userId: claim.claimantUserId, role: "owner" })
        .onConflictDoUpdate({ target: [memberships.organizationId, memberships.userId], set: { role: "owner" } });
      await tx
        .update(organizations)
        .set({
          uscc: claim.uscc,
          licenseFileId: claim.licenseFileId,
          verificationState: "verified",
          verifiedAt: at,
          verifiedBy: ctx.actor.userId,
          verificationNote: input.note ?? null,
          claimedAt: at,
          // From now on the profile is the firm's: every field is the owner's.
          fieldSources: ownerSources(["nameZh", "uscc", "provinceAdcode", "cityAdcode", "countyAdcode", "address", "lat"], at),
          updatedAt: at,
        })
        .where(eq(organizations.id, org.id));
      await tx.update(files).set({ organizationId: org.id }).where(eq(files.id, claim.licenseFileId));
      const [claimant] = await tx.select({ active: users.activeOrganizationId }).from(users).where(eq(users.id, claim.claimantUserId));
      if (!claimant?.active) await tx.update(users).set({ activeOrganizationId: org.id }).where(eq(users.id, claim.claimantUserId));
      await enqueueOrganizationDocuments(tx, org.id);
    }
    const status = input.decision;
    await tx.update(organizationClaims).set({ status, decidedBy: ctx.actor.userId, decidedAt: at, note: input.note ?? null }).where(eq(organizationClaims.id, claim.id));
    await writeAudit(tx, {
      organizationId: org.id,
      actorUserId: ctx.actor.userId,
      action: status === "approved" ? "organization.claimApproved" : "organization.claimRejected",
      entityType: "organization_claim",
      entityId: claim.id,
      changes: { claimantUserId: claim.claimantUserId, uscc: claim.uscc, note: input.note ?? null },
    });
    await notify(tx, {
      userIds: [claim.claimantUserId],
      kind: status === "approved" ? "claimApproved" : "claimRejected",
      params: { organization: org.nameZh, note: input.note ?? "" },
      link: `/org/${org.id}`,
      dedupeKey: `claim:${claim.id}`,
    });
    return { status };
  });
}

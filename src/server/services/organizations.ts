import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { defaultCoordinates } from "@/domain/taxonomy";
import type { OrganizationProfile } from "@/domain/schemas/organization";
import type { Db } from "../db/types";
import { files, memberships, organizations, users } from "../db/schema";
import { conflict, forbidden, isUniqueViolation, notFound } from "../errors";
import { enqueueOrganizationDocuments } from "../search/outbox";
import { diffFields, writeAudit } from "./audit";
import { now, type AuthedContext, type OrgContext, type ServiceContext } from "./context";
import { assertRole } from "./authz";
import { actFor, centreSource } from "./managed-access";
import { keepFormerNames, ownerSources } from "./onboarding-records";

export type Organization = typeof organizations.$inferSelect;

/** The columns anyone may see; contacts and licence stay with members and admins. */
const publicColumns = {
  id: organizations.id,
  type: organizations.type,
  nameZh: organizations.nameZh,
  nameEn: organizations.nameEn,
  provinceAdcode: organizations.provinceAdcode,
  cityAdcode: organizations.cityAdcode,
  countyAdcode: organizations.countyAdcode,
  smeLevel: organizations.smeLevel,
  smeLevelValidUntil: organizations.smeLevelValidUntil,
  description: organizations.description,
  website: organizations.website,
  verificationState: organizations.verificationState,
  verifiedAt: organizations.verifiedAt,
  lat: organizations.lat,
  lng: organizations.lng,
  createdAt: organizations.createdAt,
};

/**
 * Coordinates: those given; else the stored ones while the place is unchanged (a form without a map
 * must not reset a precise position); else the centre of the county, city or province.
 */
function profileColumns(p: OrganizationProfile, before?: Organization) {
  const samePlace =
    before &&
    before.lat !== null &&
    before.lng !== null &&
    before.provinceAdcode === p.provinceAdcode &&
    (before.cityAdcode ?? undefined) === p.cityAdcode &&
    (before.countyAdcode ?? undefined) === p.countyAdcode;
  const coords =
    p.lat !== undefined && p.lng !== undefined
      ? { lat: p.lat, lng: p.lng }
      : samePlace
        ? { lat: before.lat!, lng: before.lng! }
        : defaultCoordinates({ provinceAdcode: p.provinceAdcode, cityAdcode: p.cityAdcode, countyAdcode: p.countyAdcode });
  return {
    type: p.type,
    nameZh: p.nameZh,
    nameEn: p.nameEn ?? null,
    uscc: p.uscc ?? null,
    provinceAdcode: p.provinceAdcode,
    cityAdcode: p.cityAdcode ?? null,
    countyAdcode: p.countyAdcode ?? null,
    address: p.address ?? null,
    lat: coords?.lat ?? null,
    lng: coords?.lng ?? null,
    smeLevel: p.smeLevel ?? null,
    smeLevelValidUntil: p.smeLevelValidUntil ?? null,
    description: p.description ?? null,
    website: p.website ?? null,
    contactName: p.contactName ?? null,
    contactPhone: p.contactPhone ?? null,
    contactEmail: p.contactEmail ?? null,
  };
}

async function assertUsccFree(tx: Db, uscc: string | undefined, exceptId?: string) {
  if (!uscc) return;
  const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, uscc));
  if (taken && taken.id !== exceptId) throw conflict("usccTaken", "uscc");
}

/** Creates an organisation with `userId` as its owner and makes it the user's active one. Call inside a transaction. */
export async function insertOrganizationWithOwner(tx: Db, userId: string, profile: OrganizationProfile) {
  await assertUsccFree(tx, profile.uscc);
  let org: Organization;
  try {
    const columns = profileColumns(profile);
    const owned = ownerSources(Object.keys(columns).filter((k) => columns[k as keyof typeof columns] !== null), new Date());
    [org] = (await tx.insert(organizations).values({ ...columns, fieldSources: owned }).returning()) as [Organization];
  } catch (e) {
    if (isUniqueViolation(e, "organizations_uscc_key")) throw conflict("usccTaken", "uscc");
    throw e;
  }
  await tx.insert(memberships).values({ organizationId: org.id, userId, role: "owner" });
  await tx.update(users).set({ activeOrganizationId: org.id }).where(eq(users.id, userId));
  await writeAudit(tx, {
    organizationId: org.id,
    actorUserId: userId,
    action: "organization.created",
    entityType: "organization",
    entityId: org.id,
    changes: profileColumns(profile),
  });
  return org;
}

export async function createOrganization({ ctx, input }: { ctx: AuthedContext; input: OrganizationProfile }) {
  return ctx.db.transaction((tx) => insertOrganizationWithOwner(tx, ctx.actor.userId, input));
}

/**
 * The active organisation's profile; a service centre's owner or admin may pass `organizationId` of
 * a firm it manages (managed-access.ts): its fields are then sourced `centre:<centreOrgId>`.
 */
export async function updateOrganization({ ctx, input }: { ctx: OrgContext; input: OrganizationProfile & { organizationId?: string } }) {
  assertRole(ctx, ["owner", "admin"]);
  const { organizationId: target, ...profile } = input;
  return ctx.db.transaction(async (tx) => {
    const acting = await actFor(tx, ctx, target, ["owner", "admin"]);
    const id = acting.organizationId;
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).for("update");
    if (!before) throw notFound();
    if (before.type !== profile.type) throw forbidden("orgTypeFixed");
    await assertUsccFree(tx, profile.uscc, id);
    const next = profileColumns(profile, before);
    const changes = diffFields(before, next);
    // A verified firm that changes its legal identity goes back to review.
    const identityChanged = "uscc" in changes || "nameZh" in changes;
    const [after] = await tx
      .update(organizations)
      .set({
        ...next,
        fieldSources: { ...before.fieldSources, ...ownerSources(Object.keys(changes), now(ctx), acting.centreOrgId ? centreSource(acting.centreOrgId) : "owner") },
        updatedAt: now(ctx),
        ...(identityChanged && before.verificationState === "verified" ? { verificationState: "pending" as const } : {}),
      })
      .where(eq(organizations.id, id))
      .returning();
    if (Object.keys(changes).length > 0) await enqueueOrganizationDocuments(tx, id);
    await keepFormerNames(tx, id, before, next);
    if (Object.keys(changes).length > 0)
      await writeAudit(tx, {
        organizationId: id,
        actorUserId: ctx.actor.userId,
        action: "organization.updated",
        entityType: "organization",
        entityId: id,
        changes: acting.centreOrgId ? { ...changes, managedBy: acting.centreOrgId } : changes,
      });
    return after!;
  });
}

/** Attaches an uploaded business licence and asks the platform to verify the organisation. */
export async function submitLicense({ ctx, input }: { ctx: OrgContext; input: { fileId: string } }) {
  assertRole(ctx, ["owner", "admin"]);
  const id = ctx.membership.organizationId;
  return ctx.db.transaction(async (tx) => {
    const [file] = await tx.select().from(files).where(eq(files.id, input.fileId));
    if (!file || file.ownerUserId !== ctx.actor.userId || file.purpose !== "business_license") throw notFound("fileNotFound");
    await tx.update(files).set({ organizationId: id }).where(eq(files.id, file.id));
    const [org] = await tx
      .update(organizations)
      .set({ licenseFileId: file.id, verificationState: "pending", updatedAt: now(ctx) })
      .where(eq(organizations.id, id))
      .returning();
    await writeAudit(tx, {
      organizationId: id,
      actorUserId: ctx.actor.userId,
      action: "organization.license_submitted",
      entityType: "organization",
      entityId: id,
      changes: { licenseFileId: file.id },
    });
    return org!;
  });
}

/** Platform admins verify or reject an organisation after reading its licence. */
export async function setVerification({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: { organizationId: string; decision: "verified" | "rejected"; note?: string };
}) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx
      .update(organizations)
      .set({
        verificationState: input.decision,
        verifiedAt: input.decision === "verified" ? now(ctx) : null,
        verifiedBy: ctx.actor.userId,
        verificationNote: input.note ?? null,
        updatedAt: now(ctx),
      })
      .where(eq(organizations.id, input.organizationId))
      .returning();
    if (!org) throw notFound();
    await enqueueOrganizationDocuments(tx, org.id);
    await writeAudit(tx, {
      organizationId: org.id,
      actorUserId: ctx.actor.userId,
      action: `organization.${input.decision}`,
      entityType: "organization",
      entityId: org.id,
      changes: { note: input.note ?? null },
    });
    return org;
  });
}

export async function getPublicOrganization({ ctx, id }: { ctx: ServiceContext; id: string }) {
  const [org] = await ctx.db.select(publicColumns).from(organizations).where(eq(organizations.id, id));
  if (!org) throw notFound();
  return org;
}

/** The full record, for members of the organisation and platform admins only. */
export async function getOrganizationPrivate({ ctx }: { ctx: OrgContext }) {
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, ctx.membership.organizationId));
  if (!org) throw notFound();
  return org;
}

export async function listOrganizationsPendingVerification({ ctx }: { ctx: AuthedContext }) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
  return ctx.db
    .select()
    .from(organizations)
    .where(inArray(organizations.verificationState, ["pending"]))
    .orderBy(asc(organizations.updatedAt));
}

export async function listPublicOrganizations({ ctx, limit }: { ctx: ServiceContext; limit: number }) {
  return ctx.db
    .select(publicColumns)
    .from(organizations)
    .where(and(inArray(organizations.type, ["anchor", "sme", "service_center"])))
    .orderBy(asc(organizations.nameZh))
    .limit(limit);
}

import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { certificateStatus, chinaToday } from "@/domain/certificates";
import type { z } from "zod";
import type { certificationInputSchema } from "@/domain/schemas/market";
import type { Db } from "../db/types";
import { certifications, files, organizations } from "../db/schema";
import { DomainError, isUniqueViolation } from "../errors";
import { enqueueListingsWithCertification } from "../search/outbox";
import { diffFields, writeAudit } from "./audit";
import { assertRole } from "./authz";
import { now, type AuthedContext, type OrgContext, type ServiceContext } from "./context";

export type Certification = typeof certifications.$inferSelect;
type CertificationValues = z.output<typeof certificationInputSchema>;

/** Certificates speak for the whole organisation: owners and admins manage them. */
const MANAGERS = ["owner", "admin"] as const;

const certError = (code: "CONFLICT", key: string, field?: string) => new DomainError(code, `certifications.errors.${key}`, {}, field);

function columns(v: CertificationValues) {
  return {
    schemeId: v.schemeId,
    number: v.number ?? null,
    validFrom: v.validFrom ?? null,
    validTo: v.validTo ?? null,
    evidenceFileId: v.evidenceFileId ?? null,
  };
}

async function checkEvidence(tx: Db, organizationId: string, fileId: string | undefined) {
  if (!fileId) return;
  const [file] = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.organizationId, organizationId), eq(files.purpose, "certificate")));
  if (!file) throw new DomainError("NOT_FOUND", "certifications.errors.evidenceNotOwn", {}, "evidenceFileId");
}

function withStatus<T extends Pick<Certification, "verificationState" | "validFrom" | "validTo">>(c: T, today: string) {
  return { ...c, status: certificateStatus(c, today) };
}

async function guardUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e, "certifications_org_scheme_expiry_key")) throw certError("CONFLICT", "duplicate", "schemeId");
    throw e;
  }
}

export async function listMyCertifications({ ctx }: { ctx: OrgContext }) {
  const today = chinaToday(now(ctx));
  const rows = await ctx.db
    .select()
    .from(certifications)
    .where(eq(certifications.organizationId, ctx.membership.organizationId))
    .orderBy(asc(certifications.schemeId), desc(certifications.validTo));
  return rows.map((c) => withStatus(c, today));
}

export async function createCertification({ ctx, input }: { ctx: OrgContext; input: CertificationValues }) {
  assertRole(ctx, MANAGERS);
  const organizationId = ctx.membership.organizationId;
  return guardUnique(() =>
    ctx.db.transaction(async (tx) => {
      await checkEvidence(tx, organizationId, input.evidenceFileId);
      const [row] = await tx
        .insert(certifications)
        .values({ ...columns(input), organizationId, createdAt: now(ctx), updatedAt: now(ctx) })
        .returning();
      await writeAudit(tx, { organizationId, actorUserId: ctx.actor.userId, action: "certification.created", entityType: "certification", entityId: row!.id, changes: columns(input) });
      return row!;
    }),
  );
}

async function lockOwn(tx: Db, ctx: OrgContext, id: string) {
  const [row] = await tx
    .select()
    .from(certifications)
    .where(and(eq(certifications.id, id), eq(certifications.organizationId, ctx.membership.organizationId)))
    .for("update");
  if (!row) throw new DomainError("NOT_FOUND", "certifications.errors.notFound");
  return row;
}

/** A changed certificate goes back to review: what the platform verified is no longer what is shown. */
export async function updateCertification({ ctx, input }: { ctx: OrgContext; input: { id: string; values: CertificationValues } }) {
  assertRole(ctx, MANAGERS);
  return guardUnique(() =>
    ctx.db.transaction(async (tx) => {
      const before = await lockOwn(tx, ctx, input.id);
      await checkEvidence(tx, before.organizationId, input.values.evidenceFileId);
      const next = columns(input.values);
      const changes = diffFields(before as unknown as Record<string, unknown>, next);
      if (Object.keys(changes).length === 0) return before;
      const [after] = await tx
        .update(certifications)
        .set({ ...next, verificationState: "pending", verifiedAt: null, verifiedBy: null, verificationNote: null, updatedAt: now(ctx) })
        .where(eq(certifications.id, before.id))
        .returning();
      await enqueueListingsWithCertification(tx, before.id);
      await writeAudit(tx, { organizationId: before.organizationId, actorUserId: ctx.actor.userId, action: "certification.updated", entityType: "certification", entityId: before.id, changes });
      return after!;
    }),
  );
}

export async function deleteCertification({ ctx, id }: { ctx: OrgContext; id: string }) {
  assertRole(ctx, MANAGERS);
  return ctx.db.transaction(async (tx) => {
    const before = await lockOwn(tx, ctx, id);
    // Before the delete: the listing links cascade away with the certificate.
    await enqueueListingsWithCertification(tx, before.id);
    await tx.delete(certifications).where(eq(certifications.id, before.id));
    await writeAudit(tx, { organizationId: before.organizationId, actorUserId: ctx.actor.userId, action: "certification.deleted", entityType: "certification", entityId: before.id, changes: { schemeId: before.schemeId, number: before.number, validFrom: before.validFrom, validTo: before.validTo } });
    return { id: before.id };
  });
}

/** Anyone may see an organisation's certificates (scheme, number, dates, state), never the evidence file. */
export async function listOrganizationCertifications({ ctx, organizationId }: { ctx: ServiceContext; organizationId: string }) {
  const today = chinaToday(now(ctx));
  const rows = await ctx.db
    .select({
      id: certifications.id,
      schemeId: certifications.schemeId,
      number: certifications.number,
      validFrom: certifications.validFrom,
      validTo: certifications.validTo,
      verificationState: certifications.verificationState,
    })
    .from(certifications)
    .where(eq(certifications.organizationId, organizationId))
    .orderBy(asc(certifications.schemeId), desc(certifications.validTo));
  return rows.map((c) => withStatus(c, today));
}

/** Platform admins: certificates waiting for a decision, oldest first. */
export async function listPendingCertifications({ ctx }: { ctx: AuthedContext }) {
  const today = chinaToday(now(ctx));
  const rows = await ctx.db
    .select({
      certification: certifications,
      orgNameZh: organizations.nameZh,
      orgNameEn: organizations.nameEn,
    })
    .from(certifications)
    .innerJoin(organizations, eq(organizations.id, certifications.organizationId))
    .where(eq(certifications.verificationState, "pending"))
    .orderBy(asc(certifications.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...withStatus(r.certification, today), orgNameZh: r.orgNameZh, orgNameEn: r.orgNameEn }));
}

export async function verifyCertification({ ctx, input }: { ctx: AuthedContext; input: { id: string; decision: "verified" | "rejected"; note?: string } }) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(certifications).where(eq(certifications.id, input.id)).for("update");
    if (!before) throw new DomainError("NOT_FOUND", "certifications.errors.notFound");
    const [after] = await tx
      .update(certifications)
      .set({ verificationState: input.decision, verifiedBy: ctx.actor.userId, verifiedAt: now(ctx), verificationNote: input.note?.trim() || null, updatedAt: now(ctx) })
      .where(eq(certifications.id, before.id))
      .returning();
    await enqueueListingsWithCertification(tx, before.id);
    await writeAudit(tx, {
      organizationId: before.organizationId,
      actorUserId: ctx.actor.userId,
      action: `certification.${input.decision}`,
      entityType: "certification",
      entityId: before.id,
      changes: { verificationState: [before.verificationState, input.decision], note: input.note ?? null },
    });
    return after!;
  });
}

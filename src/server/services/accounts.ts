import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { emailSignInSchema, phoneSignInSchema, signUpSchema } from "@/domain/schemas/account";
import type { Locale } from "@/domain/schemas/common";
import type { Db } from "../db/types";
import { memberships, organizations, users } from "../db/schema";
import { hashPassword, verifyPassword } from "../auth/password";
import { conflict, forbidden, isUniqueViolation, unauthorized } from "../errors";
import { writeAudit } from "./audit";
import { now, type AuthedContext } from "./context";
import { acceptInvitationInTx, findOpenInvitation } from "./memberships";
import { insertOrganizationWithOwner } from "./organizations";
import { checkOtp, consumeOtp } from "./otp";
import { assertNotRateLimited, recordAttempt } from "./rate-limit";

export const PRIVACY_POLICY_VERSION = "2026-11";

type SignUp = z.output<typeof signUpSchema>;

async function assertIdentityFree(db: Db, email?: string, phone?: string) {
  if (email) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (u) throw conflict("emailTaken", "email");
  }
  if (phone) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
    if (u) throw conflict("phoneTaken", "phone");
  }
}

/** Creates the user and either a new organisation (as owner) or a membership from an invitation, atomically. */
export async function signUp({ db, input, at = new Date() }: { db: Db; input: SignUp; at?: Date }) {
  const email = input.email;
  const phone = input.method === "phone" ? input.phone : undefined;
  await assertIdentityFree(db, email, phone);
  const invitation = input.invitationToken ? await findOpenInvitation(db, input.invitationToken, at) : null;
  if (invitation && invitation.email !== email) throw forbidden("invitationEmailMismatch");
  const otpId = input.method === "phone" ? await checkOtp(db, input.phone, input.code, at) : null;
  const passwordHash = input.method === "email" ? await hashPassword(input.password) : null;
  try {
    return await db.transaction(async (tx) => {
      if (otpId) await consumeOtp(tx, otpId, at);
      const [user] = await tx
        .insert(users)
        .values({
          email: email ?? null,
          phone: phone ?? null,
          name: input.name,
          passwordHash,
          locale: input.locale,
          privacyConsentAt: at,
          privacyPolicyVersion: PRIVACY_POLICY_VERSION,
        })
        .returning();
      const organization = input.organization
        ? await insertOrganizationWithOwner(tx, user!.id, input.organization)
        : await acceptInvitationInTx(tx, invitation!, user!.id, at);
      return { userId: user!.id, organizationId: organization.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "users_email_key")) throw conflict("emailTaken", "email");
    if (isUniqueViolation(e, "users_phone_key")) throw conflict("phoneTaken", "phone");
    throw e;
  }
}

export async function authenticateWithPassword({
  db,
  input,
  ip,
  at = new Date(),
}: {
  db: Db;
  input: z.output<typeof emailSignInSchema>;
  ip?: string;
  at?: Date;
}) {
  const keys = { account: `email:${input.email}`, ip };
  await assertNotRateLimited(db, keys, at);
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  await recordAttempt(db, keys, ok, at);
  if (!ok || !user) throw unauthorized("invalidCredentials");
  return { id: user.id };
}

export async function authenticateWithOtp({
  db,
  input,
  ip,
  at = new Date(),
}: {
  db: Db;
  input: z.output<typeof phoneSignInSchema>;
  ip?: string;
  at?: Date;
}) {
  const keys = { account: `phone:${input.phone}`, ip };
  await assertNotRateLimited(db, keys, at);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.phone, input.phone));
  let otpId: string | null = null;
  try {
    if (!user) throw unauthorized("invalidCredentials");
    otpId = await checkOtp(db, input.phone, input.code, at);
  } finally {
    await recordAttempt(db, keys, otpId !== null, at);
  }
  await db.transaction((tx) => consumeOtp(tx, otpId!, at));
  return { id: user.id };
}

/**
 * The session as the database sees it now: JWTs carry only the user id, so a removed member or a
 * deleted account loses access on the very next request.
 */
export async function resolveSession(db: Db, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      locale: users.locale,
      isPlatformAdmin: users.isPlatformAdmin,
      activeOrganizationId: users.activeOrganizationId,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const orgs = await db
    .select({
      organizationId: memberships.organizationId,
      role: memberships.role,
      nameZh: organizations.nameZh,
      nameEn: organizations.nameEn,
      type: organizations.type,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  const active = orgs.find((o) => o.organizationId === user.activeOrganizationId) ?? orgs[0] ?? null;
  return { user, organizations: orgs, active };
}
export type ResolvedSession = NonNullable<Awaited<ReturnType<typeof resolveSession>>>;

export async function switchActiveOrganization({ ctx, organizationId }: { ctx: AuthedContext; organizationId: string }) {
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, ctx.actor.userId), eq(memberships.organizationId, organizationId)));
    if (!m) throw forbidden("notAMember");
    await tx.update(users).set({ activeOrganizationId: organizationId, updatedAt: now(ctx) }).where(eq(users.id, ctx.actor.userId));
    return { organizationId };
  });
}

export async function setLocale({ ctx, locale }: { ctx: AuthedContext; locale: Locale }) {
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ locale, updatedAt: now(ctx) }).where(eq(users.id, ctx.actor.userId));
  });
  return { locale };
}

export async function writeAccountAudit(tx: Db, userId: string, action: string, changes?: unknown) {
  await writeAudit(tx, { actorUserId: userId, action, entityType: "user", entityId: userId, changes });
}

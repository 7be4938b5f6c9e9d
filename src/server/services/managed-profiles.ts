import "server-only";
import { and, count, desc, eq, ilike, inArray, isNull, max, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { listings, managedProfileConsents, memberships, organizations } from "../db/schema";
import { DomainError, type DomainErrorCode, isUniqueViolation } from "../errors";
import { writeAudit } from "./audit";
import { assertRole } from "./authz";
import { assertEntitled } from "./billing-limits";
import { now, type OrgContext, type ServiceContext } from "./context";
import { getListing, listMyListings } from "./listings";
import { canManage } from "./managed-access";
import { notify } from "./notifications";

/**
 * Managed profiles (代管, docs/managed-profiles.md): a service centre manages the profile and
 * listings of a member firm that consented. The consent's life in `managed_profile_consents`:
 *
 *   centre requests ─→ requested ─(firm accepts)→ active ─(firm revokes / centre ends)→ revoked
 *                          └─(firm declines)→ declined       firm grants directly ─→ active
 *
 * One live (requested or active) row per pair. The writes themselves go through the profile and
 * listing services with an explicit `organizationId`; managed-access.ts decides who may.
 */

const managedError = (code: DomainErrorCode, key: string, field?: string) => new DomainError(code, `managed.errors.${key}`, {}, field);

/** Centre members ask and see; ending a consent is for its owner and admins. Firms decide with owners and admins. */
const CENTRE_ROLES = ["owner", "admin", "member"] as const;
const DECIDERS = ["owner", "admin"] as const;
const LIVE = ["requested", "active"] as const;

export type ManagedConsent = typeof managedProfileConsents.$inferSelect;

async function orgOf(db: Db, id: string) {
  const [org] = await db.select({ id: organizations.id, type: organizations.type, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.id, id));
  return org ?? null;
}

/** The active organisation, which must be a service centre. */
async function assertCentre(ctx: OrgContext, roles: readonly ("owner" | "admin" | "member")[] = CENTRE_ROLES) {
  assertRole(ctx, roles);
  const centre = await orgOf(ctx.db, ctx.membership.organizationId);
  if (centre?.type !== "service_center") throw managedError("FORBIDDEN", "notServiceCentre");
  return centre;
}

/** Only firms (anchors and SMEs) are managed; a centre is not managed by another. */
const manageable = (type: string | undefined) => type === "sme" || type === "anchor";

/** The firm's owners and admins, who decide on consents. */
async function deciderIds(tx: Db, organizationId: string) {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.role, [...DECIDERS])));
  return rows.map((r) => r.userId);
}

function liveConflict(e: unknown): never {
  if (isUniqueViolation(e, "managed_profile_consents_live_key")) throw managedError("CONFLICT", "alreadyLive");
  throw e;
}

async function audit(tx: Db, ctx: OrgContext, action: string, c: ManagedConsent) {
  await writeAudit(tx, {
    organizationId: c.organizationId,
    actorUserId: ctx.actor.userId,
    action: `managed.${action}`,
    entityType: "managed_consent",
    entityId: c.id,
    changes: { organizationId: c.organizationId, centreOrgId: c.centreOrgId, status: c.status, actorOrgId: ctx.membership.organizationId },
  });
}

// ---- The centre ----

/** The centre asks a firm to let it manage its profile; the firm's owners and admins are told. */
export async function requestManagement({ ctx, input }: { ctx: OrgContext; input: { organizationId: string; note?: string } }) {
  const centre = await assertCentre(ctx);
  const firm = await orgOf(ctx.db, input.organizationId);
  if (!firm) throw managedError("NOT_FOUND", "firmNotFound", "organizationId");
  if (!manageable(firm.type)) throw managedError("INVALID", "notAFirm", "organizationId");
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    // Managing firms is a brokering tool of the service-centre plan (docs/billing.md).
    await assertEntitled(tx, centre.id, "brokeringTools", at);
    const [row] = await tx
      .insert(managedProfileConsents)
      .values({ organizationId: firm.id, centreOrgId: centre.id, status: "requested", note: input.note ?? null, requestedBy: ctx.actor.userId, createdAt: at, updatedAt: at })
      .returning()
      .catch(liveConflict);
    await audit(tx, ctx, "requested", row!);
    await notify(tx, {
      userIds: await deciderIds(tx, firm.id),
      kind: "managementRequested",
      params: { centre: centre.nameZh, firm: firm.nameZh, note: input.note ?? "—" },
      link: "/my/organization#managed",
      dedupeKey: `managementRequested:${row!.id}`,
    });
    return row!;
  });
}

/** The centre ends a consent (or withdraws its request); the firm's owners and admins are told. */
export async function endManagement({ ctx, input }: { ctx: OrgContext; input: { consentId: string } }) {
  const centre = await assertCentre(ctx, DECIDERS);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(managedProfileConsents)
      .set({ status: "revoked", endedAt: now(ctx), endedBy: ctx.actor.userId, updatedAt: now(ctx) })
      .where(and(eq(managedProfileConsents.id, input.consentId), eq(managedProfileConsents.centreOrgId, centre.id), inArray(managedProfileConsents.status, [...LIVE])))
      .returning();
    if (!row) throw managedError("NOT_FOUND", "consentNotFound");
    await audit(tx, ctx, "ended", row);
    const firm = await orgOf(tx, row.organizationId);
    await notify(tx, {
      userIds: await deciderIds(tx, row.organizationId),
      kind: "managementEnded",
      params: { centre: centre.nameZh, firm: firm?.nameZh ?? "", by: centre.nameZh },
      link: "/my/organization#managed",
      dedupeKey: `managementEnded:${row.id}`,
    });
    return row;
  });
}

// ---- The firm ----

async function assertFirm(ctx: OrgContext) {
  assertRole(ctx, DECIDERS);
  const firm = await orgOf(ctx.db, ctx.membership.organizationId);
  if (!firm || !manageable(firm.type)) throw managedError("FORBIDDEN", "notAFirm");
  return firm;
}

/** The firm's owner or admin answers a request: `active` (the centre's members are told) or `declined`. */
async function decide(ctx: OrgContext, consentId: string, accept: boolean) {
  const firm = await assertFirm(ctx);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(managedProfileConsents)
      .set(accept ? { status: "active", grantedAt: at, decidedBy: ctx.actor.userId, updatedAt: at } : { status: "declined", decidedBy: ctx.actor.userId, endedAt: at, updatedAt: at })
      .where(and(eq(managedProfileConsents.id, consentId), eq(managedProfileConsents.organizationId, firm.id), eq(managedProfileConsents.status, "requested")))
      .returning();
    if (!row) throw managedError("NOT_FOUND", "consentNotFound");
    await audit(tx, ctx, accept ? "accepted" : "declined", row);
    if (accept) await notifyGranted(tx, row, firm.nameZh);
    return row;
  });
}

async function notifyGranted(tx: Db, row: ManagedConsent, firmName: string) {
  await notify(tx, {
    organizationId: row.centreOrgId,
    kind: "managementGranted",
    params: { firm: firmName },
    link: "/my/managed",
    dedupeKey: `managementGranted:${row.id}`,
  });
}

export const acceptManagement = ({ ctx, input }: { ctx: OrgContext; input: { consentId: string } }) => decide(ctx, input.consentId, true);
export const declineManagement = ({ ctx, input }: { ctx: OrgContext; input: { consentId: string } }) => decide(ctx, input.consentId, false);

/** The firm grants a centre directly (a pending request of that centre becomes active). */
export async function grantManagement({ ctx, input }: { ctx: OrgContext; input: { centreOrgId: string } }) {
  const firm = await assertFirm(ctx);
  const centre = await orgOf(ctx.db, input.centreOrgId);
  if (centre?.type !== "service_center") throw managedError("NOT_FOUND", "centreNotFound", "centreOrgId");
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const pair = and(eq(managedProfileConsents.organizationId, firm.id), eq(managedProfileConsents.centreOrgId, centre.id));
    const [pending] = await tx
      .update(managedProfileConsents)
      .set({ status: "active", grantedAt: at, decidedBy: ctx.actor.userId, updatedAt: at })
      .where(and(pair, eq(managedProfileConsents.status, "requested")))
      .returning();
    const row =
      pending ??
      (
        await tx
          .insert(managedProfileConsents)
          .values({ organizationId: firm.id, centreOrgId: centre.id, status: "active", requestedBy: ctx.actor.userId, decidedBy: ctx.actor.userId, grantedAt: at, createdAt: at, updatedAt: at })
          .returning()
          .catch(liveConflict)
      )[0]!;
    await audit(tx, ctx, "granted", row);
    await notifyGranted(tx, row, firm.nameZh);
    return row;
  });
}

/** The firm ends a consent; from this commit on the centre's writes are refused. The centre's members are told. */
export async function revokeManagement({ ctx, input }: { ctx: OrgContext; input: { consentId: string } }) {
  const firm = await assertFirm(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(managedProfileConsents)
      .set({ status: "revoked", endedAt: now(ctx), endedBy: ctx.actor.userId, updatedAt: now(ctx) })
      .where(and(eq(managedProfileConsents.id, input.consentId), eq(managedProfileConsents.organizationId, firm.id), eq(managedProfileConsents.status, "active")))
      .returning();
    if (!row) throw managedError("NOT_FOUND", "consentNotFound");
    await audit(tx, ctx, "revoked", row);
    const centre = await orgOf(tx, row.centreOrgId);
    await notify(tx, {
      organizationId: row.centreOrgId,
      kind: "managementEnded",
      params: { centre: centre?.nameZh ?? "", firm: firm.nameZh, by: firm.nameZh },
      link: "/my/managed",
      dedupeKey: `managementEnded:${row.id}`,
    });
    return row;
  });
}

// ---- Reads ----

const firmColumns = {
  id: organizations.id,
  nameZh: organizations.nameZh,
  nameEn: organizations.nameEn,
  provinceAdcode: organizations.provinceAdcode,
  cityAdcode: organizations.cityAdcode,
  countyAdcode: organizations.countyAdcode,
  updatedAt: organizations.updatedAt,
};

/**
 * The centre's page: the firms it manages (by consent, or profiles it created that nobody has
 * claimed), with their published listings and last change, and its pending requests.
 */
export async function listManagedFirms({ ctx }: { ctx: OrgContext }) {
  const centre = await assertCentre(ctx);
  const consents = await ctx.db
    .select({ consent: managedProfileConsents, firm: firmColumns })
    .from(managedProfileConsents)
    .innerJoin(organizations, eq(organizations.id, managedProfileConsents.organizationId))
    .where(and(eq(managedProfileConsents.centreOrgId, centre.id), inArray(managedProfileConsents.status, [...LIVE])))
    .orderBy(desc(managedProfileConsents.updatedAt));
  const created = await ctx.db
    .select(firmColumns)
    .from(organizations)
    .where(
      and(
        eq(organizations.createdVia, "centre"),
        eq(organizations.createdByOrgId, centre.id),
        isNull(organizations.claimedAt),
        sql`not exists (select 1 from memberships m where m.organization_id = "organizations"."id")`,
      ),
    )
    .orderBy(desc(organizations.updatedAt))
    .limit(200);
  const active = consents.filter((c) => c.consent.status === "active");
  const firms = [
    ...active.map((c) => ({ ...c.firm, consentId: c.consent.id as string | null, since: c.consent.grantedAt })),
    ...created.filter((f) => !active.some((c) => c.firm.id === f.id)).map((f) => ({ ...f, consentId: null, since: null })),
  ];
  const ids = firms.map((f) => f.id);
  const stats = ids.length
    ? await ctx.db
        .select({ organizationId: listings.organizationId, published: count(sql`case when ${listings.status} = 'published' then 1 end`), lastListing: max(listings.updatedAt) })
        .from(listings)
        .where(inArray(listings.organizationId, ids))
        .groupBy(listings.organizationId)
    : [];
  const statOf = new Map(stats.map((s) => [s.organizationId, s]));
  return {
    firms: firms.map((f) => {
      const s = statOf.get(f.id);
      const last = s?.lastListing && new Date(s.lastListing) > f.updatedAt ? new Date(s.lastListing) : f.updatedAt;
      return { ...f, publishedListings: s?.published ?? 0, lastChangeAt: last };
    }),
    pending: consents.filter((c) => c.consent.status === "requested").map((c) => ({ ...c.firm, consentId: c.consent.id, note: c.consent.note, requestedAt: c.consent.createdAt })),
  };
}

/** The firm's settings card: its live consents with the centre's name. */
export async function listMyConsents({ ctx }: { ctx: OrgContext }) {
  assertRole(ctx, CENTRE_ROLES);
  return ctx.db
    .select({
      id: managedProfileConsents.id,
      status: managedProfileConsents.status,
      note: managedProfileConsents.note,
      grantedAt: managedProfileConsents.grantedAt,
      createdAt: managedProfileConsents.createdAt,
      centre: { id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn, provinceAdcode: organizations.provinceAdcode, cityAdcode: organizations.cityAdcode, countyAdcode: organizations.countyAdcode },
    })
    .from(managedProfileConsents)
    .innerJoin(organizations, eq(organizations.id, managedProfileConsents.centreOrgId))
    .where(and(eq(managedProfileConsents.organizationId, ctx.membership.organizationId), inArray(managedProfileConsents.status, [...LIVE])))
    .orderBy(desc(managedProfileConsents.createdAt));
}

/** Organisations by name for the pickers: firms (for a centre's request) or service centres (for a firm's grant). Public fields only. */
export async function searchOrganizations({ ctx, input }: { ctx: OrgContext; input: { query: string; kind: "firm" | "centre" } }) {
  assertRole(ctx, CENTRE_ROLES);
  const pattern = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return ctx.db
    .select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn, provinceAdcode: organizations.provinceAdcode, cityAdcode: organizations.cityAdcode, countyAdcode: organizations.countyAdcode })
    .from(organizations)
    .where(
      and(
        input.kind === "firm" ? inArray(organizations.type, ["sme", "anchor"]) : eq(organizations.type, "service_center"),
        ne(organizations.id, ctx.membership.organizationId),
        or(ilike(organizations.nameZh, pattern), ilike(organizations.nameEn, pattern)),
      ),
    )
    .orderBy(organizations.nameZh)
    .limit(20);
}

/** The active organisation reading as the firm it manages (after the check): the firm's own reads are reused. */
async function asFirm(ctx: OrgContext, organizationId: string): Promise<OrgContext> {
  assertRole(ctx, CENTRE_ROLES);
  if (!(await canManage(ctx.db, ctx.membership.organizationId, organizationId))) throw managedError("FORBIDDEN", "notManaged");
  return { ...ctx, membership: { organizationId, role: ctx.membership.role } };
}

/** A managed firm's full profile and listings, for the centre's edit pages. */
export async function getManagedFirm({ ctx, input }: { ctx: OrgContext; input: { organizationId: string } }) {
  const as = await asFirm(ctx, input.organizationId);
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, input.organizationId));
  if (!org) throw managedError("NOT_FOUND", "firmNotFound");
  return { organization: org, listings: await listMyListings({ ctx: as, input: {} }) };
}

/** One of a managed firm's listings, as its edit page reads it. */
export async function getManagedListing({ ctx, input }: { ctx: OrgContext; input: { organizationId: string; id: string } }) {
  const as = await asFirm(ctx, input.organizationId);
  const data = await getListing({ ctx: as, id: input.id });
  if (data.listing.organizationId !== input.organizationId) throw new DomainError("NOT_FOUND", "listings.errors.notFound");
  return data;
}

/**
 * The centres managing an organisation, for its public page ("由 XX 服务中心代管"): active consents,
 * or the centre that created it while it is unclaimed and has no members.
 */
export async function managersOf({ ctx, organizationId }: { ctx: ServiceContext; organizationId: string }) {
  const byConsent = await ctx.db
    .select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn })
    .from(managedProfileConsents)
    .innerJoin(organizations, eq(organizations.id, managedProfileConsents.centreOrgId))
    .where(and(eq(managedProfileConsents.organizationId, organizationId), eq(managedProfileConsents.status, "active")));
  const [org] = await ctx.db
    .select({ createdVia: organizations.createdVia, createdByOrgId: organizations.createdByOrgId, claimedAt: organizations.claimedAt, members: sql<number>`(select count(*) from memberships m where m.organization_id = ${organizationId}::uuid)::int` })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (org?.createdVia === "centre" && org.createdByOrgId && !org.claimedAt && Number(org.members) === 0 && !byConsent.some((c) => c.id === org.createdByOrgId)) {
    const creator = await orgOf(ctx.db, org.createdByOrgId);
    if (creator?.type === "service_center") byConsent.push({ id: creator.id, nameZh: creator.nameZh, nameEn: creator.nameEn });
  }
  return byConsent;
}

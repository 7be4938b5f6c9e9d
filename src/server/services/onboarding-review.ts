import "server-only";
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { mergeInto, type CandidateMatch, type OrgRecord, type RowFlag } from "@/domain/resolution";
import type { ReviewDecisionInput } from "@/domain/schemas/onboarding";
import type { Db } from "../db/types";
import { importJobs, importReviewItems, organizations } from "../db/schema";
import { DomainError, forbidden, invalid, notFound } from "../errors";
import { writeAudit } from "./audit";
import { now, type AuthedContext } from "./context";
import { onboardingAccount } from "./onboarding";
import { applyMerges, insertImportedOrgs, loadOrgRecords, ownedOrganization, type FieldSources } from "./onboarding-records";

/**
 * The review queue: rows of a facility list that scored between REVIEW_THRESHOLD and
 * MERGE_THRESHOLD against existing organisations. A service centre sees and decides the items of
 * its own imports, a platform admin all of them. Merging adds the row's name as an alias and fills
 * the organisation's empty fields (never an owner's); keeping apart creates the organisation the
 * row describes. Either way the decision is remembered, so importing the list again asks nothing.
 */

interface StoredIncoming {
  record: Omit<OrgRecord, "id">;
  flags: RowFlag[];
  fileName: string | null;
}

/** Whose items the caller may see and decide: all (platform admin) or their centre's. */
async function scopeOf(ctx: AuthedContext): Promise<SQL | undefined> {
  if (ctx.actor.isPlatformAdmin) return undefined;
  const account = await onboardingAccount(ctx);
  if (account.kind !== "centre") throw forbidden();
  return eq(importReviewItems.ownerOrgId, account.organizationId);
}

/** An organisation as the reviewer compares it; an owned firm's street address stays private except to platform admins. */
async function sideBySide(db: Db, ids: string[], isAdmin: boolean) {
  if (ids.length === 0) return new Map<string, ReturnType<typeof view>>();
  const records = await loadOrgRecords(db, inArray(organizations.id, ids));
  const extra = await db
    .select({ id: organizations.id, fieldSources: organizations.fieldSources, createdVia: organizations.createdVia, owned: ownedOrganization })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  const byId = new Map(extra.map((e) => [e.id, e]));
  const view = (r: OrgRecord) => {
    const e = byId.get(r.id)!;
    const owned = e.owned;
    return {
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      address: owned && !isAdmin ? null : r.address,
      provinceAdcode: r.provinceAdcode,
      cityAdcode: r.cityAdcode,
      countyAdcode: r.countyAdcode,
      lat: r.lat,
      lng: r.lng,
      owned,
      createdVia: e.createdVia,
      sources: Object.entries(e.fieldSources as FieldSources).map(([field, s]) => ({ field, source: s.source.replace(/^(import|centre):.*/, "$1"), line: s.line ?? null })),
    };
  };
  return new Map(records.map((r) => [r.id, view(r)]));
}

export async function listReviewItems({ ctx, input }: { ctx: AuthedContext; input: { limit?: number } }) {
  const scope = await scopeOf(ctx);
  const where = and(eq(importReviewItems.status, "pending"), scope);
  const [total] = await ctx.db.select({ n: count() }).from(importReviewItems).where(where);
  const items = await ctx.db
    .select({
      id: importReviewItems.id,
      line: importReviewItems.line,
      incoming: importReviewItems.incoming,
      candidates: importReviewItems.candidates,
      score: importReviewItems.score,
      createdAt: importReviewItems.createdAt,
      fileName: importJobs.fileName,
    })
    .from(importReviewItems)
    .innerJoin(importJobs, eq(importJobs.id, importReviewItems.importJobId))
    .where(where)
    .orderBy(desc(importReviewItems.createdAt), importReviewItems.line)
    .limit(input.limit ?? 50);
  const ids = [...new Set(items.flatMap((i) => (i.candidates as CandidateMatch[]).map((c) => c.id)))];
  const orgs = await sideBySide(ctx.db, ids, ctx.actor.isPlatformAdmin);
  return {
    total: total?.n ?? 0,
    items: items.map((i) => {
      const incoming = i.incoming as StoredIncoming;
      return {
        id: i.id,
        line: i.line,
        fileName: i.fileName,
        createdAt: i.createdAt,
        score: i.score,
        incoming: { ...incoming.record, flags: incoming.flags, sources: incoming.record.sources.map((s) => ({ field: s.field })) },
        candidates: (i.candidates as CandidateMatch[])
          .filter((c) => orgs.has(c.id))
          .map((c) => ({ score: c.score, rule: c.rule, parts: c.parts, organization: orgs.get(c.id)! })),
      };
    }),
  };
}

/** Merges the row into a candidate, or keeps it apart as a new organisation; one transaction, with audit rows. */
export async function decideReviewItem({ ctx, input }: { ctx: AuthedContext; input: ReviewDecisionInput }) {
  const scope = await scopeOf(ctx);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(importReviewItems)
      .where(and(eq(importReviewItems.id, input.itemId), scope))
      .for("update");
    if (!item) throw notFound();
    if (item.status !== "pending") throw new DomainError("CONFLICT", "onboarding.errors.alreadyDecided");
    const incoming = (item.incoming as StoredIncoming).record;
    const meta = { jobId: item.importJobId, actorUserId: ctx.actor.userId, centreOrgId: item.ownerOrgId, at };
    let resultOrgId: string;
    if (input.decision === "merge") {
      const targetId = input.organizationId ?? item.candidateOrgId;
      if (!(item.candidates as CandidateMatch[]).some((c) => c.id === targetId)) throw invalid("invalidInput", "organizationId");
      await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, targetId)).for("update");
      const [target] = await loadOrgRecords(tx, eq(organizations.id, targetId));
      if (!target) throw notFound();
      const after: OrgRecord = { ...target, aliases: [...target.aliases], sources: [] };
      mergeInto(after, incoming);
      await applyMerges(tx, new Map([[target.id, target]]), [after], meta);
      resultOrgId = target.id;
    } else {
      resultOrgId = randomUUID();
      await insertImportedOrgs(tx, [{ ...incoming, id: resultOrgId, aliases: [], sources: [...incoming.sources] }], { ...meta, lines: new Map([[resultOrgId, item.line]]) });
    }
    const status = input.decision === "merge" ? ("merged" as const) : ("kept_apart" as const);
    // The same row queued again by a later import (another candidate came first) is answered too.
    await tx
      .update(importReviewItems)
      .set({ status, decidedBy: ctx.actor.userId, decidedAt: at, resultOrgId })
      .where(or(eq(importReviewItems.id, item.id), and(eq(importReviewItems.rowKey, item.rowKey), eq(importReviewItems.status, "pending"))));
    await writeAudit(tx, {
      organizationId: item.ownerOrgId ?? resultOrgId,
      actorUserId: ctx.actor.userId,
      action: `import.review.${input.decision}`,
      entityType: "import_review_item",
      entityId: item.id,
      changes: { jobId: item.importJobId, line: item.line, candidateOrgId: item.candidateOrgId, resultOrgId, name: incoming.name },
    });
    return { status, resultOrgId };
  });
}

/** Pending items the caller may decide (the badge next to the import page's link). */
export async function pendingReviewCount({ ctx }: { ctx: AuthedContext }): Promise<number> {
  let scope: SQL | undefined;
  try {
    scope = await scopeOf(ctx);
  } catch {
    return 0;
  }
  const [row] = await ctx.db.select({ n: count() }).from(importReviewItems).where(and(eq(importReviewItems.status, "pending"), scope));
  return row?.n ?? 0;
}

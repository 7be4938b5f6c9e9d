import "server-only";
import { and, count, desc, eq, ne, sql } from "drizzle-orm";
import { searchPageUrl } from "@/domain/search/url-state";
import { SAVED_SEARCH_LIMIT, savedSearchCreateSchema, savedSearchNameSchema, type SavedSearchCreateInput } from "@/domain/notifications";
import { savedSearchQuerySchema, type SavedSearchQuery } from "@/domain/schemas/search";
import type { Db } from "../db/types";
import { savedSearches, users } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { now, type AuthedContext } from "./context";

/**
 * Saved searches: a user's named query and filters of the search page, with an optional alert
 * (services/alerts.ts turns new results into notifications). Personal: only the owner lists,
 * renames, toggles or deletes them.
 */

const savedError = (key: string, field?: string, params: Record<string, string | number> = {}) =>
  new DomainError("CONFLICT", `notifications.errors.${key}`, params, field);

/** Serialises one user's saved-search changes (limit and unique names are checked under it). */
async function lockUser(tx: Db, userId: string) {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

async function assertNameFree(tx: Db, userId: string, name: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: savedSearches.id })
    .from(savedSearches)
    .where(and(eq(savedSearches.userId, userId), sql`lower(${savedSearches.name}) = lower(${name})`, exceptId ? ne(savedSearches.id, exceptId) : undefined));
  if (dup) throw savedError("duplicateName", "name", { name });
}

type Row = typeof savedSearches.$inferSelect;

function present(row: Row) {
  const parsed = savedSearchQuerySchema.safeParse(row.query);
  const query: SavedSearchQuery = parsed.success ? parsed.data : { entity: row.entity, q: "", filters: {} };
  return { id: row.id, name: row.name, entity: row.entity, query, alert: row.alert, url: searchPageUrl(query), lastCheckedAt: row.lastCheckedAt, createdAt: row.createdAt };
}
export type SavedSearchView = ReturnType<typeof present>;

export async function createSavedSearch({ ctx, input }: { ctx: AuthedContext; input: SavedSearchCreateInput }): Promise<SavedSearchView> {
  const values = savedSearchCreateSchema.parse(input);
  const userId = ctx.actor.userId;
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const [n] = await tx.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, userId));
    if ((n?.n ?? 0) >= SAVED_SEARCH_LIMIT) throw savedError("limit", undefined, { max: SAVED_SEARCH_LIMIT });
    await assertNameFree(tx, userId, values.name);
    const [row] = await tx
      .insert(savedSearches)
      .values({
        userId,
        organizationId: ctx.membership?.organizationId ?? null,
        entity: values.query.entity,
        name: values.name,
        query: values.query,
        alert: values.alert,
        // Alerts report what appears after saving, not what the user has just seen.
        lastCheckedAt: now(ctx),
        createdAt: now(ctx),
      })
      .returning();
    return present(row!);
  });
}

export async function listSavedSearches({ ctx }: { ctx: AuthedContext }): Promise<SavedSearchView[]> {
  const rows = await ctx.db
    .select()
    .from(savedSearches)
    .where(eq(savedSearches.userId, ctx.actor.userId))
    .orderBy(desc(savedSearches.createdAt), desc(savedSearches.id));
  return rows.map(present);
}

async function updateOwn(ctx: AuthedContext, id: string, change: (tx: Db, row: Row) => Promise<Partial<Row>>) {
  return ctx.db.transaction(async (tx) => {
    await lockUser(tx, ctx.actor.userId);
    const [row] = await tx
      .select()
      .from(savedSearches)
      .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, ctx.actor.userId)));
    if (!row) throw notFound("notFound");
    const set = await change(tx, row);
    const [updated] = await tx.update(savedSearches).set(set).where(eq(savedSearches.id, id)).returning();
    return present(updated!);
  });
}

export async function renameSavedSearch({ ctx, id, name }: { ctx: AuthedContext; id: string; name: string }) {
  const clean = savedSearchNameSchema.parse(name);
  return updateOwn(ctx, id, async (tx) => {
    await assertNameFree(tx, ctx.actor.userId, clean, id);
    return { name: clean };
  });
}

/** Turning an alert on starts from now: results already there are not news. */
export async function setSavedSearchAlert({ ctx, id, alert }: { ctx: AuthedContext; id: string; alert: boolean }) {
  return updateOwn(ctx, id, async (_tx, row) => (alert && !row.alert ? { alert, lastCheckedAt: now(ctx) } : { alert }));
}

export async function deleteSavedSearch({ ctx, id }: { ctx: AuthedContext; id: string }): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(savedSearches)
      .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, ctx.actor.userId)))
      .returning({ id: savedSearches.id });
    if (!row) throw notFound("notFound");
    return row;
  });
}

import "server-only";
import { and, count, desc, eq, gt, inArray, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import { messageHourKey } from "@/domain/deals/inquiry-rules";
import { demands, inquiries, inquiryMessages, inquiryReads, memberships, organizations, users } from "../db/schema";
import type { Db } from "../db/types";
import { writeAudit } from "./audit";
import { now, type OrgContext } from "./context";
import { assertAttachments, attachmentsOf, inquiryNotFound, partyInquiry } from "./inquiry-access";
import { notify } from "./notifications";

/**
 * The message thread of an inquiry (its deal shares it): the two sides only. Unread counts are per
 * user (inquiry_reads) and count the other side's messages; the other side's members hear of new
 * messages at most once per thread and hour.
 */

export const MESSAGE_PAGE = 50;

/** Unread messages of the other side per inquiry, for the signed-in user. */
export async function unreadCounts(db: Db, ctx: OrgContext, inquiryIds: string[]): Promise<Record<string, number>> {
  if (inquiryIds.length === 0) return {};
  const rows = await db
    .select({ inquiryId: inquiryMessages.inquiryId, n: count() })
    .from(inquiryMessages)
    .leftJoin(inquiryReads, and(eq(inquiryReads.inquiryId, inquiryMessages.inquiryId), eq(inquiryReads.userId, ctx.actor.userId)))
    .where(
      and(
        inArray(inquiryMessages.inquiryId, inquiryIds),
        ne(inquiryMessages.authorOrgId, ctx.membership.organizationId),
        or(isNull(inquiryReads.lastReadAt), gt(inquiryMessages.createdAt, inquiryReads.lastReadAt)),
      ),
    )
    .groupBy(inquiryMessages.inquiryId);
  return Object.fromEntries(rows.map((r) => [r.inquiryId, r.n]));
}

/** The newest 50 messages (before the message `before`, for older pages), oldest first. */
export async function listMessages({ ctx, inquiryId, before }: { ctx: OrgContext; inquiryId: string; before?: string }) {
  const { inquiry, side } = await partyInquiry(ctx.db, ctx, inquiryId);
  let cursor;
  if (before) {
    const [m] = await ctx.db
      .select({ id: inquiryMessages.id, createdAt: inquiryMessages.createdAt })
      .from(inquiryMessages)
      .where(and(eq(inquiryMessages.id, before), eq(inquiryMessages.inquiryId, inquiryId)));
    if (!m) throw inquiryNotFound();
    cursor = or(lt(inquiryMessages.createdAt, m.createdAt), and(eq(inquiryMessages.createdAt, m.createdAt), lt(inquiryMessages.id, m.id)));
  }
  const rows = await ctx.db
    .select({
      id: inquiryMessages.id,
      body: inquiryMessages.body,
      createdAt: inquiryMessages.createdAt,
      attachmentFileIds: inquiryMessages.attachmentFileIds,
      authorOrgId: inquiryMessages.authorOrgId,
      authorOrgNameZh: organizations.nameZh,
      authorOrgNameEn: organizations.nameEn,
      authorUserId: inquiryMessages.authorUserId,
      authorName: users.name,
    })
    .from(inquiryMessages)
    .innerJoin(organizations, eq(organizations.id, inquiryMessages.authorOrgId))
    .leftJoin(users, eq(users.id, inquiryMessages.authorUserId))
    .where(and(eq(inquiryMessages.inquiryId, inquiryId), cursor))
    .orderBy(desc(inquiryMessages.createdAt), desc(inquiryMessages.id))
    .limit(MESSAGE_PAGE + 1);
  const page = rows.slice(0, MESSAGE_PAGE).reverse();
  const files = await attachmentsOf(ctx.db, page.flatMap((m) => m.attachmentFileIds));
  const counterpart = side === "buyer" ? inquiry.supplierOrgId : inquiry.buyerOrgId;
  const [mine] = await ctx.db.select({ at: inquiryReads.lastReadAt }).from(inquiryReads).where(and(eq(inquiryReads.inquiryId, inquiryId), eq(inquiryReads.userId, ctx.actor.userId)));
  const [theirs] = await ctx.db
    .select({ at: max(inquiryReads.lastReadAt) })
    .from(inquiryReads)
    .innerJoin(memberships, and(eq(memberships.userId, inquiryReads.userId), eq(memberships.organizationId, counterpart)))
    .where(eq(inquiryReads.inquiryId, inquiryId));
  const { [inquiryId]: unread = 0 } = await unreadCounts(ctx.db, ctx, [inquiryId]);
  return {
    items: page.map(({ attachmentFileIds, authorOrgNameZh, authorOrgNameEn, authorUserId, authorName, ...m }) => ({
      ...m,
      mine: m.authorOrgId === ctx.membership.organizationId,
      authorOrg: { id: m.authorOrgId, nameZh: authorOrgNameZh, nameEn: authorOrgNameEn },
      author: authorUserId ? { id: authorUserId, name: authorName } : null,
      attachments: attachmentFileIds.map((id) => files.get(id)).filter((f) => f !== undefined),
    })),
    /** Pass as `before` for the previous page; null when this is the oldest. */
    nextBefore: rows.length > MESSAGE_PAGE ? page[0]!.id : null,
    /** Where the caller had read up to (the unread marker) and where the other side has. */
    readUpTo: mine?.at ?? null,
    counterpartReadUpTo: theirs?.at ?? null,
    unread,
  };
}

/** Moves the user's read marker forward to `at` (never back); returns where it stands. */
async function markReadIn(tx: Db, inquiryId: string, userId: string, at: Date): Promise<Date> {
  const [row] = await tx
    .insert(inquiryReads)
    .values({ inquiryId, userId, lastReadAt: at })
    .onConflictDoUpdate({ target: [inquiryReads.inquiryId, inquiryReads.userId], set: { lastReadAt: sql`greatest(${inquiryReads.lastReadAt}, excluded.last_read_at)` } })
    .returning({ lastReadAt: inquiryReads.lastReadAt });
  return row!.lastReadAt;
}

/** Posts a message (attachments: the author organisation's files) and tells the other side. */
export async function sendMessage({ ctx, inquiryId, body, attachmentFileIds }: { ctx: OrgContext; inquiryId: string; body: string; attachmentFileIds: string[] }) {
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const { inquiry, side } = await partyInquiry(tx, ctx, inquiryId);
    const ids = await assertAttachments(tx, ctx.membership.organizationId, attachmentFileIds);
    const [row] = await tx
      .insert(inquiryMessages)
      .values({ inquiryId, authorOrgId: ctx.membership.organizationId, authorUserId: ctx.actor.userId, body, attachmentFileIds: ids, createdAt: at })
      .returning({ id: inquiryMessages.id, createdAt: inquiryMessages.createdAt });
    await tx.update(inquiries).set({ lastMessageAt: at, updatedAt: at }).where(eq(inquiries.id, inquiryId));
    await markReadIn(tx, inquiryId, ctx.actor.userId, at);
    await writeAudit(tx, {
      organizationId: ctx.membership.organizationId,
      actorUserId: ctx.actor.userId,
      action: "inquiry.message",
      entityType: "inquiry",
      entityId: inquiryId,
      // The text stays in the thread; the log records that a message was sent.
      changes: { messageId: row!.id, attachments: ids.length },
    });
    const [names] = await tx
      .select({ from: organizations.nameZh, subject: demands.title })
      .from(organizations)
      .innerJoin(demands, eq(demands.id, inquiry.demandId))
      .where(eq(organizations.id, ctx.membership.organizationId));
    await notify(tx, {
      organizationId: side === "buyer" ? inquiry.supplierOrgId : inquiry.buyerOrgId,
      kind: "messageReceived",
      params: { from: names?.from ?? "", subject: names?.subject ?? "", preview: body.length > 80 ? `${body.slice(0, 80)}…` : body },
      link: `/inquiries/${inquiryId}`,
      dedupeKey: `messageReceived:${inquiryId}:${messageHourKey(at)}`,
    });
    return { id: row!.id, createdAt: row!.createdAt };
  });
}

/** The signed-in user has read the thread up to now. */
export async function markThreadRead({ ctx, inquiryId }: { ctx: OrgContext; inquiryId: string }) {
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    await partyInquiry(tx, ctx, inquiryId);
    return { inquiryId, lastReadAt: await markReadIn(tx, inquiryId, ctx.actor.userId, at) };
  });
}

import "server-only";
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { env } from "@/env";
import type { AppLocale } from "@/i18n/config";
import { loadMessages } from "@/i18n/messages";
import {
  KIND_DEFAULTS,
  NOTIFICATION_KINDS,
  renderNotification,
  type ChannelPreference,
  type NotificationKind,
  type NotificationParams,
  type NotificationTranslator,
  type PreferenceInput,
} from "@/domain/notifications";
import type { Db } from "../db/types";
import { memberships, notificationPreferences, notifications, users } from "../db/schema";
import { notFound } from "../errors";
import { now, type AuthedContext } from "./context";
import { enqueueEmail } from "./outbox";

/**
 * The notification centre. Producers call `notify` inside their own transaction; it writes one
 * in-app row per recipient (deduplicated by `dedupeKey`, so a re-run notifies nobody twice) and
 * an e-mail through the message outbox, each as the recipient's preferences say. Reads and
 * changes are always the signed-in user's own.
 */

export interface NotifyInput {
  /** Recipients: these users, or every member of this organisation (or both). */
  userIds?: string[];
  organizationId?: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** An app path ("/demands/…"). */
  link: string | null;
  /** Unique per user: the same key again is ignored. */
  dedupeKey: string;
}

export interface NotifyResult {
  inApp: number;
  emails: number;
}

const translators = new Map<AppLocale, Promise<NotificationTranslator>>();

/** The `notifications` messages of a locale as a translator (the same renderer the UI uses). */
export function notificationTranslator(locale: AppLocale): Promise<NotificationTranslator> {
  let t = translators.get(locale);
  if (!t) {
    t = loadMessages(locale).then((messages) => createTranslator({ locale, messages, namespace: "notifications" }) as unknown as NotificationTranslator);
    translators.set(locale, t);
  }
  return t;
}

/** Subject and plain-text body of a notification e-mail in the recipient's language. */
export async function renderNotificationEmail(locale: AppLocale, n: { kind: string; params: unknown; link: string | null }) {
  const t = await notificationTranslator(locale);
  const { title, body } = renderNotification(t, n);
  const base = env.NEXTAUTH_URL;
  const lines = [body];
  if (n.link) lines.push("", t("email.open", { url: `${base}${n.link}` }));
  lines.push("", t("email.footer", { url: `${base}/notifications` }));
  return { subject: `${t("email.subjectPrefix")}${title}`, body: `${lines.join("\n")}\n` };
}

async function preferencesOf(db: Db, userIds: string[], kind: string): Promise<Map<string, ChannelPreference>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: notificationPreferences.userId, inApp: notificationPreferences.inApp, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.kind, kind)));
  return new Map(rows.map((r) => [r.userId, { inApp: r.inApp, email: r.email }]));
}

/**
 * Writes the notification for every recipient, in the caller's transaction. In-app rows are
 * skipped when the user turned the kind off in the app; e-mails go to users with an address and
 * the e-mail channel on, once per new in-app row (or, with in-app off, once per call: producers
 * are idempotent themselves, claiming their work in the same transaction).
 */
export async function notify(tx: Db, input: NotifyInput): Promise<NotifyResult> {
  const ids = new Set(input.userIds ?? []);
  if (input.organizationId)
    for (const m of await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.organizationId, input.organizationId))) ids.add(m.userId);
  if (ids.size === 0) return { inApp: 0, emails: 0 };
  const recipients = await tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(inArray(users.id, [...ids]));
  const prefs = await preferencesOf(tx, recipients.map((r) => r.id), input.kind);
  const pref = (userId: string) => prefs.get(userId) ?? KIND_DEFAULTS[input.kind];

  const inAppUsers = recipients.filter((r) => pref(r.id).inApp);
  const inserted = new Set<string>();
  if (inAppUsers.length) {
    const rows = await tx
      .insert(notifications)
      .values(inAppUsers.map((r) => ({ userId: r.id, organizationId: input.organizationId ?? null, kind: input.kind, params: input.params, link: input.link, dedupeKey: input.dedupeKey })))
      .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
      .returning({ userId: notifications.userId });
    for (const r of rows) inserted.add(r.userId);
  }

  let emails = 0;
  for (const r of recipients) {
    const p = pref(r.id);
    if (!r.email || !p.email || (p.inApp && !inserted.has(r.id))) continue;
    const mail = await renderNotificationEmail(r.locale, { kind: input.kind, params: input.params, link: input.link });
    await enqueueEmail(tx, { to: r.email, ...mail });
    emails++;
  }
  return { inApp: inserted.size, emails };
}

// ---- The signed-in user's centre ----

export const PAGE_SIZE = 20;

export async function listNotifications({ ctx, page = 1, pageSize = PAGE_SIZE, unreadOnly = false }: { ctx: AuthedContext; page?: number; pageSize?: number; unreadOnly?: boolean }) {
  const userId = ctx.actor.userId;
  const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
  const [total] = await ctx.db.select({ n: count() }).from(notifications).where(where);
  const items = await ctx.db
    .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: total?.n ?? 0, page, pageSize, unread: await unreadCount({ ctx }) };
}

export async function unreadCount({ ctx }: { ctx: AuthedContext }): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read (again is fine); another user's is not found. */
export async function markRead({ ctx, id }: { ctx: AuthedContext; id: string }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${now(ctx).toISOString()}::timestamptz)` })
      .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.actor.userId)))
      .returning({ id: notifications.id, link: notifications.link });
    if (!row) throw notFound("notFound");
    return row;
  });
}

export async function markAllRead({ ctx }: { ctx: AuthedContext }): Promise<{ updated: number }> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: now(ctx) })
      .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { updated: rows.length };
  });
}

/** Every kind with the user's channels (defaults where they chose nothing). */
export async function getPreferences({ ctx }: { ctx: AuthedContext }): Promise<Array<{ kind: NotificationKind } & ChannelPreference>> {
  const rows = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, ctx.actor.userId));
  const saved = new Map(rows.map((r) => [r.kind, r]));
  return NOTIFICATION_KINDS.map((kind) => {
    const r = saved.get(kind);
    return { kind, inApp: r?.inApp ?? KIND_DEFAULTS[kind].inApp, email: r?.email ?? KIND_DEFAULTS[kind].email };
  });
}

export async function setPreference({ ctx, input }: { ctx: AuthedContext; input: PreferenceInput }) {
  return ctx.db.transaction(async (tx) => {
    await tx
      .insert(notificationPreferences)
      .values({ userId: ctx.actor.userId, kind: input.kind, inApp: input.inApp, email: input.email })
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { inApp: input.inApp, email: input.email } });
    return input;
  });
}

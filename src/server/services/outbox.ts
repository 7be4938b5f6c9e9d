import "server-only";
import { desc, lt } from "drizzle-orm";
import type { Db } from "../db/types";
import { messageOutbox } from "../db/schema";

/**
 * E-mail and SMS leave through this outbox, written in the same transaction as the change that
 * causes them. Without SMTP/SMS configuration they stay here and platform admins read them in the app.
 */
export async function enqueueEmail(tx: Db, m: { to: string; subject: string; body: string }) {
  const [row] = await tx
    .insert(messageOutbox)
    .values({ channel: "email", recipient: m.to, subject: m.subject, body: m.body })
    .returning({ id: messageOutbox.id });
  return row!.id;
}

export async function enqueueSms(tx: Db, m: { to: string; body: string }) {
  const [row] = await tx
    .insert(messageOutbox)
    .values({ channel: "sms", recipient: m.to, body: m.body })
    .returning({ id: messageOutbox.id });
  return row!.id;
}

export async function listOutbox(db: Db, opts: { limit: number; before?: Date }) {
  return db
    .select()
    .from(messageOutbox)
    .where(opts.before ? lt(messageOutbox.createdAt, opts.before) : undefined)
    .orderBy(desc(messageOutbox.createdAt))
    .limit(opts.limit);
}

import "server-only";
import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../db/types";
import { messageOutbox } from "../db/schema";

/**
 * Delivers the e-mail rows of the message outbox over SMTP (SMS rows are left alone). Each row is
 * claimed with `FOR UPDATE SKIP LOCKED` in a transaction of its own that sends it and marks it: sent
 * (`sent_at`), or the error with `attempts` + 1, and `failed` once the attempts are used up. A crash
 * before the commit rolls the claim back and the row goes out again on a later pass (at least
 * once; the Message-ID is the row's id, so a repeat is recognisable), while a concurrent relay skips
 * the locked row and can never send it a second time. The table has no next-attempt column, so the
 * backoff is derived from `created_at` and `attempts` (`mailDueAt`). The price of holding the row
 * lock across the send: on PGlite, whose single connection the transaction holds, the app waits for
 * each send (bounded by the SMTP timeouts; a server that cannot be reached ends the pass at once).
 */

export const MAIL_DEFAULTS = {
  /** Rows per pass; the rest wait for the next pass. */
  batchSize: 100,
  /** Delivery attempts before a row is marked failed. */
  maxAttempts: 10,
  /** Attempt n+1 is due at created_at + base × (2^n − 1): 1, 3, 7, 15 … 511 minutes (8.5 h for the 10th). */
  backoffBaseMs: 60_000,
  /** SMTP connection and greeting timeout; a socket may stay silent twice as long. */
  timeoutMs: 10_000,
} as const;

export interface MailRelayOptions {
  /** smtp://user:pass@host:587 or smtps://…:465 (`env.SMTP_URL`). */
  smtpUrl: string;
  /** The From header (`env.MAIL_FROM`). */
  from: string;
  batchSize?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  timeoutMs?: number;
  now?: () => Date;
}

export interface MailPass {
  sent: number;
  /** Failed this time, left pending for a later pass. */
  retrying: number;
  /** Failed for the last time (status failed). */
  failed: number;
  /** The last error of the pass. */
  error?: string;
}

/** When a row that has had `attempts` delivery attempts is due for the next one. */
export function mailDueAt(createdAt: Date, attempts: number, backoffBaseMs: number = MAIL_DEFAULTS.backoffBaseMs): Date {
  return new Date(createdAt.getTime() + backoffBaseMs * (2 ** attempts - 1));
}

/** Errors about one message (a recipient or the content refused); anything else is the server or the connection. */
const MESSAGE_ERRORS = new Set(["EENVELOPE", "EMESSAGE"]);

function describeError(e: unknown): { text: string; serverWide: boolean } {
  const err = e as { message?: string; code?: string };
  return { text: (err.message ?? String(e)).slice(0, 2000), serverWide: !MESSAGE_ERRORS.has(err.code ?? "") };
}

/** `Name <user@host>` → `host`, for Message-IDs in the sender's domain. */
function senderDomain(from: string): string {
  return /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? "fanglian.local";
}

/** One pass: sends every due e-mail (up to `batchSize`), each at most once. */
export async function relayMail(db: Db, opts: MailRelayOptions): Promise<MailPass> {
  const now = opts.now?.() ?? new Date();
  const batchSize = opts.batchSize ?? MAIL_DEFAULTS.batchSize;
  const maxAttempts = opts.maxAttempts ?? MAIL_DEFAULTS.maxAttempts;
  const baseMs = opts.backoffBaseMs ?? MAIL_DEFAULTS.backoffBaseMs;
  const timeoutMs = opts.timeoutMs ?? MAIL_DEFAULTS.timeoutMs;
  const domain = senderDomain(opts.from);
  // One pooled connection for the pass, opened by the first send.
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, pool: true, maxConnections: 1, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: 2 * timeoutMs });
  const due = sql`${messageOutbox.createdAt} + (power(2, ${messageOutbox.attempts}) - 1) * ${baseMs}::float8 * interval '1 millisecond' <= ${now.toISOString()}::timestamptz`;
  const pass: MailPass = { sent: 0, retrying: 0, failed: 0 };
  // Rows this pass has tried: a failed row may be due again at once (base 0, or long overdue).
  const tried: string[] = [];
  try {
    while (tried.length < batchSize) {
      const outcome = await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ id: messageOutbox.id, recipient: messageOutbox.recipient, subject: messageOutbox.subject, body: messageOutbox.body, attempts: messageOutbox.attempts })
          .from(messageOutbox)
          .where(and(eq(messageOutbox.channel, "email"), eq(messageOutbox.status, "pending"), due, tried.length ? notInArray(messageOutbox.id, tried) : undefined))
          .orderBy(asc(messageOutbox.createdAt), asc(messageOutbox.id))
          .limit(1)
          .for("update", { skipLocked: true });
        if (!row) return null;
        tried.push(row.id);
        const attempts = row.attempts + 1;
        try {
          await transport.sendMail({
            from: opts.from,
            to: row.recipient,
            subject: row.subject ?? "",
            text: row.body,
            messageId: `<${row.id}@${domain}>`,
            // RFC 3834: no out-of-office replies to notifications.
            headers: { "Auto-Submitted": "auto-generated" },
          });
          await tx.update(messageOutbox).set({ status: "sent", attempts, sentAt: sql`now()`, lastError: null }).where(eq(messageOutbox.id, row.id));
          return { sent: true as const };
        } catch (e) {
          const error = describeError(e);
          const gaveUp = attempts >= maxAttempts;
          await tx
            .update(messageOutbox)
            .set({ status: gaveUp ? "failed" : "pending", attempts, lastError: error.text })
            .where(eq(messageOutbox.id, row.id));
          return { sent: false as const, gaveUp, ...error };
        }
      });
      if (!outcome) break;
      if (outcome.sent) {
        pass.sent++;
        continue;
      }
      if (outcome.gaveUp) pass.failed++;
      else pass.retrying++;
      pass.error = outcome.text;
      // The server is down or refuses us: the other rows would fail the same way; try again next pass.
      if (outcome.serverWide) break;
    }
  } finally {
    transport.close();
  }
  return pass;
}

/**
 * Keeps the relay running in a server process (only when SMTP_URL is set): a pass every
 * `intervalMs`, never two at once, a full batch followed at once by the next. Errors are logged and
 * retried by the backoff, never thrown. Returns a stop function.
 */
export function startMailRelay(db: Db, opts: MailRelayOptions & { intervalMs?: number; log?: (msg: string) => void }): () => Promise<void> {
  const log = opts.log ?? ((m: string) => console.log(`[mail] ${m}`));
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    let again = false;
    current = relayMail(db, opts)
      .then((p) => {
        if (p.sent) log(`sent ${p.sent} e-mail(s)`);
        if (p.error) log(`${p.retrying} e-mail(s) will be retried, ${p.failed} given up: ${p.error}`);
        again = !p.error && p.sent >= (opts.batchSize ?? MAIL_DEFAULTS.batchSize);
      })
      .catch((e) => log(`pass failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, again ? 0 : (opts.intervalMs ?? 10_000));
        timer.unref?.();
      });
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}

import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { otpCodes, users } from "../db/schema";
import { conflict, invalid, notFound } from "../errors";
import { enqueueSms } from "./outbox";
import { getSetting } from "./settings";

const hashCode = (phone: string, code: string) => createHash("sha256").update(`${phone}:${code}`).digest("hex");

/** Sends a six-digit code by SMS (through the outbox). Sign-in codes go only to registered numbers. */
export async function requestOtp(db: Db, input: { phone: string; purpose: "signin" | "signup" }, at: Date) {
  const cfg = await getSetting(db, "auth.otp");
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.phone, input.phone));
  if (input.purpose === "signin" && !existing) throw notFound("phoneNotRegistered");
  if (input.purpose === "signup" && existing) throw conflict("phoneTaken", "phone");
  const [recent] = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(and(eq(otpCodes.phone, input.phone), gt(otpCodes.createdAt, new Date(at.getTime() - cfg.resendSeconds * 1000))))
    .limit(1);
  if (recent) {
    const wait = Math.ceil((recent.createdAt.getTime() + cfg.resendSeconds * 1000 - at.getTime()) / 1000);
    throw invalid("otpTooSoon", "phone", { seconds: Math.max(1, wait) });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const minutes = Math.round(cfg.ttlSeconds / 60);
  await db.transaction(async (tx) => {
    await tx.insert(otpCodes).values({
      phone: input.phone,
      codeHash: hashCode(input.phone, code),
      expiresAt: new Date(at.getTime() + cfg.ttlSeconds * 1000),
      createdAt: at,
    });
    await enqueueSms(tx, {
      to: input.phone,
      body: `【纺链】您的验证码是 ${code}，${minutes} 分钟内有效。Your Fanglian code is ${code} (valid ${minutes} min).`,
    });
  });
  return { sentTo: input.phone, expiresInSeconds: cfg.ttlSeconds };
}

/**
 * Checks a code without consuming it. A wrong code counts against the code's attempts outside any
 * transaction of the caller, so rolling the caller back cannot reset the counter.
 */
export async function checkOtp(db: Db, phone: string, code: string, at: Date): Promise<string> {
  const cfg = await getSetting(db, "auth.otp");
  const [row] = await db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, at)))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  if (!row) throw invalid("otpInvalid", "code");
  if (row.attempts >= cfg.maxAttempts) throw invalid("otpTooManyAttempts", "code");
  const a = Buffer.from(row.codeHash, "hex");
  const b = Buffer.from(hashCode(phone, code), "hex");
  if (!timingSafeEqual(a, b)) {
    await db.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(eq(otpCodes.id, row.id));
    throw invalid("otpInvalid", "code");
  }
  return row.id;
}

/** Marks a checked code used; fails if another request used it first. */
export async function consumeOtp(tx: Db, otpId: string, at: Date): Promise<void> {
  const used = await tx
    .update(otpCodes)
    .set({ consumedAt: at })
    .where(and(eq(otpCodes.id, otpId), isNull(otpCodes.consumedAt)))
    .returning({ id: otpCodes.id });
  if (used.length === 0) throw invalid("otpInvalid", "code");
}

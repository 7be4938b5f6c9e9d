import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { describeEachDb } from "@/test/db";
import { messageOutbox } from "../db/schema";
import type { Db } from "../db/types";
import { mailDueAt, relayMail, startMailRelay, type MailRelayOptions } from "./mail-relay";
import { startTestSmtpServer, unreachableSmtpUrl, type TestSmtpServer } from "./mail-testing";
import { enqueueEmail, enqueueSms } from "./outbox";

const FROM = "纺链 <noreply@fanglian.local>";

async function outboxRow(db: Db, id: string) {
  const [row] = await db.select().from(messageOutbox).where(eq(messageOutbox.id, id));
  return row!;
}

describe("mail configuration", () => {
  it("takes smtp:// and smtps:// URLs with credentials, defaults MAIL_FROM and refuses anything else", () => {
    const e = parseEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587" });
    expect(e.SMTP_URL).toBe("smtp://user:pass@mail.example.com:587");
    expect(e.MAIL_FROM).toBe(FROM);
    expect(parseEnv({ SMTP_URL: "smtps://mail.example.com", MAIL_FROM: "ops@example.com" }).MAIL_FROM).toBe("ops@example.com");
    expect(parseEnv({ SMTP_URL: " " }).SMTP_URL).toBeUndefined();
    expect(() => parseEnv({ SMTP_URL: "https://mail.example.com" })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ MAIL_FROM: "纺链" })).toThrow(/MAIL_FROM/);
  });

  it("spaces the attempts of a row out from its creation: base × (2^n − 1)", () => {
    const created = new Date("2027-01-10T00:00:00Z");
    expect([0, 1, 2, 3].map((n) => (mailDueAt(created, n, 60_000).getTime() - created.getTime()) / 60_000)).toEqual([0, 1, 3, 7]);
  });
});

describeEachDb(
  "mail relay (a real SMTP server on 127.0.0.1)",
  (t) => {
    let smtp: TestSmtpServer;
    let opts: MailRelayOptions;
    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      opts = { smtpUrl: smtp.url, from: FROM };
    });
    afterAll(async () => {
      await smtp.close();
    });
    beforeEach(async () => {
      // The suite's database is its own: earlier tests' rows are settled so each test sees only its own.
      await t.db.update(messageOutbox).set({ status: "failed" }).where(eq(messageOutbox.status, "pending"));
      smtp.received.length = 0;
      smtp.rejectRecipients.clear();
      smtp.delayMs = 0;
    });
    const email = (to: string, subject: string, body: string) => t.db.transaction((tx) => enqueueEmail(tx, { to, subject, body }));

    it("delivers pending e-mails (recipient, UTF-8 subject and body, From, Message-ID), marks them sent and leaves SMS alone", async () => {
      const body = "您好，王经理：\n\n鲁纺示范集团发布了新的询价「精梳棉纱 JC40S，30 吨」，与您的产品匹配度 92%。\nhttps://fanglian.example/demands/1 — 请在 3 天内报价 ✓";
      const a = await email("buyer@example.test", "纺链：新的询价 — 精梳棉纱 JC40S", body);
      const b = await email("second@example.test", "Fanglian: invitation", "Join 鲁纺示范集团 on Fanglian.");
      const sms = await t.db.transaction((tx) => enqueueSms(tx, { to: "+8613800000000", body: "验证码 123456" }));

      expect(await relayMail(t.db, opts)).toEqual({ sent: 2, retrying: 0, failed: 0 });
      expect(smtp.received).toHaveLength(2);
      const first = smtp.received.find((m) => m.envelopeTo.includes("buyer@example.test"))!;
      expect(first.envelopeTo).toEqual(["buyer@example.test"]);
      expect(first.envelopeFrom).toBe("noreply@fanglian.local");
      expect(first.parsed.to).toMatchObject({ value: [{ address: "buyer@example.test" }] });
      expect(first.parsed.from?.value).toEqual([{ name: "纺链", address: "noreply@fanglian.local" }]);
      expect(first.parsed.subject).toBe("纺链：新的询价 — 精梳棉纱 JC40S");
      expect(first.parsed.text?.replace(/\n$/, "")).toBe(body);
      expect(first.parsed.messageId).toBe(`<${a}@fanglian.local>`);
      expect(first.parsed.headers.get("auto-submitted")).toBe("auto-generated");
      expect(first.raw).toMatch(/charset=utf-8/i);
      expect(smtp.received.find((m) => m.envelopeTo.includes("second@example.test"))?.parsed.subject).toBe("Fanglian: invitation");

      for (const id of [a, b]) expect(await outboxRow(t.db, id)).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: expect.any(Date) });
      expect(await outboxRow(t.db, sms)).toMatchObject({ status: "pending", attempts: 0, sentAt: null });

      expect(await relayMail(t.db, opts)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(smtp.received).toHaveLength(2);
    });

    it("a 550 on RCPT leaves the row pending with the error and attempts+1, retried once per pass after its backoff; the maximum fails it", async () => {
      smtp.rejectRecipients.add("gone@example.test");
      const bad = await email("gone@example.test", "纺链：通知", "正文");
      const good = await email("ok@example.test", "纺链：通知", "正文");
      const created = (await outboxRow(t.db, bad)).createdAt;
      const at = (ms: number) => ({ ...opts, maxAttempts: 3, now: () => new Date(created.getTime() + ms) });

      // A rejected recipient does not stop the pass: the next row is delivered.
      const first = await relayMail(t.db, at(1_000));
      expect(first).toMatchObject({ sent: 1, retrying: 1, failed: 0 });
      expect(first.error).toMatch(/550/);
      expect(smtp.received.map((m) => m.envelopeTo)).toEqual([["ok@example.test"]]);
      expect(await outboxRow(t.db, good)).toMatchObject({ status: "sent", attempts: 1 });
      const pending = await outboxRow(t.db, bad);
      expect(pending).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
      expect(pending.lastError).toMatch(/550.*no such user here/);

      // Backoff: due again one base (60 s) after creation, not before.
      expect(await relayMail(t.db, at(59_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(await outboxRow(t.db, bad)).toMatchObject({ attempts: 1 });
      expect(await relayMail(t.db, at(61_000))).toMatchObject({ retrying: 1, failed: 0 });
      expect(await outboxRow(t.db, bad)).toMatchObject({ status: "pending", attempts: 2 });

      // Long overdue: still one attempt per pass, and the third (maxAttempts) marks it failed for good.
      const late = await relayMail(t.db, at(86_400_000));
      expect(late).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
      expect(await outboxRow(t.db, bad)).toMatchObject({ status: "failed", attempts: 3, lastError: expect.stringMatching(/550/) });
      expect(await relayMail(t.db, at(10 * 86_400_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
    });

    it("two relays in parallel send every row exactly once", async () => {
      smtp.delayMs = 30;
      const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => email(`p${i}@example.test`, `纺链 ${i}`, `第 ${i} 封`)));
      const [x, y] = await Promise.all([relayMail(t.db, opts), relayMail(t.db, opts)]);
      expect(x.sent + y.sent).toBe(8);
      expect(x.retrying + y.retrying + x.failed + y.failed).toBe(0);
      const to = smtp.received.flatMap((m) => m.envelopeTo).sort();
      expect(to).toEqual(Array.from({ length: 8 }, (_, i) => `p${i}@example.test`).sort());
      expect(new Set(smtp.received.map((m) => m.parsed.messageId)).size).toBe(8);
      for (const id of ids) expect(await outboxRow(t.db, id)).toMatchObject({ status: "sent", attempts: 1 });
    });

    it("the app's background loop delivers what is queued while it runs and stops cleanly", async () => {
      const logs: string[] = [];
      const stop = startMailRelay(t.db, { ...opts, intervalMs: 50, log: (m) => logs.push(m) });
      const id = await email("loop@example.test", "纺链：循环", "后台发送");
      for (let i = 0; i < 100 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      await stop();
      expect(smtp.received.map((m) => m.envelopeTo)).toEqual([["loop@example.test"]]);
      expect(await outboxRow(t.db, id)).toMatchObject({ status: "sent" });
      expect(logs).toContain("sent 1 e-mail(s)");
    });

    it("a server that cannot be reached ends the pass after one attempt, recorded on that row only", async () => {
      const a = await email("x1@example.test", "s", "b");
      const b = await email("x2@example.test", "s", "b");
      const pass = await relayMail(t.db, { ...opts, smtpUrl: await unreachableSmtpUrl(), timeoutMs: 2_000 });
      expect(pass).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
      expect(pass.error).toMatch(/ECONNREFUSED|connect/i);
      const rows = [await outboxRow(t.db, a), await outboxRow(t.db, b)];
      expect(rows.map((r) => r.attempts).sort()).toEqual([0, 1]);
      expect(rows.every((r) => r.status === "pending")).toBe(true);

      // Wrong credentials are the server refusing us, too: one attempt, then the pass ends.
      const wrong = smtp.url.replace(/:[^:@/]+@/, ":wrong@");
      const refused = await relayMail(t.db, { ...opts, smtpUrl: wrong, now: () => new Date(Date.now() + 3_600_000) });
      expect(refused).toMatchObject({ sent: 0, retrying: 1 });
      expect(refused.error).toMatch(/Invalid username or password|auth/i);
      expect(smtp.received).toHaveLength(0);
    });
  },
  { fresh: true },
);

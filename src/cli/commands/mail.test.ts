import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOutbox } from "@/server/db/schema";
import { openDatabase } from "@/server/db/open";
import { startTestSmtpServer, type TestSmtpServer } from "@/server/services/mail-testing";
import { enqueueEmail } from "@/server/services/outbox";

const bin = path.resolve(__dirname, "../../../bin/fanglian.mjs");

// Asynchronous: the SMTP server the command talks to runs in this process.
function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "", SMTP_URL: "", ...env }, timeout: 120_000 }, (_e, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

describe("fanglian mail", { timeout: 240_000 }, () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-mail-")), "pglite");
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("sends due e-mails in one pass (exit 0, or 1 when one must be retried) and is refused without SMTP_URL", async () => {
    const handle = await openDatabase({ pgliteDir: dir });
    await handle.db.transaction(async (tx) => {
      await enqueueEmail(tx, { to: "ok@example.test", subject: "纺链：邀请", body: "欢迎加入纺链" });
      await enqueueEmail(tx, { to: "gone@example.test", subject: "纺链：通知", body: "正文" });
    });
    await handle.close();
    smtp.rejectRecipients.add("gone@example.test");

    const refused = await run(["mail", "--json"], { PGLITE_DIR: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("SMTP_URL is not set");
    expect(JSON.parse(refused.stdout.trim())).toMatchObject({ error: "usage" });
    expect((await run(["mail", "now"], { PGLITE_DIR: dir, SMTP_URL: smtp.url })).status).toBe(2);

    const first = await run(["mail", "--json"], { PGLITE_DIR: dir, SMTP_URL: smtp.url });
    expect(first.status, first.stderr).toBe(1);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ command: "mail", sent: 1, retrying: 1, failed: 0, error: expect.stringMatching(/550/) });
    expect(smtp.received.map((m) => [m.envelopeTo, m.parsed.subject, m.parsed.text?.trim()])).toEqual([[["ok@example.test"], "纺链：邀请", "欢迎加入纺链"]]);

    // The rejected row waits for its backoff: nothing is due, nothing is sent again.
    const again = await run(["mail"], { PGLITE_DIR: dir, SMTP_URL: smtp.url });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe("Sent 0 e-mails.");
    expect(smtp.received).toHaveLength(1);

    const check = await openDatabase({ pgliteDir: dir });
    const rows = await check.db.select().from(messageOutbox);
    await check.close();
    expect(Object.fromEntries(rows.map((r) => [r.recipient, [r.status, r.attempts]]))).toEqual({ "ok@example.test": ["sent", 1], "gone@example.test": ["pending", 1] });
  });
});

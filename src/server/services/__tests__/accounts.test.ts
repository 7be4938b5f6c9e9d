import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signUpSchema } from "@/domain/schemas/account";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, orgProfile, PASSWORD, uniq } from "@/test/factories";
import { messageOutbox } from "../../db/schema";
import type { Db } from "../../db/types";
import { authenticateWithOtp, authenticateWithPassword, resolveSession, signUp } from "../accounts";
import { requestOtp } from "../otp";
import { setSetting } from "../settings";

async function lastSmsCode(db: Db, phone: string): Promise<string> {
  const [sms] = await db
    .select()
    .from(messageOutbox)
    .where(and(eq(messageOutbox.channel, "sms"), eq(messageOutbox.recipient, phone)))
    .orderBy(desc(messageOutbox.createdAt))
    .limit(1);
  const code = sms?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no SMS code for ${phone}`);
  return code;
}

const randomPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

describeEachDb("accounts", (t) => {
  it("signs up with e-mail, signs in, and refuses a wrong password", async () => {
    const { userId, email, organizationId } = await createMember(t.db);
    const ok = await authenticateWithPassword({ db: t.db, input: { email, password: PASSWORD }, ip: uniq("ip") });
    expect(ok.id).toBe(userId);
    await expect(authenticateWithPassword({ db: t.db, input: { email, password: "wrong password" }, ip: uniq("ip") })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      messageKey: "errors.invalidCredentials",
    });
    const session = await resolveSession(t.db, userId);
    expect(session?.active).toMatchObject({ organizationId, role: "owner" });
  });

  it("refuses a duplicate e-mail, whatever its case", async () => {
    const { email } = await createMember(t.db);
    const input = signUpSchema.parse({
      method: "email",
      name: "重复",
      email: email.toUpperCase(),
      password: PASSWORD,
      acceptPrivacy: true,
      organization: orgProfile(),
    });
    await expect(signUp({ db: t.db, input })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "errors.emailTaken", field: "email" });
  });

  it("signs up and signs in with a mobile number and a one-time code", async () => {
    const phone = randomPhone();
    const caller = await callerFor(t.db, null);
    await caller.account.requestOtp({ phone, purpose: "signup" });
    const code = await lastSmsCode(t.db, `+86${phone}`);
    const { userId } = await caller.account.signUp({
      method: "phone",
      name: "王厂长",
      phone: `+86 ${phone}`,
      code,
      acceptPrivacy: true,
      organization: orgProfile(),
    });
    // The code is single-use.
    await expect(
      caller.account.signUp({ method: "phone", name: "x", phone, code, acceptPrivacy: true, organization: orgProfile() }),
    ).rejects.toMatchObject({ code: "CONFLICT", cause: { messageKey: "errors.phoneTaken" } });

    const at = new Date(Date.now() + 120_000);
    await requestOtp(t.db, { phone: `+86${phone}`, purpose: "signin" }, at);
    const signinCode = await lastSmsCode(t.db, `+86${phone}`);
    await expect(authenticateWithOtp({ db: t.db, input: { phone: `+86${phone}`, code: "000000" === signinCode ? "111111" : "000000" }, at })).rejects.toMatchObject({
      messageKey: "errors.otpInvalid",
    });
    const user = await authenticateWithOtp({ db: t.db, input: { phone: `+86${phone}`, code: signinCode }, at });
    expect(user.id).toBe(userId);
    await expect(authenticateWithOtp({ db: t.db, input: { phone: `+86${phone}`, code: signinCode }, at })).rejects.toMatchObject({
      messageKey: "errors.otpInvalid",
    });
  });

  it("refuses a second code request within the resend interval and codes for unknown numbers", async () => {
    const phone = `+86${randomPhone()}`;
    await requestOtp(t.db, { phone, purpose: "signup" }, new Date());
    await expect(requestOtp(t.db, { phone, purpose: "signup" }, new Date())).rejects.toMatchObject({ messageKey: "errors.otpTooSoon" });
    await expect(requestOtp(t.db, { phone: `+86${randomPhone()}`, purpose: "signin" }, new Date())).rejects.toMatchObject({
      messageKey: "errors.phoneNotRegistered",
    });
  });

  it("limits failed sign-ins per account and per IP, with limits read from the database", async () => {
    await setSetting(t.db, "auth.rateLimit", { maxFailuresPerAccount: 3, maxFailuresPerIp: 5, windowSeconds: 600 });
    try {
      const { email } = await createMember(t.db);
      const ip = uniq("ip");
      for (let i = 0; i < 3; i++)
        await expect(authenticateWithPassword({ db: t.db, input: { email, password: "nope-nope" }, ip })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      // Even the right password is refused while the account is locked.
      await expect(authenticateWithPassword({ db: t.db, input: { email, password: PASSWORD }, ip: uniq("ip") })).rejects.toMatchObject({
        code: "RATE_LIMITED",
        messageKey: "errors.rateLimited",
        params: { minutes: 10 },
      });
      // Per IP: failures spread over accounts from one address.
      const sprayIp = uniq("ip");
      for (let i = 0; i < 5; i++)
        await expect(
          authenticateWithPassword({ db: t.db, input: { email: `${uniq("nobody")}@example.com`, password: "x-x-x-x-x" }, ip: sprayIp }),
        ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      const other = await createMember(t.db);
      await expect(authenticateWithPassword({ db: t.db, input: { email: other.email, password: PASSWORD }, ip: sprayIp })).rejects.toMatchObject({
        code: "RATE_LIMITED",
      });
      // The window passing lifts the limit.
      const later = new Date(Date.now() + 601_000);
      const ok = await authenticateWithPassword({ db: t.db, input: { email, password: PASSWORD }, ip: uniq("ip"), at: later });
      expect(ok.id).toBeTruthy();
    } finally {
      await setSetting(t.db, "auth.rateLimit", { maxFailuresPerAccount: 5, maxFailuresPerIp: 50, windowSeconds: 900 });
    }
  });

  it("takes access away from a removed member on the next request", async () => {
    const owner = await createMember(t.db);
    const ownerCaller = await callerFor(t.db, owner.userId);
    const invited = `${uniq("staff")}@example.com`;
    const { link } = await ownerCaller.organization.invite({ email: invited, role: "member" });
    const token = link.split("/invite/")[1]!;
    const anon = await callerFor(t.db, null);
    const { userId } = await anon.account.signUp({ method: "email", name: "员工", email: invited, password: PASSWORD, acceptPrivacy: true, invitationToken: token });
    const staff = await callerFor(t.db, userId);
    expect((await staff.organization.mine()).id).toBe(owner.organizationId);
    const members = await ownerCaller.organization.members();
    const m = members.find((x) => x.userId === userId)!;
    await ownerCaller.organization.removeMember({ membershipId: m.id });
    // Same user id (as a still-valid JWT would carry): the context is rebuilt from the database.
    const after = await callerFor(t.db, userId);
    await expect(after.organization.mine()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("sign-up validation", () => {
  it("requires consent to the privacy policy and an 8-character password", () => {
    const r = signUpSchema.safeParse({ method: "email", name: "a", email: "a@b.cn", password: "short", acceptPrivacy: false, organization: orgProfile() });
    expect(r.success).toBe(false);
    const keys = r.error!.issues.map((i) => i.message);
    expect(keys).toContain("validation.passwordTooShort");
    expect(keys).toContain("validation.consentRequired");
  });
});

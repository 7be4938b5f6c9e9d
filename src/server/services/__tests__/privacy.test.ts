import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, PASSWORD, uniq } from "@/test/factories";
import { resolveSession } from "../accounts";

describeEachDb("privacy", (t) => {
  it("exports the user's personal data without the password hash", async () => {
    const { userId, email, organizationId } = await createMember(t.db);
    const data = await (await callerFor(t.db, userId)).account.exportData();
    expect(data.profile.email).toBe(email);
    expect(data.profile).not.toHaveProperty("passwordHash");
    expect(data.memberships.map((m) => m.organizationId)).toContain(organizationId);
    expect(data.activity.some((a) => a.action === "organization.created")).toBe(true);
  });

  it("deletes the account so that its session resolves to nothing", async () => {
    const { userId } = await createMember(t.db);
    const caller = await callerFor(t.db, userId);
    await expect(caller.account.deleteAccount({ confirm: false as unknown as true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await caller.account.deleteAccount({ confirm: true })).toEqual({ deleted: true });
    expect(await resolveSession(t.db, userId)).toBeNull();
    await expect((await callerFor(t.db, userId)).organization.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("asks the last owner of a firm with other members to hand it over first", async () => {
    const owner = await createMember(t.db);
    const caller = await callerFor(t.db, owner.userId);
    const email = `${uniq("m")}@example.com`;
    const { link } = await caller.organization.invite({ email, role: "member" });
    await (await callerFor(t.db, null)).account.signUp({ method: "email", name: "员工", email, password: PASSWORD, acceptPrivacy: true, invitationToken: link.split("/invite/")[1]! });
    await expect(caller.account.deleteAccount({ confirm: true })).rejects.toMatchObject({ code: "CONFLICT", cause: { messageKey: "errors.transferOwnershipFirst" } });
  });
});

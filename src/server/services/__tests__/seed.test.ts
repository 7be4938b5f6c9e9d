import { inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { organizations, users } from "../../db/schema";
import { authenticateWithPassword } from "../accounts";
import { DEMO_PASSWORD, seedDemo } from "../seed";

describeEachDb("demo seed", (t) => {
  it("creates the demo firms once, with valid codes and sign-in-able owners", async () => {
    const first = await seedDemo(t.db);
    const second = await seedDemo(t.db);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    const emails = first.accounts.map((a) => a.email);
    const rows = await t.db.select().from(users).where(inArray(users.email, emails));
    expect(rows).toHaveLength(emails.length);
    const orgs = await t.db.select().from(organizations).where(inArray(organizations.nameZh, first.accounts.map((a) => a.organization)));
    expect(new Set(orgs.map((o) => o.type))).toEqual(new Set(["anchor", "sme", "service_center"]));
    expect(orgs.every((o) => o.uscc?.length === 18 && o.lat !== null)).toBe(true);
    const user = await authenticateWithPassword({ db: t.db, input: { email: emails[0]!, password: DEMO_PASSWORD }, ip: "seed-test" });
    expect(user.id).toBe(rows.find((r) => r.email === emails[0])!.id);
  });
});

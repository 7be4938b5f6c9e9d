import { env } from "@/env";
import { ensurePlatformAdmin } from "@/server/services/bootstrap";
import { DEMO_PASSWORD, seedDemo } from "@/server/services/seed";
import { withDatabase } from "../db";
import type { Output, ParsedArgs } from "../io";

export async function seedCommand(_args: ParsedArgs, out: Output): Promise<number> {
  return withDatabase(async ({ db }) => {
    const admin = await ensurePlatformAdmin(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
    if (admin) out.log(`Platform admin created: ${admin.email} / ${admin.password}`);
    const result = await seedDemo(db);
    out.result(
      { command: "seed", created: result.created, accounts: result.accounts, password: DEMO_PASSWORD },
      result.created
        ? `Demo market created. Sign in with any of these (password "${DEMO_PASSWORD}"):\n${result.accounts.map((a) => `  ${a.email.padEnd(32)} ${`${a.orgType}/${a.role}`.padEnd(22)} ${a.organization}`).join("\n")}`
        : "Demo data is already present; nothing changed.",
    );
    return 0;
  });
}

import { TRPCError } from "@trpc/server";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, uniq } from "@/test/factories";
import { appRouter } from "../../api/root";
import type { IsolationCases, IsolationFixture } from "./isolation/types";

// Every area's cases (isolation/<area>.ts, exporting one `…Cases(fx)` function) are picked up here.
const modules = import.meta.glob<Record<string, (fx: IsolationFixture) => IsolationCases>>("./isolation/*.ts", { eager: true });

/**
 * A member of organisation A tries every procedure against organisation B. Each call must either be
 * refused or return nothing of B's private data, and B must be unchanged afterwards. A procedure
 * added to the router without a case fails the coverage check.
 */
describeEachDb("organisation isolation", (t) => {
  const fx = { secret: uniq("SECRET-") } as IsolationFixture;
  let areas: IsolationCases[] = [];

  beforeAll(async () => {
    fx.db = t.db;
    fx.a = await createMember(t.db);
    fx.b = await createMember(t.db, { contactPhone: fx.secret, contactEmail: `${fx.secret.toLowerCase()}@b.example.com`, address: `${fx.secret} 路 1 号` });
    areas = Object.entries(modules)
      .filter(([path]) => !path.endsWith("/types.ts"))
      .flatMap(([, mod]) => Object.values(mod).filter((v) => typeof v === "function").map((make) => make(fx)));
    for (const area of areas) await area.setup(fx);
  });

  it("has an attempt for every procedure", () => {
    const covered = areas.flatMap((a) => Object.keys(a.attempts)).sort();
    expect(covered).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it("never lets A read or change B's private data", async () => {
    const before = await Promise.all(areas.map((a) => a.snapshot(fx)));
    const outcomes: Record<string, string> = {};
    for (const area of areas)
      for (const [path, attempt] of Object.entries(area.attempts)) {
        const caller = await callerFor(t.db, fx.a.userId);
        try {
          const result = await attempt(caller);
          expect(JSON.stringify(result ?? null).toLowerCase(), `${path} leaked B's data`).not.toContain(fx.secret.toLowerCase());
          outcomes[path] = "ok";
        } catch (e) {
          expect(e, `${path} failed with a non-tRPC error: ${String(e)}`).toBeInstanceOf(TRPCError);
          expect((e as TRPCError).code, `${path}: ${String(e)}`).not.toBe("INTERNAL_SERVER_ERROR");
          outcomes[path] = (e as TRPCError).code;
        }
      }
    expect(await Promise.all(areas.map((a) => a.snapshot(fx)))).toEqual(before);
    for (const p of areas.flatMap((a) => a.mustRefuse)) expect(["FORBIDDEN", "NOT_FOUND"], `${p} → ${outcomes[p]}`).toContain(outcomes[p]);
  });
});

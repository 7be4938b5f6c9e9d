import { eq } from "drizzle-orm";
import { callerFor } from "@/test/factories";
import { importJobs, listings, organizations } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

const HEADER = "ref,company_name,company_uscc,city_adcode,chain_link,processes,title,capacity_value,capacity_unit";
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Bulk import: A's imports can only touch A's own listings, and A never sees B's import jobs. */
export function importsCases(fx: IsolationFixture): IsolationCases {
  let fileOfB = "";
  return {
    async setup() {
      const [orgB] = await fx.db.select().from(organizations).where(eq(organizations.id, fx.b.organizationId));
      // B's own file (published listings are public; the job named after the secret is private).
      fileOfB = `${HEADER}\nISO-1,${orgB!.nameZh},${orgB!.uscc},370200,spinning,ring_combed,精梳纱,10,吨/月\n`;
      const bCaller = await callerFor(fx.db, fx.b.userId);
      await bCaller.imports.run({ fileName: `${fx.secret}.csv`, contentBase64: b64(fileOfB) });
    },
    attempts: {
      // Previewing B's file only echoes what A sent; nothing of B's stored data.
      "imports.preview": (c) => c.imports.preview({ contentBase64: b64(fileOfB) }),
      // A's import of rows describing B is rejected row by row (not A's company).
      "imports.run": (c) => c.imports.run({ fileName: "a.csv", contentBase64: b64(fileOfB) }),
      "imports.jobs": (c) => c.imports.jobs(),
    },
    mustRefuse: [],
    async snapshot() {
      return {
        listings: await fx.db.select().from(listings).where(eq(listings.organizationId, fx.b.organizationId)),
        jobs: await fx.db.select().from(importJobs).where(eq(importJobs.organizationId, fx.b.organizationId)),
        org: await fx.db.select().from(organizations).where(eq(organizations.id, fx.b.organizationId)),
      };
    },
  };
}

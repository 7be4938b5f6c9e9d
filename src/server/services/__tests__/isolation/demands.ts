import { eq } from "drizzle-orm";
import { callerFor } from "@/test/factories";
import { demands, files } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/** Demands: B has an invited demand (private text) and a public one whose attachment name is private. */
export function demandCases(fx: IsolationFixture): IsolationCases {
  const ids = { invited: "", public: "", file: "" };
  const base = { title: "求购精梳棉纱", chainLink: "spinning" as const, quoteDeadline: "2099-12-31", quantityValue: 20, quantityUnit: "吨" };
  return {
    async setup() {
      const [f] = await fx.db
        .insert(files)
        .values({ ownerUserId: fx.b.userId, organizationId: fx.b.organizationId, purpose: "attachment", mime: "application/pdf", size: 1, sha256: "x", storageKey: "x.pdf", originalName: `${fx.secret}.pdf` })
        .returning();
      ids.file = f!.id;
      const b = await callerFor(fx.db, fx.b.userId);
      ids.invited = (await b.demand.create({ ...base, text: `${fx.secret} 仅邀请`, visibility: "invited", attachmentFileIds: [ids.file] })).id;
      ids.public = (await b.demand.create({ ...base, visibility: "public", attachmentFileIds: [ids.file] })).id;
    },
    attempts: {
      "demand.byId": (c) => c.demand.byId({ id: ids.invited }),
      // The public demand is readable, but without B's attachments.
      "demand.board": async (c) => ({ board: await c.demand.board({ pageSize: 100 }), detail: await c.demand.byId({ id: ids.public }) }),
      "demand.mine": (c) => c.demand.mine(),
      "demand.create": (c) => c.demand.create({ ...base, attachmentFileIds: [ids.file] }),
      "demand.update": (c) => c.demand.update({ id: ids.public, demand: { ...base, title: "篡改标题" } }),
      "demand.close": (c) => c.demand.close({ id: ids.public }),
    },
    mustRefuse: ["demand.byId", "demand.update", "demand.close"],
    async snapshot() {
      return fx.db.select().from(demands).where(eq(demands.organizationId, fx.b.organizationId));
    },
  };
}

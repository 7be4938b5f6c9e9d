import { eq, inArray } from "drizzle-orm";
import { randomValidUscc } from "@/domain/uscc";
import { callerFor, createMember } from "@/test/factories";
import { files, importReviewItems, organizationAliases, organizationClaims, organizations } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

const HEADER = "country,name,address,sector,lat,lng";
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * Onboarding: a service centre's facility-list imports and review queue, and claims. A (an SME
 * member) may not import lists, see or decide another account's review items, or decide claims;
 * B's side is a service centre whose queue names the secret, and B's own pending claim.
 */
export function onboardingCases(fx: IsolationFixture): IsolationCases {
  const ids = { item: "", claimed: "", claim: "", centre: "", firm: "" };
  let list = "";
  return {
    async setup() {
      const centre = await createMember(fx.db, { type: "service_center" });
      ids.centre = centre.organizationId;
      const name = `Qingdao ${fx.secret.replace(/[^A-Za-z0-9]/g, "")} Knitting Co Ltd`;
      const row = (n: string) => `China,${n},"No. 8 Huashan Road, Jimo, Qingdao, 266200, Shandong",Apparel,36.3894,120.4471`;
      list = `${HEADER}\n${row(name)}\n${row(`${name} Second Branch`)}\n`;
      const c = await callerFor(fx.db, centre.userId);
      const imported = await c.onboarding.importOsh({ fileName: `${fx.secret}.csv`, contentBase64: b64(list) });
      ids.firm = imported.rows[0]!.organizationId!;
      ids.item = (await c.onboarding.reviewItems()).items[0]!.id;
      // B claims the firm the centre created (pending).
      const [file] = await fx.db.insert(files).values({ ownerUserId: fx.b.userId, purpose: "business_license", mime: "image/png", size: 1, sha256: "x", storageKey: "x" }).returning();
      const claim = await (await callerFor(fx.db, fx.b.userId)).onboarding.submitClaim({ organizationId: ids.firm, fileId: file!.id, uscc: randomValidUscc() });
      ids.claim = claim.id;
    },
    attempts: {
      // An SME is neither a service centre nor the platform.
      "onboarding.previewOsh": (c) => c.onboarding.previewOsh({ contentBase64: b64(list) }),
      "onboarding.importOsh": (c) => c.onboarding.importOsh({ fileName: "a.csv", contentBase64: b64(list) }),
      "onboarding.reviewItems": (c) => c.onboarding.reviewItems(),
      "onboarding.reviewCount": (c) => c.onboarding.reviewCount(),
      "onboarding.decideReview": (c) => c.onboarding.decideReview({ itemId: ids.item, decision: "keepApart" }),
      // A's view of the claimed firm: claimable or not, and A's own claim (none), never B's.
      "onboarding.claimStatus": (c) => c.onboarding.claimStatus({ organizationId: ids.firm }),
      // B's organisation has an owner: refused (CONFLICT), and B's pending claim blocks A's on the firm.
      "onboarding.submitClaim": async (c) => {
        const [file] = await fx.db.insert(files).values({ ownerUserId: fx.a.userId, purpose: "business_license", mime: "image/png", size: 1, sha256: "x", storageKey: "x" }).returning();
        return c.onboarding.submitClaim({ organizationId: fx.b.organizationId, fileId: file!.id, uscc: randomValidUscc() });
      },
      "onboarding.pendingClaims": (c) => c.onboarding.pendingClaims(),
      "onboarding.decideClaim": (c) => c.onboarding.decideClaim({ claimId: ids.claim, decision: "approved" }),
    },
    mustRefuse: ["onboarding.previewOsh", "onboarding.importOsh", "onboarding.reviewItems", "onboarding.decideReview", "onboarding.pendingClaims", "onboarding.decideClaim"],
    async snapshot() {
      const orgIds = [fx.b.organizationId, ids.firm, ids.centre];
      return {
        orgs: await fx.db.select().from(organizations).where(inArray(organizations.id, orgIds)),
        aliases: await fx.db.select().from(organizationAliases).where(inArray(organizationAliases.organizationId, orgIds)),
        items: await fx.db.select().from(importReviewItems).where(eq(importReviewItems.ownerOrgId, ids.centre)),
        claims: await fx.db.select().from(organizationClaims).where(inArray(organizationClaims.organizationId, orgIds)),
      };
    },
  };
}

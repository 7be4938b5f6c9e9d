import { eq, inArray } from "drizzle-orm";
import { callerFor, createMember, listingValues } from "@/test/factories";
import { listings, managedProfileConsents, organizations } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Managed profiles (代管): a service centre C manages B with B's consent (a secret note), and has a
 * pending request to B2. A (an SME, neither C nor B) may not act as a centre, decide B's consents,
 * or read B's profile and listings through the centre's procedures.
 */
export function managedCases(fx: IsolationFixture): IsolationCases {
  const ids = { centre: "", consent: "", pending: "", listing: "" };
  return {
    async setup() {
      const centre = await createMember(fx.db, { type: "service_center" });
      const b2 = await createMember(fx.db);
      const c = await callerFor(fx.db, centre.userId);
      ids.centre = centre.organizationId;
      ids.consent = (await c.managed.request({ organizationId: fx.b.organizationId, note: `代管 ${fx.secret}` })).id;
      await (await callerFor(fx.db, fx.b.userId)).managed.accept({ consentId: ids.consent });
      ids.pending = (await c.managed.request({ organizationId: b2.organizationId, note: `待定 ${fx.secret}` })).id;
      ids.listing = (await c.listing.create({ values: listingValues(`代管草稿 ${fx.secret}`), organizationId: fx.b.organizationId })).id;
    },
    attempts: {
      "managed.request": (c) => c.managed.request({ organizationId: fx.b.organizationId, note: "冒充服务中心" }),
      "managed.end": (c) => c.managed.end({ consentId: ids.consent }),
      "managed.firms": (c) => c.managed.firms(),
      "managed.firm": (c) => c.managed.firm({ organizationId: fx.b.organizationId }),
      "managed.listing": (c) => c.managed.listing({ organizationId: fx.b.organizationId, id: ids.listing }),
      "managed.accept": (c) => c.managed.accept({ consentId: ids.pending }),
      "managed.decline": (c) => c.managed.decline({ consentId: ids.pending }),
      "managed.revoke": (c) => c.managed.revoke({ consentId: ids.consent }),
      // A grants C for itself: allowed, and nothing of B's.
      "managed.grant": (c) => c.managed.grant({ centreOrgId: ids.centre }),
      "managed.consents": (c) => c.managed.consents(),
      "managed.search": (c) => c.managed.search({ query: "测试", kind: "firm" }),
      "managed.managers": (c) => c.managed.managers({ organizationId: fx.b.organizationId }),
    },
    mustRefuse: ["managed.request", "managed.end", "managed.firms", "managed.firm", "managed.listing", "managed.accept", "managed.decline", "managed.revoke"],
    async snapshot() {
      return {
        consents: await fx.db.select().from(managedProfileConsents).where(inArray(managedProfileConsents.id, [ids.consent, ids.pending])).orderBy(managedProfileConsents.id),
        org: await fx.db.select().from(organizations).where(eq(organizations.id, fx.b.organizationId)),
        listing: await fx.db.select().from(listings).where(eq(listings.id, ids.listing)),
      };
    },
  };
}

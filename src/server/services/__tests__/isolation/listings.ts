import { eq, inArray } from "drizzle-orm";
import { callerFor, createMember } from "@/test/factories";
import { certifications, files, listingReports, listings } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

const values = (over: Record<string, unknown> = {}) => ({
  kind: "capability" as const,
  chainLink: "spinning" as const,
  processes: ["ring_combed"],
  title: "环锭纺精梳棉纱",
  capacityValue: 100,
  capacityUnit: "吨/月",
  ...over,
});

/** Listings, certificates and moderation: B's draft, published listing, certificate, photo and report. */
export function listingsCases(fx: IsolationFixture): IsolationCases {
  const ids = { draft: "", published: "", cert: "", photo: "", certFile: "", report: "" };
  return {
    async setup() {
      const b = await callerFor(fx.db, fx.b.userId);
      const [photo] = await fx.db
        .insert(files)
        .values({ ownerUserId: fx.b.userId, organizationId: fx.b.organizationId, purpose: "photo", mime: "image/png", size: 1, sha256: "x", storageKey: "p" })
        .returning();
      const [certFile] = await fx.db
        .insert(files)
        .values({ ownerUserId: fx.b.userId, organizationId: fx.b.organizationId, purpose: "certificate", mime: "image/png", size: 1, sha256: "x", storageKey: "c" })
        .returning();
      ids.photo = photo!.id;
      ids.certFile = certFile!.id;
      const cert = await b.certification.create({ schemeId: "oeko_tex_100", number: "OT-1", validTo: "2099-12-31", evidenceFileId: ids.certFile });
      ids.cert = cert.id;
      // The draft carries the secret: nobody outside B may read it.
      const draft = await b.listing.create({ values: values({ title: `草稿 ${fx.secret}`, description: fx.secret, certificationIds: [ids.cert], photoFileIds: [ids.photo] }) });
      ids.draft = draft.id;
      const pub = await b.listing.create({ values: values({ title: "公开的产能" }), publish: true });
      ids.published = pub.id;
      const reporter = await createMember(fx.db);
      const r = await (await callerFor(fx.db, reporter.userId)).listing.report({ listingId: ids.published, reason: "信息不实，请核查" });
      ids.report = r.id;
    },
    attempts: {
      "listing.byId": (c) => c.listing.byId({ id: ids.draft }),
      "listing.browse": (c) => c.listing.browse({ chainLink: "spinning" }),
      "listing.byOrganization": (c) => c.listing.byOrganization({ organizationId: fx.b.organizationId }),
      "listing.board": (c) => c.listing.board({}),
      "listing.mine": (c) => c.listing.mine(),
      "listing.create": (c) => c.listing.create({ values: values({ certificationIds: [ids.cert] }) }),
      "listing.update": (c) => c.listing.update({ id: ids.draft, values: values({ title: "篡改" }) }),
      "listing.publish": (c) => c.listing.publish({ id: ids.draft }),
      "listing.pause": (c) => c.listing.pause({ id: ids.published }),
      "listing.archive": (c) => c.listing.archive({ id: ids.published }),
      "listing.report": (c) => c.listing.report({ listingId: ids.draft, reason: "查看草稿是否存在" }),
      "listing.reports": (c) => c.listing.reports(),
      "listing.resolveReport": (c) => c.listing.resolveReport({ reportId: ids.report, action: "pause" }),
      "certification.byOrganization": (c) => c.certification.byOrganization({ organizationId: fx.b.organizationId }),
      "certification.mine": (c) => c.certification.mine(),
      "certification.create": (c) => c.certification.create({ schemeId: "gots", evidenceFileId: ids.certFile }),
      "certification.update": (c) => c.certification.update({ id: ids.cert, values: { schemeId: "gots" } }),
      "certification.remove": (c) => c.certification.remove({ id: ids.cert }),
      "certification.pending": (c) => c.certification.pending(),
      "certification.verify": (c) => c.certification.verify({ id: ids.cert, decision: "verified" }),
    },
    mustRefuse: [
      "listing.byId",
      "listing.create",
      "listing.update",
      "listing.publish",
      "listing.pause",
      "listing.archive",
      "listing.report",
      "listing.reports",
      "listing.resolveReport",
      "certification.create",
      "certification.update",
      "certification.remove",
      "certification.pending",
      "certification.verify",
    ],
    async snapshot() {
      const own = await fx.db.select().from(listings).where(eq(listings.organizationId, fx.b.organizationId));
      return {
        listings: own.sort((x, y) => x.id.localeCompare(y.id)),
        certifications: await fx.db.select().from(certifications).where(eq(certifications.organizationId, fx.b.organizationId)),
        reports: await fx.db.select().from(listingReports).where(inArray(listingReports.listingId, own.map((l) => l.id).concat(ids.published))),
      };
    },
  };
}

import { describe, expect, it } from "vitest";
import { dayNumber, demandDocument, listingDocument, taxonomyTerms, type ListingRow } from "./documents";

const listing = (over: Partial<ListingRow["listing"]> = {}): ListingRow["listing"] =>
  ({
    id: "00000000-0000-4000-8000-000000000001",
    organizationId: "00000000-0000-4000-8000-0000000000aa",
    siteId: null,
    kind: "capacity",
    status: "published",
    refOwner: "platform",
    ref: "R-7",
    chainLink: "garment",
    processes: ["odm"],
    products: [],
    fibers: ["organic_cotton"],
    title: "童装 ODM 空余产能",
    titleEn: null,
    description: "Spare capacity for kids wear",
    descriptionEn: null,
    capacityValue: 50000,
    capacityUnit: "pcs_per_month",
    capacityInputValue: 5,
    capacityInputUnit: "万件/月",
    moqValue: null,
    moqUnit: null,
    moqInputValue: null,
    moqInputUnit: null,
    leadTimeDays: 15,
    yarnCountNeMin: null,
    yarnCountNeMax: null,
    gsmMin: null,
    gsmMax: null,
    widthCmMax: null,
    sampling: null,
    equipment: null,
    priceValue: null,
    priceUnit: null,
    priceTaxIncluded: null,
    safetyClass: "B",
    availableFrom: "2026-03-01",
    availableTo: "2026-04-30",
    photoFileIds: [],
    version: 3,
    createdBy: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-02T00:00:00Z"),
    ...over,
  }) as ListingRow["listing"];

const org = { nameZh: "即墨童装", nameEn: "Jimo Kids", verificationState: "verified", cityAdcode: "370200", countyAdcode: "370215", lat: null, lng: null };

describe("search documents", () => {
  it("maps a listing: codes, covered processes and fibres, place, window, valid certificates, localized text", () => {
    const d = listingDocument(
      {
        listing: listing(),
        org,
        site: null,
        certificates: [
          { schemeId: "oeko_tex_100", verificationState: "verified", validFrom: null, validTo: "2026-12-31" },
          { schemeId: "gots", verificationState: "pending", validFrom: null, validTo: "2025-12-31" },
          { schemeId: "bsci", verificationState: "rejected", validFrom: null, validTo: null },
        ],
      },
      "2026-02-01",
    );
    expect(d).toMatchObject({
      id: "00000000-0000-4000-8000-000000000001",
      ref: "R-7",
      kind: "capacity",
      orgVerified: true,
      cityAdcode: "370200",
      countyAdcode: "370215",
      certifications: ["oeko_tex_100"],
      availableFrom: 20260301,
      availableTo: 20260430,
      capacityValue: 50000,
      capacityUnit: "pcs_per_month",
      titleZh: "童装 ODM 空余产能",
      titleEn: null,
      descriptionZh: null,
      descriptionEn: "Spare capacity for kids wear",
      version: 3,
      updatedAt: Date.parse("2026-01-02T00:00:00Z"),
    });
    expect(d.fibersCovered).toEqual(["organic_cotton", "cotton"]);
    expect(d.processesCovered[0]).toBe("odm");
    expect(d.processesCovered.length).toBeGreaterThan(1);
    // No coordinates anywhere: the county centre from the taxonomy.
    expect(d._geo).not.toBeNull();
    expect(d.termsZh).toEqual(expect.arrayContaining(["服装加工", "有机棉", "棉"]));
  });

  it("a site's place wins over the organisation's; capability listings have no window", () => {
    const d = listingDocument(
      { listing: listing({ kind: "capability" }), org, site: { cityAdcode: "371400", countyAdcode: null, lat: 37.4, lng: 116.3 }, certificates: [] },
      "2026-02-01",
    );
    expect(d).toMatchObject({ cityAdcode: "371400", countyAdcode: null, _geo: { lat: 37.4, lng: 116.3 }, availableFrom: null, availableTo: null });
  });

  it("carries the placement flag of the organisation's plan (no plan: free, no flag)", () => {
    const row = (plan?: "sme_pro" | "anchor_pro") => ({ listing: listing(), org: { ...org, plan }, site: null, certificates: [] });
    expect(listingDocument(row(), "2026-02-01").orgFeatured).toBe(false);
    expect(listingDocument(row("sme_pro"), "2026-02-01").orgFeatured).toBe(true);
    expect(listingDocument(row("anchor_pro"), "2026-02-01").orgFeatured).toBe(false);
    const demand = (plan?: "sme_pro" | "anchor_pro") => demandDocument({ demand: { title: "求购", text: null, processes: [], products: [], fibers: [], requiredCertifications: [], updatedAt: new Date() } as never, org: { ...org, plan } });
    expect(demand().orgPriority).toBe(false);
    expect(demand("anchor_pro").orgPriority).toBe(true);
    expect(demand("sme_pro").orgPriority).toBe(false);
  });

  it("maps a demand and routes text by script", () => {
    const d = demandDocument({
      demand: {
        id: "00000000-0000-4000-8000-000000000009",
        organizationId: "00000000-0000-4000-8000-0000000000aa",
        title: "Need 100k m polyester",
        text: "涤纶 150D/48F 100万米",
        chainLink: "weaving_knitting",
        processes: [],
        products: [],
        fibers: ["polyester"],
        yarnCountNe: null,
        gsm: 300,
        widthCm: 280,
        quantityValue: 1_000_000,
        quantityUnit: "m",
        quantityInputValue: 100,
        quantityInputUnit: "万米",
        needBy: "2026-05-01",
        deliverCityAdcode: "370700",
        deliverLat: null,
        deliverLng: null,
        maxDistanceKm: 200,
        requiredCertifications: ["oeko_tex_100"],
        quoteDeadline: new Date("2026-03-01T15:59:59Z"),
        visibility: "public",
        status: "open",
        version: 2,
        updatedAt: new Date("2026-01-02T00:00:00Z"),
      } as never,
      org: { nameZh: "示范集团", nameEn: null, verificationState: "pending" },
    });
    expect(d).toMatchObject({ titleEn: "Need 100k m polyester", titleZh: null, descriptionZh: "涤纶 150D/48F 100万米", needBy: 20260501, cityAdcode: "370700", orgVerified: false, gsm: 300 });
    expect(d._geo).not.toBeNull();
    expect(d.quoteDeadline).toBe(Date.parse("2026-03-01T15:59:59Z"));
  });

  it("helpers", () => {
    expect(dayNumber("2026-03-01")).toBe(20260301);
    expect(dayNumber(null)).toBeNull();
    expect(taxonomyTerms({ fibers: ["lyocell"] })).toEqual({ zh: ["莱赛尔"], en: ["Lyocell"] });
  });
});

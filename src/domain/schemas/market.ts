import { z } from "zod";
import { certificationIds, chainLinkIds, fiberIds, getProcess, productIds, safetyClassIds, shandongCityAdcodes } from "../taxonomy";
import { equipmentUnitIds, parseUnit } from "../units";
import { msg, optional } from "./common";

/**
 * Listings, certificates and demands: one schema each, shared by the form, the tRPC input and (for
 * listings) the CSV row after its columns are mapped. Units are validated here and converted to
 * canonical units by the service, which keeps what the user typed for display.
 */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("date")).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), msg("date"));
export const positive = (max: number) => z.coerce.number(msg("number")).positive(msg("positive")).max(max, msg("tooLarge"));
const rateUnitText = z.string().trim().min(1, msg("required")).refine((u) => parseUnit(u, "rate") !== null, msg("rateUnit"));
export const quantityUnitText = z.string().trim().min(1, msg("required")).refine((u) => parseUnit(u, "quantity") !== null, msg("quantityUnit"));

export const listingKinds = ["capability", "capacity"] as const;
export const listingStatuses = ["draft", "published", "paused", "archived"] as const;

export const samplingSchema = z.object({
  cutSamples: z.boolean().default(false),
  colourCards: z.boolean().default(false),
  labDips: z.boolean().default(false),
  sampleLeadDays: optional(z.coerce.number().int().min(0).max(365, msg("tooLarge"))),
});

export const listingInputSchema = z
  .object({
    kind: z.enum(listingKinds).default("capability"),
    chainLink: z.enum(chainLinkIds, msg("chainLink")),
    processes: z.array(z.string()).min(1, msg("processesRequired")),
    products: z.array(z.enum(productIds, msg("product"))).default([]),
    fibers: z.array(z.enum(fiberIds, msg("fiber"))).default([]),
    title: z.string().trim().min(2, msg("titleTooShort")).max(120, msg("tooLong")),
    titleEn: optional(z.string().trim().max(160, msg("tooLong"))),
    description: optional(z.string().trim().max(5000, msg("tooLong"))),
    descriptionEn: optional(z.string().trim().max(5000, msg("tooLong"))),
    capacityValue: positive(1e10),
    capacityUnit: rateUnitText,
    moqValue: optional(positive(1e10)),
    moqUnit: optional(quantityUnitText),
    leadTimeDays: optional(z.coerce.number().int(msg("integer")).min(0, msg("nonNegative")).max(730, msg("tooLarge"))),
    yarnCountNeMin: optional(positive(400)),
    yarnCountNeMax: optional(positive(400)),
    gsmMin: optional(positive(5000)),
    gsmMax: optional(positive(5000)),
    widthCmMax: optional(positive(1000)),
    sampling: samplingSchema.optional(),
    equipment: z.array(z.object({ unit: z.enum(equipmentUnitIds, msg("equipmentUnit")), count: positive(1e7) })).default([]),
    priceValue: optional(positive(1e9)),
    priceUnit: optional(quantityUnitText),
    priceTaxIncluded: z.boolean().optional(),
    safetyClass: optional(z.enum(safetyClassIds, msg("safetyClass"))),
    availableFrom: optional(isoDate),
    availableTo: optional(isoDate),
    certificationIds: z.array(z.uuid()).default([]),
    photoFileIds: z.array(z.uuid()).max(12, msg("tooManyPhotos")).default([]),
    siteId: optional(z.uuid()),
  })
  .superRefine((l, ctx) => {
    for (const [i, p] of l.processes.entries()) {
      const found = getProcess(p);
      if (!found) ctx.addIssue({ code: "custom", path: ["processes", i], ...msg("processUnknown") });
      else if (found.chainLink.id !== l.chainLink) ctx.addIssue({ code: "custom", path: ["processes", i], ...msg("processOtherLink") });
    }
    if ((l.moqValue === undefined) !== (l.moqUnit === undefined)) ctx.addIssue({ code: "custom", path: ["moqUnit"], ...msg("valueAndUnit") });
    if ((l.priceValue === undefined) !== (l.priceUnit === undefined)) ctx.addIssue({ code: "custom", path: ["priceUnit"], ...msg("valueAndUnit") });
    if (l.yarnCountNeMin && l.yarnCountNeMax && l.yarnCountNeMin > l.yarnCountNeMax) ctx.addIssue({ code: "custom", path: ["yarnCountNeMax"], ...msg("rangeOrder") });
    if (l.gsmMin && l.gsmMax && l.gsmMin > l.gsmMax) ctx.addIssue({ code: "custom", path: ["gsmMax"], ...msg("rangeOrder") });
    if (l.kind === "capacity") {
      if (!l.availableFrom) ctx.addIssue({ code: "custom", path: ["availableFrom"], ...msg("windowRequired") });
      if (!l.availableTo) ctx.addIssue({ code: "custom", path: ["availableTo"], ...msg("windowRequired") });
    }
    if (l.availableFrom && l.availableTo && l.availableFrom > l.availableTo) ctx.addIssue({ code: "custom", path: ["availableTo"], ...msg("rangeOrder") });
    if (l.safetyClass && !["garment", "home_textiles"].includes(l.chainLink)) ctx.addIssue({ code: "custom", path: ["safetyClass"], ...msg("safetyClassLink") });
  });
export type ListingInput = z.input<typeof listingInputSchema>;
export type ListingValues = z.output<typeof listingInputSchema>;

export const certificationInputSchema = z
  .object({
    schemeId: z.enum(certificationIds, msg("certification")),
    number: optional(z.string().trim().max(100, msg("tooLong"))),
    validFrom: optional(isoDate),
    validTo: optional(isoDate),
    evidenceFileId: optional(z.uuid()),
  })
  .superRefine((c, ctx) => {
    if (c.validFrom && c.validTo && c.validFrom > c.validTo) ctx.addIssue({ code: "custom", path: ["validTo"], ...msg("rangeOrder") });
  });
export type CertificationInput = z.input<typeof certificationInputSchema>;

export const paymentTermsKinds = ["prepay", "monthly", "acceptance"] as const; // 款到发货 / 月结 N 天 / 承兑汇票
export const invoiceTypes = ["vat_special", "vat_ordinary", "none"] as const; // 增值税专用发票 / 普通发票 / 不需要

/** A sourcing demand (RFQ): the Demand JSON of formats §3 plus the commercial fields. */
export const demandInputSchema = z
  .object({
    title: z.string().trim().min(2, msg("titleTooShort")).max(120, msg("tooLong")),
    text: optional(z.string().trim().max(5000, msg("tooLong"))),
    chainLink: optional(z.enum(chainLinkIds, msg("chainLink"))),
    processes: z.array(z.string()).default([]),
    products: z.array(z.enum(productIds, msg("product"))).default([]),
    fibers: z.array(z.enum(fiberIds, msg("fiber"))).default([]),
    yarnCountNe: optional(positive(400)),
    gsm: optional(positive(5000)),
    widthCm: optional(positive(1000)),
    quantityValue: optional(positive(1e10)),
    quantityUnit: optional(quantityUnitText),
    needBy: optional(isoDate),
    deliverCityAdcode: optional(z.enum(shandongCityAdcodes, msg("city"))),
    deliverLat: optional(z.coerce.number().min(-90).max(90)),
    deliverLng: optional(z.coerce.number().min(-180).max(180)),
    maxDistanceKm: optional(positive(5000)),
    requiredCertifications: z.array(z.enum(certificationIds, msg("certification"))).default([]),
    targetPriceValue: optional(positive(1e9)),
    targetPriceUnit: optional(quantityUnitText),
    targetPriceTaxIncluded: z.boolean().optional(),
    paymentTerms: optional(z.enum(paymentTermsKinds)),
    paymentDays: optional(z.coerce.number().int().min(0).max(365, msg("tooLarge"))),
    invoiceType: optional(z.enum(invoiceTypes)),
    samplesWanted: z.boolean().default(false),
    safetyClass: optional(z.enum(safetyClassIds, msg("safetyClass"))),
    /** ISO date-time; a date alone means the end of that day in Asia/Shanghai. */
    quoteDeadline: optional(z.string().min(10)),
    visibility: z.enum(["public", "invited"]).default("public"),
    attachmentFileIds: z.array(z.uuid()).max(10, msg("tooManyFiles")).default([]),
  })
  .superRefine((d, ctx) => {
    if (!d.text && !d.chainLink && d.processes.length === 0 && d.products.length === 0)
      ctx.addIssue({ code: "custom", path: ["chainLink"], ...msg("demandWhat") });
    for (const [i, p] of d.processes.entries()) {
      const found = getProcess(p);
      if (!found) ctx.addIssue({ code: "custom", path: ["processes", i], ...msg("processUnknown") });
      else if (d.chainLink && found.chainLink.id !== d.chainLink) ctx.addIssue({ code: "custom", path: ["processes", i], ...msg("processOtherLink") });
    }
    if ((d.quantityValue === undefined) !== (d.quantityUnit === undefined)) ctx.addIssue({ code: "custom", path: ["quantityUnit"], ...msg("valueAndUnit") });
    if ((d.targetPriceValue === undefined) !== (d.targetPriceUnit === undefined)) ctx.addIssue({ code: "custom", path: ["targetPriceUnit"], ...msg("valueAndUnit") });
    if (d.paymentTerms === "monthly" && d.paymentDays === undefined) ctx.addIssue({ code: "custom", path: ["paymentDays"], ...msg("paymentDays") });
    if ((d.deliverLat === undefined) !== (d.deliverLng === undefined)) ctx.addIssue({ code: "custom", path: ["deliverLat"], ...msg("coordinatesBoth") });
  });
export type DemandInput = z.input<typeof demandInputSchema>;
export type DemandValues = z.output<typeof demandInputSchema>;

import { inArray } from "drizzle-orm";
import { chinaToday } from "../domain/certificates";
import { orderAmountFen, paymentTermsWarning, planStages } from "../domain/deals/stages";
import { dealStages, deals, demands, inquiries, organizations, quotes } from "../server/db/schema";
import { randomValidUscc } from "../domain/uscc";
import type { OrganizationProfileInput } from "../domain/schemas/organization";
import { signUpSchema } from "../domain/schemas/account";
import { createContext } from "../server/api/trpc";
import { createCaller } from "../server/api/root";
import type { Db } from "../server/db/types";
import { signUp } from "../server/services/accounts";
import { applyGrant } from "../server/services/billing";
import type { PlanId } from "../domain/billing/plans";

let counter = 0;
export const uniq = (prefix = "t") => `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const PASSWORD = "correct horse battery";

export function orgProfile(overrides: Partial<OrganizationProfileInput> = {}): OrganizationProfileInput {
  return {
    type: "sme",
    nameZh: `测试纺织有限公司${uniq("")}`,
    uscc: randomValidUscc(),
    provinceAdcode: "370000",
    cityAdcode: "370200",
    countyAdcode: "370215",
    ...overrides,
  };
}

/**
 * A new user who owns a new organisation, made through the real sign-up service. A service centre
 * gets the `service_centre` plan (its brokering tools, docs/billing.md) as the demo seed gives it;
 * `opts.plan` grants another paid plan, or `null` none (the centre is then on free).
 */
export async function createMember(db: Db, org: Partial<OrganizationProfileInput> = {}, opts: { plan?: Exclude<PlanId, "free"> | null } = {}) {
  const email = `${uniq("user")}@example.com`;
  const input = signUpSchema.parse({
    method: "email",
    name: "测试用户",
    email,
    password: PASSWORD,
    acceptPrivacy: true,
    organization: orgProfile(org),
  });
  const { userId, organizationId } = await signUp({ db, input });
  const plan = opts.plan === undefined ? (input.organization?.type === "service_center" ? "service_centre" : null) : opts.plan;
  if (plan) await grantPlan(db, organizationId, plan);
  return { userId, organizationId, email };
}

/** Grants a paid plan the way a platform admin does (services/billing.ts), for tests whose firm posts more than the free plan allows. */
export async function grantPlan(db: Db, organizationId: string, plan: Exclude<PlanId, "free">) {
  await db.transaction((tx) => applyGrant(tx, { organizationId, plan, source: "admin", note: "test", actorUserId: null, at: new Date() }));
}

export async function callerFor(db: Db, userId: string | null, opts: { ip?: string; now?: Date } = {}) {
  return createCaller(await createContext({ db, userId, baseUrl: "http://localhost:3000", ...opts }));
}

/** Listing form values (a combed-yarn spinning capability, 300 t/month) for `listing.create`. */
export const listingValues = (title: string, over: Record<string, unknown> = {}) => ({
  kind: "capability" as const,
  chainLink: "spinning" as const,
  processes: ["ring_combed"],
  title,
  capacityValue: 300,
  capacityUnit: "吨/月",
  ...over,
});

/** An open public demand for 20 t of combed yarn in Qingdao, due far in the future, for `demand.create`. */
export const demandValues = (title: string, over: Record<string, unknown> = {}) => ({
  title,
  chainLink: "spinning" as const,
  processes: ["ring_combed"],
  quantityValue: 20,
  quantityUnit: "吨",
  needBy: "2099-06-30",
  quoteDeadline: "2099-12-31",
  deliverCityAdcode: "370200",
  visibility: "public" as const,
  ...over,
});

type Party = Awaited<ReturnType<typeof createMember>>;

/**
 * An awarded deal straight in the database (demand → inquiry → awarded quote → deal + stages from
 * `planStages`), as the award makes it, for the deal tests: buyer an anchor, supplier an SME unless
 * given. Dates are China days; `awardedOn` defaults to today.
 */
export async function createDeal(
  db: Db,
  opts: {
    buyer?: Party;
    supplier?: Party;
    title?: string;
    samplesWanted?: boolean;
    awardedOn?: string;
    leadTimeDays?: number;
    quantity?: number;
    unitPriceFen?: number;
    paymentTerms?: "prepay" | "monthly" | "acceptance";
    paymentDays?: number | null;
    introducedByOrgId?: string | null;
  } = {},
) {
  const buyer = opts.buyer ?? (await createMember(db, { type: "anchor" }));
  const supplier = opts.supplier ?? (await createMember(db));
  const title = opts.title ?? `订单${uniq("")}`;
  const samplesWanted = opts.samplesWanted ?? true;
  const awardedOn = opts.awardedOn ?? chinaToday();
  const leadTimeDays = opts.leadTimeDays ?? 30;
  const quantity = opts.quantity ?? 1000;
  const unitPriceFen = opts.unitPriceFen ?? 1250;
  const terms = { paymentTerms: opts.paymentTerms ?? "monthly", paymentDays: opts.paymentDays === undefined ? 30 : opts.paymentDays };
  const [demand] = await db
    .insert(demands)
    .values({ organizationId: buyer.organizationId, title, chainLink: "weaving", quantityValue: quantity, quantityUnit: "m", samplesWanted, status: "awarded", createdBy: buyer.userId })
    .returning();
  const [inquiry] = await db
    .insert(inquiries)
    .values({ demandId: demand!.id, buyerOrgId: buyer.organizationId, supplierOrgId: supplier.organizationId, source: "invited", status: "awarded", introducedByOrgId: opts.introducedByOrgId ?? null })
    .returning();
  const [quote] = await db
    .insert(quotes)
    .values({ inquiryId: inquiry!.id, revision: 1, author: "supplier", status: "awarded", unitPriceFen, priceUnit: "米", taxIncluded: true, invoiceType: "vat_special", quantityValue: quantity, quantityUnit: "米", leadTimeDays, validUntil: "2099-12-31", ...terms, createdBy: supplier.userId })
    .returning();
  const orgs = await db
    .select({ id: organizations.id, type: organizations.type, smeLevel: organizations.smeLevel })
    .from(organizations)
    .where(inArray(organizations.id, [buyer.organizationId, supplier.organizationId]));
  const org = (id: string) => orgs.find((o) => o.id === id)!;
  const plan = planStages(awardedOn, leadTimeDays, samplesWanted);
  const [deal] = await db
    .insert(deals)
    .values({
      demandId: demand!.id,
      inquiryId: inquiry!.id,
      quoteId: quote!.id,
      buyerOrgId: buyer.organizationId,
      supplierOrgId: supplier.organizationId,
      introducedByOrgId: opts.introducedByOrgId ?? null,
      title,
      stage: samplesWanted ? "samples" : "bulk",
      quantityValue: quantity,
      quantityUnit: "米",
      unitPriceFen,
      priceUnit: "米",
      amountFen: orderAmountFen(unitPriceFen, quantity),
      taxIncluded: true,
      invoiceType: "vat_special",
      ...terms,
      paymentTermsWarning: paymentTermsWarning(org(buyer.organizationId), org(supplier.organizationId), terms),
      dueDate: plan.dueDate,
      createdBy: buyer.userId,
    })
    .returning();
  await db.insert(dealStages).values(plan.stages.map((s) => ({ dealId: deal!.id, ...s })));
  return { dealId: deal!.id, deal: deal!, buyer, supplier, demandId: demand!.id, inquiryId: inquiry!.id, quoteId: quote!.id, dueDate: plan.dueDate };
}

/** Quote form values for `inquiry.respond` / `quote` / `counter`: ¥12.50 per 米 tax incl. (专票), 1,000 米, 30 days, 月结 30 天. */
export const quoteValues = (over: Record<string, unknown> = {}) => ({
  unitPrice: 12.5,
  priceUnit: "米",
  taxIncluded: true,
  invoiceType: "vat_special" as const,
  quantityValue: 1000,
  quantityUnit: "米",
  leadTimeDays: 30,
  validUntil: "2099-12-31",
  paymentTerms: "monthly" as const,
  paymentDays: 30,
  ...over,
});

/**
 * Drives a deal through the real procedures to `shipped` (sample stages waived by the buyer, bulk
 * completed, inspection approved) or on to `delivered` (the whole quantity in one lot).
 */
export async function advanceDeal(
  db: Db,
  d: { dealId: string; buyer: Party; supplier: Party },
  to: "shipped" | "delivered",
  dates: { shippedOn?: string; receivedOn?: string } = {},
) {
  const buyer = await callerFor(db, d.buyer.userId);
  const supplier = await callerFor(db, d.supplier.userId);
  for (let deal = await buyer.deal.get({ dealId: d.dealId }); deal.deal.stage !== "shipped"; deal = await buyer.deal.get({ dealId: d.dealId })) {
    const stage = deal.deal.stage;
    if (stage === "bulk") await supplier.deal.act({ dealId: d.dealId, stage, action: "complete" });
    else if (stage === "inspection") {
      await supplier.deal.act({ dealId: d.dealId, stage, action: "submit" });
      await buyer.deal.act({ dealId: d.dealId, stage, action: "approve" });
    } else await buyer.deal.act({ dealId: d.dealId, stage, action: "skip" });
  }
  if (to === "delivered") {
    const { deal } = await buyer.deal.get({ dealId: d.dealId });
    const { shipmentId } = await supplier.deal.ship({ dealId: d.dealId, quantity: deal.quantityValue, shippedOn: dates.shippedOn ?? chinaToday() });
    await buyer.deal.receive({ dealId: d.dealId, shipmentId, receivedOn: dates.receivedOn ?? dates.shippedOn ?? chinaToday() });
    await buyer.deal.confirmDelivery({ dealId: d.dealId });
  }
}

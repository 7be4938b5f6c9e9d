import "server-only";
import { and, eq, gte, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { cityActivity, demandVsCapacity, lastMonths, localSourcing, monthlySeries, monthsBetween, type InquirySource } from "@/domain/analytics/aggregate";
import type { AnalyticsInput } from "@/domain/analytics/input";
import { chinaToday } from "@/domain/certificates";
import { deals, demands, inquiries, listings, organizations, quotes, sites } from "../db/schema";
import type { Db } from "../db/types";
import { DomainError } from "../errors";
import { assertEntitled } from "./billing-limits";
import { now, type AuthedContext, type ServiceContext } from "./context";

/**
 * Analytics for service centres (their city's cluster) and platform admins (the province, or one
 * city): inquiries by source, quotes, deals and their value per month; 本地配套率; open demand vs
 * spare capacity by chain link and city; activity per city for the map. A trade belongs to a city
 * when its buyer or its supplier is there; a service centre also sees the trades it introduced.
 * Cancelled deals count nowhere.
 */

export interface AnalyticsScope {
  kind: "province" | "city";
  /** null: the whole province */
  cityAdcode: string | null;
  /** A service centre's own introductions count in its figures wherever the two firms are. */
  introducerOrgId?: string;
}

const forbidden = () => new DomainError("FORBIDDEN", "analytics.errors.forbidden");

/**
 * Platform admins see the province (or the city they pick); a service centre's members its city,
 * when the centre's plan includes the brokering tools (`billing.errors.featureNotInPlan` otherwise).
 */
export async function analyticsScope(ctx: AuthedContext & { membership: ServiceContext["membership"] }, city?: string): Promise<AnalyticsScope> {
  if (ctx.actor.isPlatformAdmin) return { kind: city ? "city" : "province", cityAdcode: city ?? null };
  if (!ctx.membership) throw forbidden();
  const [org] = await ctx.db.select({ type: organizations.type, cityAdcode: organizations.cityAdcode }).from(organizations).where(eq(organizations.id, ctx.membership.organizationId));
  if (org?.type !== "service_center" || !org.cityAdcode || (city && city !== org.cityAdcode)) throw forbidden();
  await assertEntitled(ctx.db, ctx.membership.organizationId, "brokeringTools", now(ctx));
  return { kind: "city", cityAdcode: org.cityAdcode, introducerOrgId: ctx.membership.organizationId };
}

/** The first instant of a China month (YYYY-MM). */
const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);
const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

async function loadFacts(db: Db, scope: AnalyticsScope, from: Date, to: Date, at: Date) {
  const today = chinaToday(at);
  const b = alias(organizations, "buyer_org");
  const s = alias(organizations, "supplier_org");
  const touches = (introducer: typeof inquiries.introducedByOrgId | typeof deals.introducedByOrgId): SQL | undefined =>
    scope.cityAdcode
      ? or(eq(b.cityAdcode, scope.cityAdcode), eq(s.cityAdcode, scope.cityAdcode), scope.introducerOrgId ? eq(introducer, scope.introducerOrgId) : undefined)
      : undefined;
  const parties = { buyerCity: b.cityAdcode, supplierCity: s.cityAdcode };

  const inquiryRows = await db
    .select({ at: inquiries.createdAt, source: inquiries.source, ...parties })
    .from(inquiries)
    .innerJoin(b, eq(b.id, inquiries.buyerOrgId))
    .innerJoin(s, eq(s.id, inquiries.supplierOrgId))
    .where(and(gte(inquiries.createdAt, from), lt(inquiries.createdAt, to), touches(inquiries.introducedByOrgId)));
  const quoteRows = await db
    .select({ at: quotes.createdAt })
    .from(quotes)
    .innerJoin(inquiries, eq(inquiries.id, quotes.inquiryId))
    .innerJoin(b, eq(b.id, inquiries.buyerOrgId))
    .innerJoin(s, eq(s.id, inquiries.supplierOrgId))
    .where(and(eq(quotes.author, "supplier"), gte(quotes.createdAt, from), lt(quotes.createdAt, to), touches(inquiries.introducedByOrgId)));
  const dealRows = await db
    .select({ at: deals.createdAt, amountFen: deals.amountFen, ...parties, buyerProvince: b.provinceAdcode, supplierProvince: s.provinceAdcode })
    .from(deals)
    .innerJoin(b, eq(b.id, deals.buyerOrgId))
    .innerJoin(s, eq(s.id, deals.supplierOrgId))
    .where(and(ne(deals.status, "cancelled"), gte(deals.createdAt, from), lt(deals.createdAt, to), touches(deals.introducedByOrgId)));

  // Demand and capacity are what is open now, not in the period.
  const demandCity = sql<string | null>`coalesce(${demands.deliverCityAdcode}, ${organizations.cityAdcode})`;
  const demandRows = await db
    .select({ chainLink: demands.chainLink, cityAdcode: demandCity, unit: demands.quantityUnit, quantity: demands.quantityValue })
    .from(demands)
    .innerJoin(organizations, eq(organizations.id, demands.organizationId))
    .where(and(eq(demands.status, "open"), or(sql`${demands.quoteDeadline} is null`, gte(demands.quoteDeadline, at)), scope.cityAdcode ? sql`${demandCity} = ${scope.cityAdcode}` : undefined));
  const listingCity = sql<string | null>`coalesce(${sites.cityAdcode}, ${organizations.cityAdcode})`;
  const capacityRows = await db
    .select({ chainLink: listings.chainLink, cityAdcode: listingCity, rateUnit: listings.capacityUnit, monthly: listings.capacityValue })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(and(eq(listings.status, "published"), eq(listings.kind, "capacity"), gte(listings.availableTo, today), scope.cityAdcode ? sql`${listingCity} = ${scope.cityAdcode}` : undefined));
  return {
    inquiries: inquiryRows.map((r) => ({ ...r, source: r.source as InquirySource })),
    quotes: quoteRows,
    deals: dealRows,
    demands: demandRows,
    capacities: capacityRows,
  };
}

/** Every figure of the analytics page for the caller's scope and the period (default: the last 12 months). */
export async function analyticsOverview({ ctx, input }: { ctx: AuthedContext & { membership: ServiceContext["membership"] }; input: AnalyticsInput }) {
  const scope = await analyticsScope(ctx, input.city);
  const at = now(ctx);
  const [defFrom, defTo] = lastMonths(at, 12);
  const to = input.to ?? defTo;
  const from = input.from ?? (input.to ? lastMonths(monthStart(to), 12)[0] : defFrom);
  const months = monthsBetween(from, to);
  const facts = await loadFacts(ctx.db, scope, monthStart(from), monthStart(nextMonth(months.at(-1) ?? to)), at);
  return {
    scope,
    period: { from, to: months.at(-1) ?? to },
    monthly: monthlySeries(months, facts),
    sourcing: localSourcing(facts.deals),
    supply: demandVsCapacity(facts.demands, facts.capacities),
    cities: cityActivity(facts.inquiries, facts.deals),
  };
}
export type AnalyticsOverview = Awaited<ReturnType<typeof analyticsOverview>>;

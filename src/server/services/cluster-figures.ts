import "server-only";
import { and, count, eq, gt, gte, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { lastMonths, monthsBetween } from "@/domain/analytics/aggregate";
import { chinaToday } from "@/domain/certificates";
import { chainLinks, countiesOf, getCity } from "@/domain/taxonomy";
import { deals, demands, listings, organizations, sites } from "../db/schema";
import { invalid } from "../errors";
import { now, type ServiceContext } from "./context";
import { ownedOrganization } from "./onboarding-records";

/**
 * Live, public figures of a city's cluster (issue 6): firms on the platform, published listings and
 * their capacity by chain link, open public demands, spare capacity open now, and deals per month.
 * Everything is a count or a sum over many firms: no names, contacts or single prices. A month's
 * deals are shown only when there are at least MIN_DEALS of them, so no single deal can be read off;
 * only complete months are shown and a deal counts in the month it was awarded even if it was later
 * cancelled, so a shown month never changes and two readings of it cannot be subtracted.
 *
 * Definitions follow the boards the page links to: a listing is where its site is (else its firm),
 * published and not expired (listings.ts browse); a demand is open, public, before its quote
 * deadline and delivered to the city (demands.ts board); a deal belongs to the city when its buyer
 * or supplier is there (as in analytics.ts).
 */

export const MIN_DEALS = 3;
export const DEAL_MONTHS = 6;
const FIRM_TYPES = ["anchor", "sme"] as const;

const listingCity = sql<string | null>`coalesce(${sites.cityAdcode}, ${organizations.cityAdcode})`;
const listingCounty = sql<string | null>`case when ${sites.cityAdcode} is not null then ${sites.countyAdcode} else ${organizations.countyAdcode} end`;
const int = (expr: SQL) => sql<number>`${expr}`.mapWith(Number);

function publishedListing(today: string): SQL {
  return and(eq(listings.status, "published"), or(ne(listings.kind, "capacity"), gte(listings.availableTo, today)))!;
}
function openNow(today: string): SQL {
  return sql`${listings.kind} = 'capacity' and ${listings.availableFrom} <= ${today} and ${listings.availableTo} >= ${today}`;
}
function openDemand(at: Date): SQL {
  return and(eq(demands.status, "open"), eq(demands.visibility, "public"), or(isNull(demands.quoteDeadline), gt(demands.quoteDeadline, at)))!;
}

export interface Amount {
  unit: string;
  value: number;
}
export interface ChainLinkFigures {
  chainLink: string;
  listings: number;
  /** summed canonical capacity of the published listings, one entry per canonical rate unit */
  capacity: Amount[];
  spareListings: number;
  spare: Amount[];
  openDemands: number;
}

function addAmount(list: Amount[], unit: string, value: number) {
  if (value <= 0) return;
  const found = list.find((a) => a.unit === unit);
  if (found) found.value += value;
  else list.push({ unit, value });
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The figures of one city's page: four grouped queries. */
export async function cityFigures({ ctx, adcode }: { ctx: ServiceContext; adcode: string }) {
  const city = getCity(adcode);
  if (!city) throw invalid("notFound");
  const at = now(ctx);
  const today = chinaToday(at);
  // The DEAL_MONTHS complete China months before the current one.
  const [fromMonth, thisMonth] = lastMonths(at, DEAL_MONTHS + 1);
  const months = monthsBetween(fromMonth, thisMonth).slice(0, DEAL_MONTHS);
  const buyer = alias(organizations, "buyer_org");
  const supplier = alias(organizations, "supplier_org");
  const month = sql<string>`to_char((${deals.createdAt} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

  const [firmRows, listingRows, demandRows, dealRows] = await Promise.all([
    ctx.db
      .select({
        county: organizations.countyAdcode,
        all: count(),
        verified: int(sql`count(*) filter (where ${organizations.verificationState} = 'verified')`),
        unclaimed: int(sql`count(*) filter (where not ${ownedOrganization})`),
      })
      .from(organizations)
      .where(and(eq(organizations.cityAdcode, adcode), inArray(organizations.type, [...FIRM_TYPES])))
      .groupBy(organizations.countyAdcode),
    ctx.db
      .select({
        chainLink: listings.chainLink,
        unit: listings.capacityUnit,
        county: listingCounty,
        n: count(),
        capacity: int(sql`sum(${listings.capacityValue})`),
        spareN: int(sql`count(*) filter (where ${openNow(today)})`),
        spare: int(sql`coalesce(sum(${listings.capacityValue}) filter (where ${openNow(today)}), 0)`),
      })
      .from(listings)
      .innerJoin(organizations, eq(organizations.id, listings.organizationId))
      .leftJoin(sites, eq(sites.id, listings.siteId))
      .where(and(publishedListing(today), sql`${listingCity} = ${adcode}`))
      .groupBy(listings.chainLink, listings.capacityUnit, listingCounty),
    ctx.db
      .select({ chainLink: demands.chainLink, n: count() })
      .from(demands)
      .where(and(openDemand(at), eq(demands.deliverCityAdcode, adcode)))
      .groupBy(demands.chainLink),
    ctx.db
      .select({ month, n: count(), amountFen: int(sql`sum(${deals.amountFen})`) })
      .from(deals)
      .innerJoin(buyer, eq(buyer.id, deals.buyerOrgId))
      .innerJoin(supplier, eq(supplier.id, deals.supplierOrgId))
      .where(
        and(
          gte(deals.createdAt, new Date(`${fromMonth}-01T00:00:00+08:00`)),
          lt(deals.createdAt, new Date(`${thisMonth}-01T00:00:00+08:00`)),
          or(eq(buyer.cityAdcode, adcode), eq(supplier.cityAdcode, adcode)),
        ),
      )
      .groupBy(month)
      // The rule is applied in the database: a month below the threshold never leaves it.
      .having(sql`count(*) >= ${MIN_DEALS}`),
  ]);

  const byLink = new Map<string, ChainLinkFigures>();
  const link = (id: string) => {
    let f = byLink.get(id);
    if (!f) byLink.set(id, (f = { chainLink: id, listings: 0, capacity: [], spareListings: 0, spare: [], openDemands: 0 }));
    return f;
  };
  const countyListings = new Map<string, number>();
  for (const r of listingRows) {
    const f = link(r.chainLink);
    f.listings += r.n;
    f.spareListings += r.spareN;
    addAmount(f.capacity, r.unit, r.capacity);
    addAmount(f.spare, r.unit, r.spare);
    if (r.county) countyListings.set(r.county, (countyListings.get(r.county) ?? 0) + r.n);
  }
  let otherDemands = 0;
  for (const r of demandRows) {
    if (r.chainLink) link(r.chainLink).openDemands += r.n;
    else otherDemands += r.n;
  }
  const order = new Map(chainLinks.map((c, i) => [c.id, i]));
  const linkRows = [...byLink.values()]
    .map((f) => ({ ...f, capacity: f.capacity.map((a) => ({ ...a, value: round(a.value) })), spare: f.spare.map((a) => ({ ...a, value: round(a.value) })) }))
    .sort((a, b) => (order.get(a.chainLink) ?? 99) - (order.get(b.chainLink) ?? 99));

  const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const shown = new Map(dealRows.map((r) => [r.month, r]));
  return {
    adcode,
    /** unclaimed: imported firms nobody owns yet (onboarding) */
    firms: { all: sum(firmRows, (r) => r.all), verified: sum(firmRows, (r) => r.verified), unclaimed: sum(firmRows, (r) => r.unclaimed) },
    listings: sum(listingRows, (r) => r.n),
    spareListings: sum(listingRows, (r) => r.spareN),
    openDemands: sum(demandRows, (r) => r.n),
    /** open demands with no chain link (counted in openDemands, in no row) */
    otherDemands,
    chainLinks: linkRows,
    counties: countiesOf(adcode).map((c) => {
      const firms = firmRows.find((r) => r.county === c.adcode);
      return { adcode: c.adcode, firms: firms?.all ?? 0, verifiedFirms: firms?.verified ?? 0, listings: countyListings.get(c.adcode) ?? 0 };
    }),
    deals: {
      minimum: MIN_DEALS,
      /** null figures: fewer than MIN_DEALS deals that month (possibly none) */
      months: months.map((m) => {
        const r = shown.get(m);
        return { month: m, deals: r ? r.n : null, amountFen: r ? r.amountFen : null };
      }),
    },
  };
}
export type CityFigures = Awaited<ReturnType<typeof cityFigures>>;

/** A few figures per city for the clusters index: three grouped queries for the whole province. */
export async function clustersOverview({ ctx }: { ctx: ServiceContext }) {
  const at = now(ctx);
  const today = chinaToday(at);
  const [firmRows, listingRows, demandRows] = await Promise.all([
    ctx.db
      .select({ city: organizations.cityAdcode, all: count(), verified: int(sql`count(*) filter (where ${organizations.verificationState} = 'verified')`) })
      .from(organizations)
      .where(inArray(organizations.type, [...FIRM_TYPES]))
      .groupBy(organizations.cityAdcode),
    ctx.db
      .select({ city: listingCity, n: count() })
      .from(listings)
      .innerJoin(organizations, eq(organizations.id, listings.organizationId))
      .leftJoin(sites, eq(sites.id, listings.siteId))
      .where(publishedListing(today))
      .groupBy(listingCity),
    ctx.db.select({ city: demands.deliverCityAdcode, n: count() }).from(demands).where(openDemand(at)).groupBy(demands.deliverCityAdcode),
  ]);
  const cities: Record<string, { firms: number; verifiedFirms: number; listings: number; openDemands: number }> = {};
  const entry = (city: string | null) => (city && getCity(city) ? (cities[city] ??= { firms: 0, verifiedFirms: 0, listings: 0, openDemands: 0 }) : null);
  for (const r of firmRows) {
    const e = entry(r.city);
    if (e) Object.assign(e, { firms: r.all, verifiedFirms: r.verified });
  }
  for (const r of listingRows) {
    const e = entry(r.city);
    if (e) e.listings = r.n;
  }
  for (const r of demandRows) {
    const e = entry(r.city);
    if (e) e.openDemands = r.n;
  }
  return { cities };
}
export type ClustersOverview = Awaited<ReturnType<typeof clustersOverview>>;

import { chinaDay } from "../demand-text";
import { SHANDONG_ADCODE } from "../taxonomy";
import { quantityUnitOf } from "../units";

/**
 * Pure aggregation for the analytics pages (issue 6): the service reads the facts of a scope and a
 * period from the database, these functions turn them into the figures. Months are China months
 * (YYYY-MM); money is in fen; shares are fractions (0..1) or null when there is nothing to share.
 */

export type InquirySource = "invited" | "responded" | "introduced";

interface Parties {
  buyerCity: string | null;
  supplierCity: string | null;
}
export interface InquiryFact extends Parties {
  at: Date;
  source: InquirySource;
}
export interface QuoteFact {
  at: Date;
}
export interface DealFact extends Parties {
  at: Date;
  amountFen: number;
  buyerProvince: string | null;
  supplierProvince: string | null;
}

export interface MonthRow {
  month: string;
  invited: number;
  responded: number;
  introduced: number;
  /** invited + responded + introduced: every inquiry opened in the month. */
  matches: number;
  quotes: number;
  deals: number;
  dealValueFen: number;
}

/** The China month (YYYY-MM) of an instant. */
export const chinaMonth = (at: Date) => chinaDay(at).slice(0, 7);

/** Every month from `from` to `to` inclusive (YYYY-MM), at most 60. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (let i = 0; i < 60; i++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > to) break;
    out.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

/** The last `count` China months up to and including the month of `at`: [from, to]. */
export function lastMonths(at: Date, count: number): [string, string] {
  const to = chinaMonth(at);
  const [y, m] = to.split("-").map(Number) as [number, number];
  const start = y * 12 + (m - 1) - (count - 1);
  return [`${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, "0")}`, to];
}

/** Inquiries by source, supplier quotes, deals and their value, per month of the period. */
export function monthlySeries(months: string[], facts: { inquiries: InquiryFact[]; quotes: QuoteFact[]; deals: DealFact[] }): MonthRow[] {
  const rows = new Map(months.map((month) => [month, { month, invited: 0, responded: 0, introduced: 0, matches: 0, quotes: 0, deals: 0, dealValueFen: 0 }]));
  for (const i of facts.inquiries) {
    const r = rows.get(chinaMonth(i.at));
    if (!r) continue;
    r[i.source] += 1;
    r.matches += 1;
  }
  for (const q of facts.quotes) {
    const r = rows.get(chinaMonth(q.at));
    if (r) r.quotes += 1;
  }
  for (const d of facts.deals) {
    const r = rows.get(chinaMonth(d.at));
    if (!r) continue;
    r.deals += 1;
    r.dealValueFen += d.amountFen;
  }
  return [...rows.values()];
}

export interface LocalSourcing {
  totalFen: number;
  sameCityFen: number;
  sameProvinceFen: number;
  /** 本地配套率: share of deal value where buyer and supplier are in the same city. */
  sameCityRate: number | null;
  /** Share of deal value where both are in Shandong. */
  sameProvinceRate: number | null;
}

/** 本地配套率 over the deals: same-city and same-province (Shandong) shares of their value. */
export function localSourcing(deals: DealFact[]): LocalSourcing {
  let totalFen = 0;
  let sameCityFen = 0;
  let sameProvinceFen = 0;
  for (const d of deals) {
    totalFen += d.amountFen;
    if (d.buyerCity && d.buyerCity === d.supplierCity) sameCityFen += d.amountFen;
    if (d.buyerProvince === SHANDONG_ADCODE && d.supplierProvince === SHANDONG_ADCODE) sameProvinceFen += d.amountFen;
  }
  return {
    totalFen,
    sameCityFen,
    sameProvinceFen,
    sameCityRate: totalFen ? sameCityFen / totalFen : null,
    sameProvinceRate: totalFen ? sameProvinceFen / totalFen : null,
  };
}

export interface DemandFact {
  chainLink: string | null;
  cityAdcode: string | null;
  /** canonical quantity unit (t, m, …) */
  unit: string | null;
  quantity: number | null;
}
export interface CapacityFact {
  chainLink: string;
  cityAdcode: string | null;
  /** canonical rate unit (t_per_month, …) */
  rateUnit: string;
  monthly: number;
}
export interface SupplyDemandRow {
  chainLink: string;
  cityAdcode: string | null;
  /** The canonical quantity unit both sides are in (capacity per month). */
  unit: string;
  demand: number;
  capacity: number;
  demands: number;
  listings: number;
}

/**
 * Open demand (quantity wanted) against spare capacity (published capacity per month) by chain
 * link, city and canonical unit, sorted by chain link, city, unit. Demands without a chain link,
 * quantity or unit cannot be compared and are left out.
 */
export function demandVsCapacity(demands: DemandFact[], capacities: CapacityFact[]): SupplyDemandRow[] {
  const rows = new Map<string, SupplyDemandRow>();
  const row = (chainLink: string, cityAdcode: string | null, unit: string) => {
    const key = `${chainLink}|${cityAdcode ?? ""}|${unit}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { chainLink, cityAdcode, unit, demand: 0, capacity: 0, demands: 0, listings: 0 }));
    return r;
  };
  for (const d of demands) {
    if (!d.chainLink || !d.unit || d.quantity === null) continue;
    const r = row(d.chainLink, d.cityAdcode, d.unit);
    r.demand += d.quantity;
    r.demands += 1;
  }
  for (const c of capacities) {
    const r = row(c.chainLink, c.cityAdcode, quantityUnitOf(c.rateUnit) ?? c.rateUnit);
    r.capacity += c.monthly;
    r.listings += 1;
  }
  const key = (r: SupplyDemandRow) => `${r.chainLink}|${r.cityAdcode ?? "~"}|${r.unit}`;
  return [...rows.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export interface CityActivity {
  cityAdcode: string;
  inquiries: number;
  deals: number;
  dealValueFen: number;
  /** inquiries + deals: what the map sizes a city by. */
  activity: number;
}

/** Inquiries and deals per city; one between two firms of the same city counts once there. */
export function cityActivity(inquiries: Parties[], deals: (Parties & { amountFen: number })[]): CityActivity[] {
  const rows = new Map<string, CityActivity>();
  const citiesOf = (p: Parties) => [...new Set([p.buyerCity, p.supplierCity].filter((c): c is string => !!c))];
  const row = (cityAdcode: string) => {
    let r = rows.get(cityAdcode);
    if (!r) rows.set(cityAdcode, (r = { cityAdcode, inquiries: 0, deals: 0, dealValueFen: 0, activity: 0 }));
    return r;
  };
  for (const i of inquiries)
    for (const c of citiesOf(i)) {
      row(c).inquiries += 1;
      row(c).activity += 1;
    }
  for (const d of deals)
    for (const c of citiesOf(d)) {
      const r = row(c);
      r.deals += 1;
      r.dealValueFen += d.amountFen;
      r.activity += 1;
    }
  return [...rows.values()].sort((a, b) => b.activity - a.activity || a.cityAdcode.localeCompare(b.cityAdcode));
}

/** Everything the analytics page shows and exports. */
export interface AnalyticsFigures {
  monthly: MonthRow[];
  sourcing: LocalSourcing;
  supply: SupplyDemandRow[];
  cities: CityActivity[];
}

import { adcodeCentre, greatCircleKm } from "../matching/geo";
import { convertCanonical, parseUnit } from "../units";
import { orderAmountFen } from "./stages";

/**
 * Pure rules of inquiries and quotes (docs/deals.md) shared by the services and the pages: what an
 * order is worth, where a supplier and a delivery point are, how a delivery record reads.
 */

export type InquiryStatus = "invited" | "quoted" | "countered" | "declined" | "withdrawn" | "awarded" | "lost";

/** Statuses in which the negotiation still runs (quotes, counters, award, withdrawal). */
export const OPEN_INQUIRY_STATUSES = ["invited", "quoted", "countered"] as const satisfies readonly InquiryStatus[];
export const isOpenInquiry = (s: InquiryStatus): boolean => (OPEN_INQUIRY_STATUSES as readonly string[]).includes(s);

/**
 * The order value of a quote in fen: the quantity converted to the unit the price is per (件 vs
 * 万件, 吨 vs 公斤), times the unit price. Null when the two units measure different things (a
 * price per 公斤 for a quantity in 米), which a quote must not have.
 */
export function quoteAmountFen(q: { unitPriceFen: number; priceUnit: string; quantityValue: number; quantityUnit: string }): number | null {
  const qty = parseUnit(q.quantityUnit, "quantity");
  const per = parseUnit(q.priceUnit, "quantity");
  if (!qty || !per || per.factor <= 0) return null;
  const canonical = convertCanonical(q.quantityValue * qty.factor, qty.canonical, per.canonical);
  return canonical === null ? null : orderAmountFen(q.unitPriceFen, canonical / per.factor);
}

export interface Place {
  lat: number | null;
  lng: number | null;
  countyAdcode?: string | null;
  cityAdcode?: string | null;
}

/**
 * The first of the places that can be located, as the matcher reads a supplier: its own
 * coordinates (a site's, then the organisation's), else the centre of a county, else of a city. Null when none can be located.
 */
export function locate(...places: Array<Place | null | undefined>): { lat: number; lng: number } | null {
  for (const p of places) if (p && p.lat !== null && p.lng !== null) return { lat: p.lat, lng: p.lng };
  const codes = [...places.map((p) => p?.countyAdcode), ...places.map((p) => p?.cityAdcode)];
  for (const code of codes) {
    const c = code ? adcodeCentre(code) : null;
    if (c) return { lat: c.lat, lng: c.lng };
  }
  return null;
}

/** Kilometres between two located points, to one decimal; null when either is unknown. */
export function distanceKm(a: { lat: number; lng: number } | null, b: { lat: number; lng: number } | null): number | null {
  return a && b ? Math.round(greatCircleKm(a, b) * 10) / 10 : null;
}

/** The hour a message notification is deduplicated in ("2025-06-01T09"): one per thread and hour. */
export const messageHourKey = (at: Date): string => at.toISOString().slice(0, 13);

/** Shapes of the matcher (formats §3 Demand JSON, §4 Match result JSON). Pure types, no I/O. */

export interface DemandJson {
  chainLink?: string | null;
  processes?: string[] | null;
  products?: string[] | null;
  fibers?: string[] | null;
  text?: string | null;
  quantity?: { value: number; unit: string } | null;
  needBy?: string | null;
  deliverTo?: { cityAdcode?: string | null; lat?: number | null; lng?: number | null } | null;
  requiredCertifications?: string[] | null;
  spec?: { yarnCountNe?: number | null; gsm?: number | null; widthCm?: number | null } | null;
  maxDistanceKm?: number | null;
}

export interface NamedPlace {
  kind: string;
  adcode?: string;
  name: string;
  lat: number;
  lng: number;
}

/** A demand as the matcher uses it: structured fields, canonical quantity, coordinates resolved. */
export interface MatchDemand {
  chainLink?: string;
  processes: string[];
  products: string[];
  fibers: string[];
  requiredCertifications: string[];
  /** Schemes the text mentions without requiring them: they rank, they do not filter. */
  softCertifications?: string[];
  /** Canonical quantity unit id (units.quantities). */
  quantity?: { value: number; unit: string };
  needBy?: string;
  deliverTo?: { lat: number; lng: number; cityAdcode?: string };
  namedPlaces: NamedPlace[];
  spec: { yarnCountNe?: number; gsm?: number; widthCm?: number };
  maxDistanceKm?: number;
  /** Words of the free text, for relevance. */
  terms: string[];
}

export interface CandidateCertificate {
  schemeId: string;
  validFrom: string | null;
  validTo: string | null;
  verificationState: string;
}

/** What the matcher reads of a supplier's delivery record: delivered deals, the on-time share, average rating. */
export interface DeliveryRecordSummary {
  deliveredDeals: number;
  onTimeRate: number | null;
  /** Mean of the on-time, quality and communication ratings received (1–5); null without ratings. */
  avgRating: number | null;
}

/** A published listing with what the matcher needs (canonical units, own coordinates). */
export interface CandidateListing {
  id: string;
  ref: string | null;
  kind: "capability" | "capacity";
  chainLink: string;
  processes: string[];
  products: string[];
  fibers: string[];
  title: string;
  description: string | null;
  /** Canonical rate (units.rates id). */
  capacityValue: number;
  capacityUnit: string;
  /** Canonical quantity (units.quantities id). */
  moqValue: number | null;
  moqUnit: string | null;
  leadTimeDays: number | null;
  yarnCountNeMin: number | null;
  yarnCountNeMax: number | null;
  gsmMin: number | null;
  gsmMax: number | null;
  widthCmMax: number | null;
  availableFrom: string | null;
  availableTo: string | null;
  lat: number | null;
  lng: number | null;
  cityAdcode: string | null;
  countyAdcode: string | null;
  company: {
    id: string;
    name: string;
    cityAdcode: string | null;
    verified: boolean;
    type?: string | null;
    smeLevel?: string | null;
    /** The supplier's delivery record (services/delivery-record.ts); absent until its first delivered deal. */
    delivery?: DeliveryRecordSummary | null;
  };
  certificates: CandidateCertificate[];
}

export type { Reason, ReasonCore, ReasonParams } from "./reasons";
import type { Reason } from "./reasons";

export interface MatchResultRow {
  ref: string | null;
  listingId: string;
  company: { name: string; cityAdcode: string | null };
  score: number;
  distanceKm: number | null;
  reasons: Reason[];
}

export interface MatchResult {
  asOf: string;
  results: MatchResultRow[];
}

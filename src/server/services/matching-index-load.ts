import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { adcodeCentre } from "@/domain/matching/geo";
import type { CandidateCertificate, CandidateListing, DeliveryRecordSummary } from "@/domain/matching/types";
import type { deliveryRecords } from "../db/schema";
import type { Db } from "../db/types";
import { rows } from "../search/postgres/sql";
import { toDeliveryRecord } from "./delivery-record";

/**
 * Published listings as the matcher evaluates them (CandidateListing): with their organisation,
 * their own coordinates (site, else organisation, else the county or city centre), the
 * organisation's delivery record (when it has one) and their certificates (ordered by scheme and id, so reasons list schemes in a stable order). Rows travel
 * as one JSON text per chunk: on PGlite that is several times faster than one value per column.
 */

const CHUNK = 5000;

type Row = [
  id: string, ref: string | null, kind: CandidateListing["kind"], chainLink: string, processes: string[], products: string[], fibers: string[],
  title: string, description: string | null, capacityValue: number, capacityUnit: string, moqValue: number | null, moqUnit: string | null,
  leadTimeDays: number | null, yarnCountNeMin: number | null, yarnCountNeMax: number | null, gsmMin: number | null, gsmMax: number | null,
  widthCmMax: number | null, availableFrom: string | null, availableTo: string | null,
  siteLat: number | null, siteLng: number | null, siteCity: string | null, siteCounty: string | null,
  orgId: string, orgName: string, orgCity: string | null, orgCounty: string | null, orgLat: number | null, orgLng: number | null, orgVerification: string,
  certificates: Array<[schemeId: string, validFrom: string | null, validTo: string | null, verificationState: string]> | null,
  delivery: [deliveredDeals: number, onTimeDeals: number, ratings: number, avgOnTime: number | null, avgQuality: number | null, avgCommunication: number | null] | null,
];

function deliverySummary(orgId: string, r: Row[33]): DeliveryRecordSummary | null {
  if (!r) return null;
  const [deliveredDeals, onTimeDeals, ratings, avgOnTime, avgQuality, avgCommunication] = r;
  const row = { organizationId: orgId, deliveredDeals, onTimeDeals, ratings, avgOnTime, avgQuality, avgCommunication } as typeof deliveryRecords.$inferSelect;
  const record = toDeliveryRecord(orgId, row);
  return { deliveredDeals: record.deliveredDeals, onTimeRate: record.onTimeRate, avgRating: record.avgOverall };
}

function toCandidate(r: Row): CandidateListing {
  const [id, ref, kind, chainLink, processes, products, fibers, title, description, capacityValue, capacityUnit, moqValue, moqUnit, leadTimeDays] = r;
  const [yarnCountNeMin, yarnCountNeMax, gsmMin, gsmMax, widthCmMax, availableFrom, availableTo] = r.slice(14, 21) as [number | null, number | null, number | null, number | null, number | null, string | null, string | null];
  const [siteLat, siteLng, siteCity, siteCounty, orgId, orgName, orgCity, orgCounty, orgLat, orgLng, orgVerification, certs, delivery] = r.slice(21) as [
    number | null, number | null, string | null, string | null, string, string, string | null, string | null, number | null, number | null, string, Row[32], Row[33],
  ];
  const own = siteLat !== null && siteLng !== null ? { lat: siteLat, lng: siteLng } : orgLat !== null && orgLng !== null ? { lat: orgLat, lng: orgLng } : null;
  const cityAdcode = siteCity ?? orgCity;
  const fallback = !own && cityAdcode ? adcodeCentre(siteCounty ?? orgCounty ?? cityAdcode) : null;
  const certificates: CandidateCertificate[] = (certs ?? []).map(([schemeId, validFrom, validTo, verificationState]) => ({ schemeId, validFrom, validTo, verificationState }));
  return {
    id, ref, kind, chainLink, processes, products, fibers, title, description, capacityValue, capacityUnit, moqValue, moqUnit, leadTimeDays,
    yarnCountNeMin, yarnCountNeMax, gsmMin, gsmMax, widthCmMax, availableFrom, availableTo,
    lat: own?.lat ?? fallback?.lat ?? null,
    lng: own?.lng ?? fallback?.lng ?? null,
    cityAdcode,
    countyAdcode: siteCounty ?? orgCounty,
    company: { id: orgId, name: orgName, cityAdcode: orgCity ?? siteCity, verified: orgVerification === "verified", delivery: deliverySummary(orgId, delivery) },
    certificates,
  };
}

/** Which listings to load: every published one, or those among some listings and organisations. */
export type LoadScope = { all: true } | { listingIds: string[]; organizationIds: string[] };

/** One array parameter (uuids come from the database: no quoting needed). */
const uuidArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

function scopeCondition(scope: LoadScope): SQL {
  if ("all" in scope) return sql`true`;
  const conds: SQL[] = [];
  if (scope.listingIds.length) conds.push(sql`l.id = ANY(${uuidArray(scope.listingIds)})`);
  if (scope.organizationIds.length) conds.push(sql`l.organization_id = ANY(${uuidArray(scope.organizationIds)})`);
  return conds.length ? sql`(${sql.join(conds, sql` OR `)})` : sql`false`;
}

/** Published listings in the scope, in id order, as the domain's CandidateListing. */
export async function loadCandidateListings(db: Db, scope: LoadScope): Promise<CandidateListing[]> {
  const where = scopeCondition(scope);
  const out: CandidateListing[] = [];
  let after: string | null = null;
  for (;;) {
    const [chunk] = await rows<{ rows: string | null }>(
      db,
      sql`SELECT json_agg(json_build_array(
            l.id, l.ref, l.kind, l.chain_link, l.processes, l.products, l.fibers, l.title, l.description,
            l.capacity_value, l.capacity_unit, l.moq_value, l.moq_unit, l.lead_time_days,
            l.yarn_count_ne_min, l.yarn_count_ne_max, l.gsm_min, l.gsm_max, l.width_cm_max, l.available_from, l.available_to,
            s.lat, s.lng, s.city_adcode, s.county_adcode,
            o.id, o.name_zh, o.city_adcode, o.county_adcode, o.lat, o.lng, o.verification_state,
            (SELECT json_agg(json_build_array(c.scheme_id, c.valid_from, c.valid_to, c.verification_state) ORDER BY c.scheme_id, c.id)
               FROM listing_certifications lc JOIN certifications c ON c.id = lc.certification_id WHERE lc.listing_id = l.id),
            CASE WHEN dr.organization_id IS NOT NULL THEN json_build_array(dr.delivered_deals, dr.on_time_deals, dr.ratings, dr.avg_on_time, dr.avg_quality, dr.avg_communication) END
          ) ORDER BY l.id)::text AS rows
          FROM (SELECT * FROM listings l WHERE l.status = 'published' AND ${where} ${after === null ? sql`` : sql`AND l.id > ${after}`} ORDER BY l.id LIMIT ${CHUNK}) l
          JOIN organizations o ON o.id = l.organization_id
          LEFT JOIN sites s ON s.id = l.site_id
          LEFT JOIN delivery_records dr ON dr.organization_id = o.id`,
    );
    if (!chunk?.rows) break;
    const parsed = JSON.parse(chunk.rows) as Row[];
    for (const r of parsed) out.push(toCandidate(r));
    if (parsed.length < CHUNK) break;
    after = parsed[parsed.length - 1]![0];
  }
  return out;
}

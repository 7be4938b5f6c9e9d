import "server-only";
import { and, eq, gte, isNull, or, sql, type SQL } from "drizzle-orm";
import { FAR_KM } from "@/domain/matching/constraints";
import type { MatchDemand } from "@/domain/matching/types";
import { processes as allProcesses, fiberIsA, fibers, processCovers } from "@/domain/taxonomy";
import { convertCanonical, quantityUnitOf, quantityUnits, rateUnits } from "@/domain/units";
import { certifications, listingCertifications, listings, organizations, sites } from "../db/schema";

/**
 * The matcher's SQL side (services/matching.ts joins listings, organizations and sites): exact
 * relaxations of the hard constraints of formats §4 and of the grade bands, so that fewer rows travel
 * to JavaScript. They only narrow; the domain checks every constraint and grades every row it gets.
 */

const textArray = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/** Slack for float rounding (units' tidy(), km rounded to 0.1): the SQL side only ever lets more in. */
const SLACK = 1e-6;

/** `CASE <unit column> WHEN 'u' THEN factor …` converting to `to` (domain convertCanonical), NULL when not comparable. */
function factorTo(column: SQL, ids: readonly string[], to: string, rate: boolean): SQL | null {
  const arms: SQL[] = [];
  for (const id of ids) {
    const f = rate ? (() => { const q = quantityUnitOf(id); return q ? convertCanonical(1, q, to) : null; })() : convertCanonical(1, id, to);
    if (f !== null) arms.push(sql`WHEN ${id} THEN ${f}::float8`);
  }
  return arms.length ? sql`(CASE ${column} ${sql.join(arms, sql` `)} END)` : null;
}

/** A listing's own coordinates as the domain picks them (site, else organisation); NULL when neither. */
const ownLat = sql`(CASE WHEN ${sites.lat} IS NOT NULL AND ${sites.lng} IS NOT NULL THEN ${sites.lat} WHEN ${organizations.lat} IS NOT NULL AND ${organizations.lng} IS NOT NULL THEN ${organizations.lat} END)`;
const ownLng = sql`(CASE WHEN ${sites.lat} IS NOT NULL AND ${sites.lng} IS NOT NULL THEN ${sites.lng} WHEN ${organizations.lat} IS NOT NULL AND ${organizations.lng} IS NOT NULL THEN ${organizations.lng} END)`;

/** Production starts at asOf + lead time, for a capacity listing not before available_from. */
const windowStart = (asOf: string) => sql`GREATEST(${asOf}::date + coalesce(${listings.leadTimeDays}, 0), CASE WHEN ${listings.kind} = 'capacity' THEN ${listings.availableFrom} END)`;

/** Calendar days from the start to needBy (for a capacity listing not after available_to): ≥ production days. */
const calendarDays = (needBy: string, asOf: string) => sql`(LEAST(${needBy}::date, CASE WHEN ${listings.kind} = 'capacity' THEN ${listings.availableTo} END) - ${windowStart(asOf)})`;

/** Own coordinates inside a bounding box. */
function inBox(box: ReturnType<typeof boundingBox>): SQL {
  const lat = sql`${ownLat} BETWEEN ${box.lat[0]} AND ${box.lat[1]}`;
  return box.lng ? sql`${lat} AND ${ownLng} BETWEEN ${box.lng[0]} AND ${box.lng[1]}` : lat;
}

/**
 * The SQL prefilter: exact relaxations of formats §4's hard constraints, so that only listings that
 * may pass travel to JavaScript. It only narrows; the domain checks every constraint exactly afterwards.
 */
export function prefilter(d: MatchDemand, asOf: string): SQL | undefined {
  const conds: SQL[] = [eq(listings.status, "published")];
  if (d.chainLink) conds.push(eq(listings.chainLink, d.chainLink));
  if (d.processes.length > 0) {
    const covering = allProcesses.filter((p) => d.processes.some((req) => processCovers(p.id, req))).map((p) => p.id);
    conds.push(covering.length === 0 ? sql`false` : sql`${listings.processes} && ${textArray(covering)}`);
  }
  for (const req of d.fibers) {
    const satisfying = fibers.filter((f) => fiberIsA(f.id, req)).map((f) => f.id);
    conds.push(or(sql`cardinality(${listings.fibers}) = 0`, sql`${listings.fibers} && ${textArray(satisfying)}`)!);
  }
  const { yarnCountNe, gsm, widthCm } = d.spec;
  if (yarnCountNe !== undefined) conds.push(or(isNull(listings.yarnCountNeMax), gte(listings.yarnCountNeMax, yarnCountNe))!);
  if (gsm !== undefined) {
    conds.push(or(isNull(listings.gsmMin), sql`${listings.gsmMin} * 0.95 <= ${gsm + SLACK}`)!);
    conds.push(or(isNull(listings.gsmMax), sql`${listings.gsmMax} * 1.05 >= ${gsm - SLACK}`)!);
  }
  if (widthCm !== undefined) conds.push(or(isNull(listings.widthCmMax), gte(listings.widthCmMax, widthCm))!);

  // Certifications: each required scheme held, not rejected, in force on asOf (isCertificateValid).
  for (const scheme of d.requiredCertifications) {
    conds.push(sql`EXISTS (SELECT 1 FROM ${listingCertifications} JOIN ${certifications} ON ${certifications.id} = ${listingCertifications.certificationId}
      WHERE ${listingCertifications.listingId} = ${listings.id} AND ${certifications.schemeId} = ${scheme} AND ${certifications.verificationState} <> 'rejected'
      AND (${certifications.validTo} IS NULL OR ${certifications.validTo} >= ${asOf}::date) AND (${certifications.validFrom} IS NULL OR ${certifications.validFrom} <= ${asOf}::date))`);
  }

  // MOQ in the demand's canonical unit (checkMoq): above the quantity is out; not comparable stays.
  if (d.quantity) {
    const moq = factorTo(sql`${listings.moqUnit}`, quantityUnits.map((u) => u.id), d.quantity.unit, false);
    if (moq) conds.push(sql`(${listings.moqValue} IS NULL OR ${moq} IS NULL OR ${listings.moqValue} * ${moq} <= ${d.quantity.value * (1 + SLACK) + SLACK})`);
  }

  // A capacity listing whose window has ended is expired (decided at query time, like the pages).
  conds.push(or(sql`${listings.kind} <> 'capacity'`, isNull(listings.availableTo), sql`${listings.availableTo} >= ${asOf}::date`)!);
  // Capacity before needBy (checkCapacity): production starts at asOf + lead time (a capacity
  // listing not before available_from) and ends at needBy (not after available_to). The calendar
  // days in between bound the production days from above (the shutdown only removes days).
  if (d.needBy) {
    const days = calendarDays(d.needBy, asOf);
    conds.push(sql`${days} > 0`);
    if (d.quantity) {
      const perMonth = factorTo(sql`${listings.capacityUnit}`, rateUnits.map((u) => u.id), d.quantity.unit, true);
      if (perMonth) conds.push(sql`(${perMonth} IS NULL OR ${listings.capacityValue} * ${perMonth} * ${days} / 30.0 >= ${0.5 * d.quantity.value * (1 - SLACK) - SLACK})`);
    }
  } else if (d.quantity) {
    // No need-by date: a capacity window closed before production could start is out.
    conds.push(or(sql`${listings.kind} <> 'capacity'`, isNull(listings.availableTo), sql`${listings.availableTo} > ${windowStart(asOf)}`)!);
  }

  // Maximum distance: a bounding box around deliverTo on the listing's own coordinates; listings
  // without them stay (the domain falls back to their county or city centre).
  if (d.maxDistanceKm !== undefined && d.deliverTo) conds.push(sql`(${ownLat} IS NULL OR (${inBox(boundingBox(d.deliverTo, d.maxDistanceKm + 0.1))}))`);
  return and(...conds);
}

/**
 * Latitude and longitude bounds of every point within `km` of `c` (great circle, the domain's
 * Earth radius), widened slightly; no longitude bound when the cap reaches a pole.
 */
export function boundingBox(c: { lat: number; lng: number }, km: number): { lat: [number, number]; lng: [number, number] | null } {
  const r = km / 6371.0088;
  const deg = 180 / Math.PI;
  const margin = 1e-4;
  const lat: [number, number] = [c.lat - r * deg - margin, c.lat + r * deg + margin];
  if (lat[0] <= -90 || lat[1] >= 90) return { lat, lng: null };
  const dLng = Math.asin(Math.min(1, Math.sin(r) / Math.cos(c.lat / deg))) * deg + margin;
  return { lat, lng: [c.lng - dLng, c.lng + dLng] };
}


/**
 * A superset of the listings a demand can grade ideal (constraints.ts: every check at grade 3):
 * fibres stated, yarn not coarser than the mill's range, capacity ≥ 1.5× over the calendar days,
 * within 400 km, a product asked for or none stated, in or near a named place. Null when the demand
 * leaves every one of those open (then every candidate may be ideal).
 */
export function idealTier(d: MatchDemand, asOf: string): SQL | null {
  const conds: SQL[] = [];
  if (d.fibers.length) conds.push(sql`cardinality(${listings.fibers}) > 0`);
  if (d.spec.yarnCountNe !== undefined) conds.push(or(isNull(listings.yarnCountNeMin), sql`${listings.yarnCountNeMin} <= ${d.spec.yarnCountNe}`)!);
  if (d.products.length) conds.push(or(sql`cardinality(${listings.products}) = 0`, sql`${listings.products} && ${textArray(d.products)}`)!);
  if (d.quantity && d.needBy) {
    const perMonth = factorTo(sql`${listings.capacityUnit}`, rateUnits.map((u) => u.id), d.quantity.unit, true);
    if (perMonth) conds.push(sql`(${perMonth} IS NULL OR ${listings.capacityValue} * ${perMonth} * ${calendarDays(d.needBy, asOf)} / 30.0 >= ${1.5 * d.quantity.value * (1 - SLACK) - SLACK})`);
  }
  if (d.deliverTo) conds.push(sql`(${ownLat} IS NULL OR (${inBox(boundingBox(d.deliverTo, FAR_KM + 0.1))}))`);
  if (d.namedPlaces.length) {
    const adcodes = d.namedPlaces.map((p) => p.adcode).filter((a): a is string => !!a);
    const near = d.namedPlaces.map((p) => sql`(${inBox(boundingBox(p, 15.1))})`);
    const here = adcodes.length
      ? [sql`${sites.countyAdcode} = ANY(${textArray(adcodes)})`, sql`${organizations.countyAdcode} = ANY(${textArray(adcodes)})`, sql`${sites.cityAdcode} = ANY(${textArray(adcodes)})`, sql`${organizations.cityAdcode} = ANY(${textArray(adcodes)})`]
      : [];
    conds.push(or(sql`${ownLat} IS NULL`, ...here, ...near)!);
  }
  return conds.length ? and(...conds)! : null;
}

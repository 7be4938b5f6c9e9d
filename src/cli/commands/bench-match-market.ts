import { and, eq, getTableColumns, getTableName, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { adcodeCentre } from "@/domain/matching/geo";
import { rankListings } from "@/domain/matching/match";
import type { CandidateCertificate, CandidateListing, DemandJson, MatchDemand } from "@/domain/matching/types";
import { certifications, listingCertifications, listings, organizations, sites } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { generateCertificates, type SeedCertificate } from "@/server/services/seed/certificates";
import { generateDemand } from "@/server/services/seed/demands";
import { type SeedFirm } from "@/server/services/seed/firms";
import { generateListing, type SeedListing } from "@/server/services/seed/listings";
import { generateMarket } from "@/server/services/seed/market";
import { createRng, type Rng } from "@/server/services/seed/rng";

/**
 * What `bench match` (and `bench search`) runs on: a deterministic generated market, the demands
 * buyers post, and the naive baseline the matcher is compared with.
 */

/** "Today" of the generated market and of every match, so every run sees the same data. */
const NOW = new Date("2027-01-10T04:00:00Z");
export const AS_OF = "2027-01-10";

// ---------------------------------------------------------------------------------------------
// Market generation: the seed's firms (real clusters, coordinates, certificates) cloned with fresh
// ids, codes and a small jitter until there are enough of them for `n` listings, ~2.5 per firm.

export interface BenchMarket {
  firms: SeedFirm[];
  certificates: SeedCertificate[];
  listings: (SeedListing & { ref: string })[];
  listingCertificates: { listingId: string; certificationId: string }[];
}

function usccFrom(rng: Rng): () => string {
  // 18 characters, unique per run; the import path validates USCCs, a direct insert does not.
  let k = 0;
  return () => `91370${String(k++).padStart(8, "0")}${Math.floor(rng() * 1e5).toString(36).toUpperCase().padStart(5, "0")}`.slice(0, 18);
}

export function generateBenchMarket(n: number, seed = 0xbe4c): BenchMarket {
  const base = generateMarket(NOW, []).firms.filter((f) => f.profiles.length > 0);
  const today = AS_OF;
  const rng = createRng(seed);
  const nextUscc = usccFrom(createRng(seed + 1));
  const firmCount = Math.max(1, Math.ceil(n / 2.5));
  const firms: SeedFirm[] = [];
  for (let i = 0; i < firmCount; i++) {
    const b = base[i % base.length]!;
    const round = Math.floor(i / base.length);
    firms.push({
      ...b,
      id: rng.uuid(),
      uscc: nextUscc(),
      nameZh: round === 0 ? b.nameZh : `${b.nameZh}（${round}分厂）`,
      lat: Number((b.lat + (rng() - 0.5) * 0.06).toFixed(5)),
      lng: Number((b.lng + (rng() - 0.5) * 0.06).toFixed(5)),
    });
  }
  const certRng = createRng(seed + 2);
  const certificates = firms.flatMap((f, i) => generateCertificates(certRng, f, i, today));
  const certsByFirm = new Map<number, SeedCertificate[]>();
  for (const c of certificates) certsByFirm.set(c.firm, [...(certsByFirm.get(c.firm) ?? []), c]);

  const listingRng = createRng(seed + 3);
  const used = firms.map(() => new Set<string>());
  const out: BenchMarket["listings"] = [];
  const listingCertificates: BenchMarket["listingCertificates"] = [];
  for (let i = 0; i < n; i++) {
    const fi = i % firmCount;
    const firm = firms[fi]!;
    const k = Math.floor(i / firmCount);
    const key = k < firm.profiles.length ? firm.profiles[k]! : listingRng.chance(0.7) ? firm.profiles[0]! : listingRng.pick(firm.profiles);
    const l = { ...generateListing(listingRng, firm, fi, key, used[fi]!, today), ref: `BM-${String(i).padStart(6, "0")}` };
    out.push(l);
    for (const c of certsByFirm.get(fi) ?? []) if (c.chainLinks.includes(l.chainLink) && listingRng.chance(0.6)) listingCertificates.push({ listingId: l.id, certificationId: c.id });
  }
  return { firms, certificates, listings: out, listingCertificates };
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Bulk insert through one JSON parameter per chunk (json_populate_recordset): far faster on PGlite
 * than thousands of bound parameters. Only the keys present are inserted; the rest take defaults.
 */
async function insertJson(db: Db, table: PgTable, rows: Record<string, unknown>[], size = 5000) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => k in columns);
  const names = keys.map((k) => columns[k]!.name);
  const list = sql.raw(names.map((n) => `"${n}"`).join(", "));
  const tableName = sql.raw(`"${getTableName(table)}"`);
  await insertChunked(rows, size, (chunk) => {
    const json = JSON.stringify(chunk.map((r) => Object.fromEntries(keys.map((k, i) => [names[i], r[k] instanceof Date ? (r[k] as Date).toISOString() : (r[k] ?? null)]))));
    return db.execute(sql`INSERT INTO ${tableName} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${tableName}, ${json}::json)`);
  });
}

export async function insertBenchMarket(db: Db, m: BenchMarket) {
  const siteRng = createRng(0x517e);
  const siteIds = m.firms.map(() => siteRng.uuid());
  const at = NOW;
  await db.transaction(async (tx) => {
    await insertJson(
      tx,
      organizations,
      m.firms.map((f) => ({
        id: f.id, type: f.type, nameZh: f.nameZh, nameEn: f.nameEn, uscc: f.uscc, cityAdcode: f.city, countyAdcode: f.county, address: f.address,
        lat: f.lat, lng: f.lng, smeLevel: f.smeLevel, smeLevelValidUntil: f.smeLevelValidUntil, description: f.description, contactName: f.contactName,
        contactPhone: f.contactPhone, verificationState: f.verificationState, verifiedAt: f.verificationState === "verified" ? at : null,
      })),
    );
    await insertJson(tx, sites, m.firms.map((f, i) => ({ id: siteIds[i]!, organizationId: f.id, address: f.address || null, cityAdcode: f.city, countyAdcode: f.county, lat: f.lat, lng: f.lng })));
    await insertJson(
      tx,
      certifications,
      m.certificates.map((c) => ({
        id: c.id, organizationId: m.firms[c.firm]!.id, schemeId: c.schemeId, number: c.number, validFrom: c.validFrom, validTo: c.validTo,
        verificationState: c.verificationState, verifiedAt: c.verificationState === "pending" ? null : at, verificationNote: c.verificationNote,
      })),
    );
    await insertJson(tx, listings, m.listings.map(({ firm, createdDaysAgo: _d, ...l }) => ({ ...l, organizationId: m.firms[firm]!.id, siteId: siteIds[firm]! })));
    await insertJson(tx, listingCertifications, m.listingCertificates, 20_000);
  });
}

// ---------------------------------------------------------------------------------------------
// Demands: what buyers post (the seed's needs), half structured Demand JSON, half text only.

export function generateBenchDemands(count: number, firms: SeedFirm[], seed = 0xde3b): DemandJson[] {
  const rng = createRng(seed);
  const out: DemandJson[] = [];
  for (let i = 0; i < count; i++) {
    const fi = rng.int(0, firms.length - 1);
    const d = generateDemand(rng, firms[fi]!, fi, AS_OF, "open");
    if (i % 2 === 0) {
      out.push({
        chainLink: d.chainLink, processes: d.processes, products: d.products, fibers: d.fibers, text: `${d.title}，${d.text}`,
        quantity: { value: d.quantityValue, unit: d.quantityUnit }, needBy: d.needBy, deliverTo: { lat: d.deliverLat, lng: d.deliverLng },
        requiredCertifications: d.requiredCertifications, spec: { yarnCountNe: d.yarnCountNe, gsm: d.gsm, widthCm: d.widthCm }, maxDistanceKm: d.maxDistanceKm,
      });
    } else if (i % 4 === 1) {
      out.push({ text: d.title });
    } else {
      out.push({ text: `${d.title}，${d.text}`, needBy: d.needBy, deliverTo: { cityAdcode: d.deliverCityAdcode } });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The naive baseline: a sequential ILIKE scan of whole rows (title/description against the demand's
// words, plus the chain link), every certificate fetched, each constraint checked in JavaScript by
// the same domain functions (rankListings).

export async function naiveCandidates(db: Db, d: MatchDemand): Promise<CandidateListing[]> {
  const conds: SQL[] = [eq(listings.status, "published")];
  if (d.chainLink) conds.push(eq(listings.chainLink, d.chainLink));
  const terms = [...new Set(d.terms)].slice(0, 8);
  if (terms.length > 0) {
    const likes = terms.flatMap((t) => {
      const p = `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return [sql`${listings.title} ILIKE ${p}`, sql`${listings.description} ILIKE ${p}`];
    });
    conds.push(or(...likes)!);
  }
  const rows = await db
    .select({ l: listings, o: organizations, s: sites })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(and(...conds));
  const certs = new Map<string, CandidateCertificate[]>();
  for (let i = 0; i < rows.length; i += 5000) {
    const ids = rows.slice(i, i + 5000).map((r) => r.l.id);
    const cs = await db
      .select({ listingId: listingCertifications.listingId, schemeId: certifications.schemeId, validFrom: certifications.validFrom, validTo: certifications.validTo, verificationState: certifications.verificationState })
      .from(listingCertifications)
      .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
      .where(inArray(listingCertifications.listingId, ids))
      // The order the index keeps (extra certificates are listed in it).
      .orderBy(certifications.schemeId, certifications.id);
    for (const { listingId, ...c } of cs) certs.set(listingId, [...(certs.get(listingId) ?? []), c]);
  }
  return rows.map(({ l, o, s }) => {
    const own = s?.lat != null && s.lng != null ? { lat: s.lat, lng: s.lng } : o.lat != null && o.lng != null ? { lat: o.lat, lng: o.lng } : adcodeCentre(s?.countyAdcode ?? o.countyAdcode ?? s?.cityAdcode ?? o.cityAdcode ?? "");
    return {
      id: l.id, ref: l.ref, kind: l.kind, chainLink: l.chainLink, processes: l.processes, products: l.products, fibers: l.fibers, title: l.title, description: l.description,
      capacityValue: l.capacityValue, capacityUnit: l.capacityUnit, moqValue: l.moqValue, moqUnit: l.moqUnit, leadTimeDays: l.leadTimeDays,
      yarnCountNeMin: l.yarnCountNeMin, yarnCountNeMax: l.yarnCountNeMax, gsmMin: l.gsmMin, gsmMax: l.gsmMax, widthCmMax: l.widthCmMax,
      availableFrom: l.availableFrom, availableTo: l.availableTo, lat: own?.lat ?? null, lng: own?.lng ?? null,
      cityAdcode: s?.cityAdcode ?? o.cityAdcode, countyAdcode: s?.countyAdcode ?? o.countyAdcode,
      company: { id: o.id, name: o.nameZh, cityAdcode: o.cityAdcode, verified: o.verificationState === "verified", type: o.type, smeLevel: o.smeLevel },
      certificates: certs.get(l.id) ?? [],
    };
  });
}

export async function naiveMatch(db: Db, d: MatchDemand, top: number) {
  const candidates = await naiveCandidates(db, d);
  return { candidates: candidates.length, result: rankListings(d, candidates, AS_OF, top) };
}


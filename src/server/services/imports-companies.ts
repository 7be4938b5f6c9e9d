import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { normaliseName, type ImportRow, type groupRows } from "@/domain/import";
import type { Db } from "../db/types";
import { auditLog, organizations } from "../db/schema";
import { writeAudit } from "./audit";
import type { ImportAccount } from "./imports";
import { ownedOrganization, type FieldSources } from "./onboarding-records";

/**
 * The Listings import's companies → organisations (see imports.ts): which organisation each group
 * of rows describes, which the account may touch, which to create, and writing those first.
 */

type OrgRow = typeof organizations.$inferSelect;
type OrgInsert = typeof organizations.$inferInsert;
type Groups = ReturnType<typeof groupRows>;
type Reject = (row: ImportRow, column: string, code: string, params?: Record<string, string | number>) => void;

export interface NewOrg {
  key: string;
  values: OrgInsert;
}

export interface CompanyPlan {
  /** groupKey → organisation id (existing ones now, created ones after writeCompanies). */
  orgOfGroup: Map<string, string>;
  newOrgs: NewOrg[];
  orgUpdates: Map<string, Partial<OrgInsert>>;
}

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every field of a created organisation came from this import job. */
function importSources(values: OrgInsert, jobId: string, at: Date): FieldSources {
  const source = { source: `import:${jobId}`, at: at.toISOString() };
  const fields: Array<[string, unknown]> = [
    ["name", values.nameZh],
    ["uscc", values.uscc],
    ["province", values.provinceAdcode],
    ["city", values.cityAdcode],
    ["county", values.countyAdcode],
    ["address", values.address],
    ["coordinates", values.lat],
  ];
  return Object.fromEntries(fields.filter(([, v]) => v !== null && v !== undefined).map(([f]) => [f, source]));
}

export async function planCompanies(
  db: Db,
  { account, importAccount, groups, reject }: { account: OrgRow | null; importAccount: ImportAccount; groups: Groups; reject: Reject },
): Promise<CompanyPlan> {
  const isServiceCenter = account?.type === "service_center";
  const usccs = [...new Set([...groups.values()].map((g) => g.company.uscc).filter((u): u is string => u !== null))];
  const names = [...new Set([...groups.values()].filter((g) => !g.company.uscc).map((g) => g.company.name))];
  const byUscc = new Map<string, OrgRow>();
  for (const part of chunks(usccs, CHUNK)) for (const o of await db.select().from(organizations).where(inArray(organizations.uscc, part))) byUscc.set(o.uscc!, o);
  const byNameCity = new Map<string, OrgRow>();
  for (const part of chunks(names, CHUNK))
    for (const o of await db.select().from(organizations).where(inArray(organizations.nameZh, part))) {
      const key = `${normaliseName(o.nameZh)}|${o.provinceAdcode}|${o.cityAdcode ?? ""}`;
      if (!byNameCity.has(key)) byNameCity.set(key, o);
    }

  // Firms that own their profile (signed up, or claimed): an import never changes it, and a centre
  // that onboarded one no longer imports for it.
  const candidates = [...new Set([...byUscc.values(), ...byNameCity.values()].map((o) => o.id))];
  const owned = new Set<string>();
  for (const part of chunks(candidates, CHUNK))
    for (const o of await db.select({ id: organizations.id }).from(organizations).where(and(inArray(organizations.id, part), ownedOrganization))) owned.add(o.id);

  // Organisations a service centre onboarded by import before (and nobody has claimed since).
  const managed = new Set<string>();
  if (isServiceCenter && account) {
    for (const part of chunks(candidates, CHUNK)) {
      const hits = await db
        .select({ id: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.action, "organization.imported"), inArray(auditLog.entityId, part), sql`${auditLog.changes}->>'importedBy' = ${account.id}`));
      for (const h of hits) if (h.id && !owned.has(h.id)) managed.add(h.id);
    }
  }

  const orgOfGroup = new Map<string, string>(); // groupKey → organisation id (existing)
  const newOrgs: NewOrg[] = [];
  const orgUpdates = new Map<string, Partial<typeof organizations.$inferInsert>>();
  for (const [key, g] of groups) {
    const c = g.company;
    const existing = c.uscc ? byUscc.get(c.uscc) : byNameCity.get(`${c.nameKey}|${c.provinceAdcode}|${c.cityAdcode ?? ""}`);
    if (importAccount.kind === "org" && account && !isServiceCenter) {
      const own = c.uscc ? c.uscc === account.uscc : [account.nameZh, account.nameEn].some((n) => n && normaliseName(n) === c.nameKey);
      if (!own) {
        for (const r of g.rows) reject(r, c.uscc ? "company_uscc" : "company_name", "imports.reasons.notOwnOrganization", { value: c.uscc ?? c.name });
        continue;
      }
      orgOfGroup.set(key, account.id);
      continue;
    }
    if (existing) {
      if (isServiceCenter && account && existing.id !== account.id && !managed.has(existing.id)) {
        for (const r of g.rows) reject(r, c.uscc ? "company_uscc" : "company_name", "imports.reasons.foreignOrganization", { value: c.uscc ?? c.name });
        continue;
      }
      orgOfGroup.set(key, existing.id);
      if (existing.id === account?.id || owned.has(existing.id)) continue; // an owner's profile is not changed by an import
      const change: Partial<typeof organizations.$inferInsert> = {};
      if (existing.nameZh !== c.name && normaliseName(existing.nameZh) !== c.name) change.nameZh = c.name;
      if (c.specializedSme === true && existing.type === "sme" && !existing.smeLevel) change.smeLevel = "provincial_specialized";
      if (Object.keys(change).length > 0) orgUpdates.set(existing.id, change);
    } else {
      const first = g.rows[0]!.site;
      newOrgs.push({
        key,
        values: {
          type: c.type,
          nameZh: c.name,
          uscc: c.uscc,
          provinceAdcode: c.provinceAdcode,
          cityAdcode: c.cityAdcode,
          countyAdcode: c.countyAdcode,
          address: first.address,
          lat: first.lat,
          lng: first.lng,
          smeLevel: c.specializedSme && c.type === "sme" ? "provincial_specialized" : null,
          createdVia: account ? "centre" : "import",
          createdByOrgId: account?.id ?? null,
        },
      });
    }
  }
  return { orgOfGroup, newOrgs, orgUpdates };
}

/** Creates and updates the planned organisations in one transaction, else one by one (a USCC taken meanwhile rejects its rows). */
export async function writeCompanies(
  db: Db,
  { orgOfGroup, newOrgs, orgUpdates }: CompanyPlan,
  { account, groups, jobId, actor, at, rejected, reject }: { account: OrgRow | null; groups: Groups; jobId: string; actor: string | null; at: Date; rejected: ReadonlySet<number>; reject: Reject },
): Promise<void> {
  const writeOrgs = async (tx: Db, items: NewOrg[], updates: Array<[string, Partial<typeof organizations.$inferInsert>]>) => {
    const sourced = (values: OrgInsert) => ({ ...values, fieldSources: importSources(values, jobId, at) });
    const created = items.length > 0 ? await tx.insert(organizations).values(items.map((n) => sourced(n.values))).returning({ id: organizations.id }) : [];
    const ids = created.map((c) => c.id);
    if (ids.length > 0)
      await tx.insert(auditLog).values(
        ids.map((id, i) => ({
          organizationId: id,
          actorUserId: actor,
          action: "organization.imported",
          entityType: "organization",
          entityId: id,
          changes: { importedBy: account?.id ?? "platform", jobId, values: items[i]!.values },
        })),
      );
    for (const [id, change] of updates) {
      await tx
        .update(organizations)
        .set({ ...change, updatedAt: at })
        .where(eq(organizations.id, id));
      await writeAudit(tx, { organizationId: id, actorUserId: actor, action: "organization.updatedByImport", entityType: "organization", entityId: id, changes: { jobId, ...change } });
    }
    return ids;
  };
  if (newOrgs.length > 0 || orgUpdates.size > 0) {
    try {
      const ids = await db.transaction((tx) => writeOrgs(tx, newOrgs, [...orgUpdates]));
      newOrgs.forEach((n, i) => orgOfGroup.set(n.key, ids[i]!));
    } catch {
      for (const n of newOrgs) {
        try {
          const [id] = await db.transaction((tx) => writeOrgs(tx, [n], []));
          orgOfGroup.set(n.key, id!);
        } catch (e) {
          const uscc = (n.values.uscc as string | null) ?? null;
          const dup = uscc && String((e as { cause?: unknown }).cause ?? e).includes("organizations_uscc_key");
          for (const r of groups.get(n.key)!.rows)
            if (!rejected.has(r.line)) reject(r, dup ? "company_uscc" : "", dup ? "imports.reasons.usccTaken" : "imports.reasons.writeFailed", uscc ? { value: uscc } : {});
        }
      }
      for (const [id, change] of orgUpdates) await db.transaction((tx) => writeOrgs(tx, [], [[id, change]])).catch(() => undefined);
    }
  }
}

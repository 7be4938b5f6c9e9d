import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { searchOutbox } from "../db/schema";
import type { SearchEntity } from "./engine";

export interface SearchUpdate {
  entity: SearchEntity;
  entityId: string;
  /** The row's version after the change (listings.version / demands.version). */
  version: number;
  /** "delete" when the row is deleted; any other change (including archive/pause) is an upsert. */
  op: "upsert" | "delete";
}

/**
 * Records that a listing or demand changed, for the relay to push to the search index (either
 * engine). Call it with the transaction that makes the change, so the index learns of exactly the
 * committed changes. Costs one insert.
 */
export async function enqueueSearchUpdate(tx: Db, update: SearchUpdate | SearchUpdate[]): Promise<void> {
  const rows = Array.isArray(update) ? update : [update];
  if (rows.length === 0) return;
  await tx.insert(searchOutbox).values(rows.map((u) => ({ entity: u.entity, entityId: u.entityId, version: u.version, op: u.op })));
}

/**
 * Re-sends every listing and demand of an organisation (its name, verification or address shape
 * their documents). Call from updateOrganization / setVerification, in their transaction.
 */
export async function enqueueOrganizationDocuments(tx: Db, organizationId: string): Promise<void> {
  await tx.execute(sql`insert into search_outbox (entity, entity_id, version, op)
    select 'listing', id, version, 'upsert' from listings where organization_id = ${organizationId}
    union all
    select 'demand', id, version, 'upsert' from demands where organization_id = ${organizationId}`);
}

/**
 * Re-sends the listings that carry a certificate (its validity is part of their documents). Call
 * from create/update/verify of a certification, and from delete BEFORE the row goes (the links
 * cascade away with it).
 */
export async function enqueueListingsWithCertification(tx: Db, certificationId: string): Promise<void> {
  await tx.execute(sql`insert into search_outbox (entity, entity_id, version, op)
    select 'listing', l.id, l.version, 'upsert' from listings l
    join listing_certifications lc on lc.listing_id = l.id where lc.certification_id = ${certificationId}`);
}

/** Queues every listing and demand (bulk loads that bypass the services: the demo seed). */
export async function enqueueAllDocuments(tx: Db): Promise<void> {
  await tx.execute(sql`insert into search_outbox (entity, entity_id, version, op)
    select 'listing', id, version, 'upsert' from listings
    union all
    select 'demand', id, version, 'upsert' from demands`);
}

/**
 * What a document's relevance gets on top of the text's, the same for every query: a little for a
 * verified organisation, less for paid placement (featured listings, priority demands:
 * docs/billing.md "Placement"). Computed when the document is written (`search_documents.boost`),
 * so an empty query's "best first" is an index walk, like newest first.
 */
export const VERIFIED_BOOST = 0.1;
export const PLACEMENT_BOOST = 0.05;
export const MAX_BOOST = VERIFIED_BOOST + PLACEMENT_BOOST;

export function boostOf(doc: { orgVerified?: unknown; orgFeatured?: unknown; orgPriority?: unknown }): number {
  const sum = (doc.orgVerified === true ? VERIFIED_BOOST : 0) + (doc.orgFeatured === true || doc.orgPriority === true ? PLACEMENT_BOOST : 0);
  // 0.15, not 0.15000000000000002: the same value the migration's SQL gives older rows.
  return Math.round(sum * 1000) / 1000;
}

import { pruneSearchOutbox } from "@/server/search/relay";
import { expireDemands } from "@/server/services/demands";
import { expireListings } from "@/server/services/listings";
import { withDatabase } from "../db";
import type { Output, ParsedArgs } from "../io";

/**
 * Archives capacity listings whose window has passed and expires demands past their quote deadline.
 * Pages already hide both at query time; run this from cron (e.g. hourly) to make it permanent.
 * Also prunes processed search-outbox rows older than a day.
 */
export async function expireCommand(_args: ParsedArgs, out: Output): Promise<number> {
  return withDatabase(async ({ db }) => {
    const now = new Date();
    const listings = await expireListings(db, now);
    const demands = await expireDemands(db, now);
    const pruned = await pruneSearchOutbox(db, new Date(now.getTime() - 86_400_000));
    out.result(
      { command: "expire", listings: listings.length, demands: demands.length, searchOutboxPruned: pruned },
      `Expired ${listings.length} capacity listings and ${demands.length} demands; pruned ${pruned} search outbox rows.`,
    );
    return 0;
  });
}

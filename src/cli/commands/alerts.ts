import { isIsoDate } from "@/domain/matching/calendar";
import { runAlerts } from "@/server/services/alerts";
import { withDatabase } from "../db";
import { EXIT_INTERNAL, EXIT_OK, UsageError, type Output, type ParsedArgs } from "../io";

/**
 * `fanglian alerts [--as-of YYYY-MM-DD] [--json]`: one pass of the alerts the app runs every minute
 * (new public demands → suppliers whose listings fit; saved searches → their new results; late
 * deal stages → both sides). Safe to run next to the app on PostgreSQL and again at once: nobody is
 * notified twice. Exit 1 when a demand or saved search could not be processed (the others are; the
 * failed ones are retried).
 */
export async function alertsCommand(args: ParsedArgs, out: Output): Promise<number> {
  if (args.positionals.length) throw new UsageError(`alerts takes no arguments, got "${args.positionals.join(" ")}"`);
  const asOf = args.flags["as-of"];
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(`--as-of must be a YYYY-MM-DD date, not "${String(asOf)}"`);
  return withDatabase(async ({ db }) => {
    const run = await runAlerts(db, { asOf: asOf as string | undefined, log: (m) => out.log(`fanglian: ${m}`) });
    out.result(
      { command: "alerts", ...run },
      `Checked ${run.demandsChecked} new demands (${run.demandNotifications} organisations notified) and ${run.savedSearchesChecked} saved searches (${run.savedSearchNotifications} with new results); ${run.lateDealStages} late deal stages flagged${run.failures ? `; ${run.failures} failed` : ""}.`,
    );
    return run.failures ? EXIT_INTERNAL : EXIT_OK;
  });
}

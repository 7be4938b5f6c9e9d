import { DatabaseLockedError } from "@/server/db/lock";
import { alertsCommand } from "./commands/alerts";
import { benchCommand } from "./commands/bench";
import { benchSearchCommand } from "./commands/bench-search";
import { importCommand } from "./commands/import";
import { mailCommand } from "./commands/mail";
import { matchCommand } from "./commands/match";
import { expireCommand } from "./commands/expire";
import { migrateCommand } from "./commands/migrate";
import { reindexCommand } from "./commands/reindex";
import { seedCommand } from "./commands/seed";
import { settingsCommand } from "./commands/settings";
import { EXIT_INTERNAL, EXIT_USAGE, makeOutput, parseArgs, UsageError, type Output, type ParsedArgs } from "./io";

type Command = { run: (args: ParsedArgs, out: Output) => Promise<number>; options: Record<string, "boolean" | "string">; help: string };

const commands: Record<string, Command> = {
  seed: { run: seedCommand, options: {}, help: "seed                      build the demo market on an empty database" },
  import: { run: importCommand, options: { format: "string" }, help: "import FILE [--format listings|osh]  import a Listings CSV/XLSX, or an Open Supply Hub facility list (deduplicated), as the platform" },
  match: { run: matchCommand, options: { "as-of": "string", top: "string" }, help: "match FILE… [--as-of YYYY-MM-DD] [--top N]  match Demand JSON files; one Match result per file" },
  bench: { run: benchCommand, options: { rows: "string", format: "string", sizes: "string", demands: "string", profile: "boolean", "naive-demands": "string" }, help: "bench [import] [--rows N] [--format listings|osh]  import N generated listings or facility-list rows (10,000) into a fresh embedded database; prints rows/s\n  bench match [--sizes 10000,100000] [--demands 240] [--naive-demands 60] [--profile]  matcher vs naive ILIKE scan: p50/p95/p99 ms, matches/s, peak RSS" },
  alerts: { run: alertsCommand, options: { "as-of": "string" }, help: "alerts [--as-of YYYY-MM-DD]  notify suppliers of new demands that fit and saved searches of new results (the app does it every minute)" },
  mail: { run: mailCommand, options: {}, help: "mail                      send due e-mails of the outbox over SMTP_URL, one pass (the app does it every 10 s when SMTP_URL is set)" },
  "bench-search": { run: benchSearchCommand, options: { sizes: "string", queries: "string", "shared-buffers": "string" }, help: "bench-search [--sizes 10000,100000] [--queries 240] [--shared-buffers 512MB]  embedded search engine: index N generated listings, run instant-search queries; p50/p95/p99 ms, queries/s, peak RSS" },
  expire: { run: expireCommand, options: {}, help: "expire                    archive passed capacity windows and expire demands past their deadline (cron)" },
  migrate: { run: migrateCommand, options: {}, help: "migrate                   apply pending database migrations" },
  reindex: { run: reindexCommand, options: {}, help: "reindex                   rebuild the search index (embedded, or Meilisearch with MEILI_URL: fresh indexes swapped in)" },
  settings: { run: settingsCommand, options: {}, help: "settings get|set KEY JSON read or change a runtime setting (auth.rateLimit, auth.otp, alerts.fitThreshold)" },
};

function usage(): string {
  return [
    "usage: fanglian <command> [options] [--json]",
    "",
    ...Object.values(commands).map((c) => `  ${c.help}`),
    "",
    "Database: DATABASE_URL (PostgreSQL) if set, else the embedded database in PGLITE_DIR (.data/pglite).",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  const out = makeOutput(json);
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const args = parseArgs(rest, { ...command.options, json: "boolean" });
    return await command.run(args, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.log(`fanglian: ${e.message}\n\n${usage()}`);
      if (json) out.result({ error: "usage", message: e.message }, "");
      return EXIT_USAGE;
    }
    if (e instanceof DatabaseLockedError) {
      out.log(`fanglian: ${e.message}`);
      if (json) out.result({ error: "database_locked", message: e.message }, "");
      return EXIT_INTERNAL;
    }
    out.log(`fanglian: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT_INTERNAL;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(EXIT_INTERNAL);
  },
);

/** The command-line contract (formats §5): exit 0 processed, 2 refused whole, 1 internal error. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface Output {
  json: boolean;
  /** A result: one JSON object per line in --json mode, human text otherwise. */
  result(obj: Record<string, unknown>, human: string): void;
  /** Progress and logs: always stderr, so --json stdout stays clean. */
  log(msg: string): void;
}

export function makeOutput(json: boolean): Output {
  return {
    json,
    result(obj, human) {
      process.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${human}\n`);
    },
    log(msg) {
      process.stderr.write(`${msg}\n`);
    },
  };
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/** Small, strict parser: unknown flags are a usage error rather than silently ignored. */
export function parseArgs(argv: string[], known: Record<string, "boolean" | "string">): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === "boolean") flags[name] = true;
    else {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      flags[name] = v;
    }
  }
  return { positionals, flags };
}

#!/usr/bin/env node
// The `fanglian` command line. Runs the TypeScript entry with tsx, resolving `server-only` through
// the react-server condition (its empty export), the same code the app runs.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "src/cli/main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: process.cwd(), env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
if (result.error) {
  console.error(result.error.message);
  process.exit(1);
}
process.exit(result.status ?? 1);

#!/usr/bin/env node
// `npm run demo`: the quick start. Seeds the embedded database with the demo market (once), builds
// the app if it has not been built, and serves it on PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ["bin/fanglian.mjs", "seed"]);
if (!fs.existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) run("npx", ["next", "build"]);
const port = process.env.PORT?.trim() || "3000";
console.log(`\n  纺链 Fanglian → http://localhost:${port}\n`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));

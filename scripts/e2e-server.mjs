#!/usr/bin/env node
// The app as the browser suite sees it: a fresh embedded database with the demo market, sign-in
// limits of its own, the production build, served on PORT.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

const port = process.env.PORT ?? "3100";
const dataDir = `.data/e2e-${port}`;
fs.rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PGLITE_DIR: `${dataDir}/pglite`,
  UPLOAD_DIR: `${dataDir}/uploads`,
  ADMIN_EMAIL: "admin@e2e.fanglian.local",
  ADMIN_PASSWORD: "e2e-admin-password",
  ICP_LICENSE: "鲁ICP备00000000号-1",
  DATABASE_URL: "",
};
const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(["bin/fanglian.mjs", "seed"]);
// Generous limits so the suite's own sign-ins never trip them; one spec lowers them for its test.
run(["bin/fanglian.mjs", "settings", "set", "auth.rateLimit", '{"maxFailuresPerAccount":5,"maxFailuresPerIp":1000,"windowSeconds":900}']);
run(["bin/fanglian.mjs", "settings", "set", "auth.otp", '{"resendSeconds":0}']);
if (!fs.existsSync(".next/BUILD_ID")) run(["node_modules/next/dist/bin/next", "build"]);
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));

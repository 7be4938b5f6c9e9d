#!/usr/bin/env node
// Reads the vitest and Playwright JSON reports and prints one "N passed, N failed" line per suite
// and a total, the closing line CI reads.
import fs from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  let p = 0, f = 0, s = 0;
  if ("numPassedTests" in report) {
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + (report.numTodoTests ?? 0);
  } else if (report.stats) {
    p = report.stats.expected + (report.stats.flaky ?? 0);
    f = report.stats.unexpected;
    s = report.stats.skipped;
  }
  console.log(`${file.includes("playwright") ? "playwright" : "vitest"}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
  skipped += s;
}
if (skipped > 0) console.log(`(${skipped} skipped)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

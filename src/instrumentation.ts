// NEXT_RUNTIME is inlined by the compiler (Next's documented pattern); everything else comes from env.ts.
/** Runs once when the server starts: refuse a misconfigured production start, open the database early. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, assertProductionReady } = await import("./env");
  if (env.NEXT_PHASE === "phase-production-build") return;
  assertProductionReady();
  const { getDatabase } = await import("./server/db/client");
  await getDatabase();
}

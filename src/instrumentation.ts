/** Runs once when the server starts: refuse a misconfigured production start, open the database early. */
export async function register() {
  // The edge runtime defines a global `EdgeRuntime`; this start-up work is for Node only.
  if (typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === "string") return;
  const { env, assertProductionReady } = await import("./env");
  if (env.NEXT_PHASE === "phase-production-build") return;
  assertProductionReady();
  const { getDatabase } = await import("./server/db/client");
  await getDatabase();
}

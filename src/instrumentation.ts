/**
 * Runs once when the server starts: refuse a misconfigured production start, open the database early.
 * NEXT_RUNTIME is inlined by the compiler, which drops the Node-only import from the edge bundle
 * (Next's documented pattern; a runtime check would leave argon2 and PGlite in the edge build).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).registerNode();
}

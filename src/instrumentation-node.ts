import { assertProductionReady, env } from "./env";
import { getDatabase } from "./server/db/client";

export async function registerNode() {
  if (env.NEXT_PHASE === "phase-production-build") return;
  assertProductionReady();
  await getDatabase();
}

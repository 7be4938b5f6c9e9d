import type { TestProject } from "vitest/node";
import { env } from "../env";
import { openDatabase } from "../server/db/open";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

/**
 * With TEST_DATABASE_URL set, every run gets its own PostgreSQL database (so runs never collide),
 * migrated once here and dropped WITH (FORCE) at the end.
 */
export default async function setup(project: TestProject) {
  const base = env.TEST_DATABASE_URL;
  if (!base) {
    project.provide("pgUrl", null);
    return;
  }
  const { Client } = await import("pg");
  const name = `fanglian_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  await handle.close();
  project.provide("pgUrl", url.toString());
  return async () => {
    const c = new Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}

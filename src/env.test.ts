import { describe, expect, it } from "vitest";
import { assertProductionReady, parseEnv } from "./env";

describe("env", () => {
  it("treats empty variables as unset and derives defaults", () => {
    const e = parseEnv({ DATABASE_URL: "", MEILI_URL: "  ", PORT: "4123", PGLITE_DIR: "" });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.MEILI_URL).toBeUndefined();
    expect(e.embedded).toBe(true);
    expect(e.PGLITE_DIR).toBe(".data/pglite");
    expect(e.NEXTAUTH_URL).toBe("http://localhost:4123");
  });

  it("refuses a malformed variable with its name", () => {
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ PGLITE_SHARED_BUFFERS: "lots" })).toThrow(/PGLITE_SHARED_BUFFERS/);
    expect(parseEnv({ PGLITE_SHARED_BUFFERS: "512MB" }).PGLITE_SHARED_BUFFERS).toBe("512MB");
    expect(parseEnv({ PGLITE_SHARED_BUFFERS: "" }).PGLITE_SHARED_BUFFERS).toBeUndefined();
  });

  it("stops a production start on PostgreSQL without NEXTAUTH_SECRET", () => {
    const prod = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db" });
    expect(() => assertProductionReady(prod)).toThrow(/NEXTAUTH_SECRET is not set/);
    expect(() => assertProductionReady(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db", NEXTAUTH_SECRET: "s" }))).not.toThrow();
    expect(() => assertProductionReady(parseEnv({ NODE_ENV: "production" }))).not.toThrow();
  });
});

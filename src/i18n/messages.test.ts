import { describe, expect, it } from "vitest";
import { loadMessages, namespaces } from "./messages";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("has the same keys in Chinese and English, none empty", async () => {
    const zh = await loadMessages("zh-CN");
    const en = await loadMessages("en");
    for (const ns of namespaces) {
      expect(keys(en[ns]).sort(), `namespace ${ns}`).toEqual(keys(zh[ns]).sort());
      for (const k of keys(zh[ns])) {
        const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], zh[ns]);
        if (k) expect(String(value).trim(), `${ns}.${k}`).not.toBe("");
      }
    }
  });

  it("translates every validation and error key the schemas and services use", async () => {
    const zh = await loadMessages("zh-CN");
    const fs = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(__dirname, "..");
    const files = fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes(".test."));
    const used = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(root, f), "utf8");
      for (const m of text.matchAll(/msg\("([\w.]+)"\)/g)) used.add(`validation.${m[1]}`);
      for (const m of text.matchAll(/(?:notFound|forbidden|conflict|invalid|unauthorized)\("(\w+)"/g)) used.add(`errors.${m[1]}`);
      for (const m of text.matchAll(/"((?:errors|validation)\.[\w.]+)"/g)) used.add(m[1]!);
    }
    const missing = [...used].filter((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], zh) === undefined);
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });
});

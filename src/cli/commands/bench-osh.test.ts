import { expect, it } from "vitest";
import { resolveOshList } from "@/domain/resolution";
import { generateOshCsv } from "./bench-osh";

it("generates a facility list of distinct Shandong firms with every tenth row another spelling of an earlier one", () => {
  const csv = generateOshCsv(300);
  expect(generateOshCsv(300)).toBe(csv); // deterministic
  const r = resolveOshList(new TextEncoder().encode(csv), [], { source: "bench" });
  expect(r.rows).toHaveLength(300);
  expect(r.counts).toMatchObject({ created: 270, review: 0, rejected: 0, flagged: 0 });
  expect(r.counts.merged + r.counts.unchanged).toBe(30);
  expect(r.counts.merged).toBeGreaterThan(0);
});

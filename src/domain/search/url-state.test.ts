import { describe, expect, it } from "vitest";
import { searchInputSchema } from "@/domain/schemas/search";
import { parseSearchParams, searchPageUrl, toQueryInput, toSearchParams, type SearchUrlState } from "./url-state";

describe("search page URL state", () => {
  it("round-trips every filter, the tab, the query, the sort and the page", () => {
    const state: SearchUrlState = {
      entity: "listing",
      q: "涤纶 JC40S",
      filters: { chainLink: ["spinning"], process: ["ring_spinning", "oe_spinning"], city: ["370200"], kind: ["capacity"], verified: true },
      sort: "newest",
      page: 3,
    };
    const qs = toSearchParams(state);
    expect(parseSearchParams(new URLSearchParams(qs))).toEqual(state);
    // What the URL gives the API is valid input.
    expect(() => searchInputSchema.parse(toQueryInput(parseSearchParams(new URLSearchParams(qs)), "zh-CN"))).not.toThrow();
  });

  it("drops what a stale or hand-edited link gets wrong instead of failing", () => {
    const s = parseSearchParams(new URLSearchParams("type=demand&kind=capacity&county=370215&sort=cheapest&page=-2&verified=maybe&q=" + "x".repeat(300)));
    expect(s).toMatchObject({ entity: "demand", sort: "relevance", page: 1, filters: {} });
    expect(s.q).toHaveLength(200);
  });

  it("links a saved search to the page with its query and filters", () => {
    const url = searchPageUrl({ entity: "demand", q: "牛仔布", filters: { city: ["370200", "370100"] } });
    expect(url.startsWith("/search?")).toBe(true);
    expect(parseSearchParams(new URLSearchParams(url.slice("/search?".length)))).toMatchObject({ entity: "demand", q: "牛仔布", filters: { city: ["370200", "370100"] }, page: 1 });
  });
});

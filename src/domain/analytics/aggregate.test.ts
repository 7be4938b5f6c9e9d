import { describe, expect, it } from "vitest";
import { chinaMonth, demandVsCapacity, lastMonths, localSourcing, monthsBetween } from "./aggregate";

describe("analytics aggregation", () => {
  it("counts China months across a year end", () => {
    expect(monthsBetween("2029-11", "2030-02")).toEqual(["2029-11", "2029-12", "2030-01", "2030-02"]);
    expect(monthsBetween("2030-03", "2030-02")).toEqual([]);
    expect(lastMonths(new Date("2030-02-10T00:00:00Z"), 3)).toEqual(["2029-12", "2030-02"]);
    expect(chinaMonth(new Date("2030-04-30T16:00:00Z"))).toBe("2030-05");
  });

  it("has no rate without deal value and converts capacity rates to their quantity unit", () => {
    expect(localSourcing([])).toEqual({ totalFen: 0, sameCityFen: 0, sameProvinceFen: 0, sameCityRate: null, sameProvinceRate: null });
    expect(
      demandVsCapacity(
        [
          { chainLink: "garment", cityAdcode: "371700", unit: "pcs", quantity: 500 },
          { chainLink: null, cityAdcode: "371700", unit: "pcs", quantity: 9 },
        ],
        [{ chainLink: "garment", cityAdcode: "371700", rateUnit: "pcs_per_month", monthly: 2000 }],
      ),
    ).toEqual([{ chainLink: "garment", cityAdcode: "371700", unit: "pcs", demand: 500, capacity: 2000, demands: 1, listings: 1 }]);
  });
});

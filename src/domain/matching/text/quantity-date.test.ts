import { describe, expect, it } from "vitest";
import { halfWidth } from "./normalize";
import { readMaxDistance, readNeedBy, readQuantity } from "./quantity-date";

const qty = (text: string) => readQuantity(halfWidth(text)).quantity;
const needBy = (text: string, asOf = "2027-01-10") => readNeedBy(halfWidth(text), asOf).needBy;

describe("quantities", () => {
  it("reads Chinese trade quantities with 万", () => {
    expect(qty("5万件")).toEqual({ value: 50000, unit: "piece_or_bale" });
    expect(qty("100万米")).toEqual({ value: 1000000, unit: "m" });
    expect(qty("20吨")).toEqual({ value: 20, unit: "t" });
    expect(qty("3000打")).toEqual({ value: 3000, unit: "dozen_pairs" });
    expect(qty("5万平米")).toEqual({ value: 50000, unit: "m2" });
    expect(qty("500公斤")).toEqual({ value: 0.5, unit: "t" });
    expect(qty("１０万双")).toEqual({ value: 100000, unit: "pairs" });
  });

  it("件 of yarn written out is a bale; bare 件 is left for the demand's context", () => {
    expect(qty("500件纱")).toEqual({ value: 500, unit: "yarn_bale" });
    expect(qty("300件(纱线)")).toEqual({ value: 300, unit: "yarn_bale" });
    expect(qty("300件（纱线）")).toEqual({ value: 300, unit: "yarn_bale" });
    expect(qty("300件")).toEqual({ value: 300, unit: "piece_or_bale" });
  });

  it("reads English quantities with thousands separators", () => {
    expect(qty("5 tons")).toEqual({ value: 5, unit: "t" });
    expect(qty("10,000 m")).toEqual({ value: 10000, unit: "m" });
    expect(qty("20000 pcs")).toEqual({ value: 20000, unit: "pcs" });
    expect(qty("5,000 yards")).toEqual({ value: 4572, unit: "m" });
    expect(qty("1,200 dozen pairs")).toEqual({ value: 1200, unit: "dozen_pairs" });
  });

  it("skips rates and words that only start like a unit", () => {
    expect(qty("产能20吨/月")).toBeUndefined();
    expect(qty("5 t-shirts")).toBeUndefined();
    expect(qty("10 months")).toBeUndefined();
  });
});

describe("need-by dates", () => {
  it("reads ISO and Chinese full dates", () => {
    expect(needBy("交期 2027-03-01")).toBe("2027-03-01");
    expect(needBy("2027/3/1前")).toBe("2027-03-01");
    expect(needBy("2027年3月1日前交货")).toBe("2027-03-01");
    expect(needBy("2027-02-30")).toBeUndefined();
  });

  it("dates without a year are the next such day on or after asOf", () => {
    expect(needBy("3月底前")).toBe("2027-03-31");
    expect(needBy("2月底前")).toBe("2027-02-28");
    expect(needBy("3月15日前")).toBe("2027-03-15");
    expect(needBy("3月中旬")).toBe("2027-03-20");
    expect(needBy("1月5日")).toBe("2028-01-05");
    expect(needBy("3月底前", "2027-06-01")).toBe("2028-03-31");
    expect(needBy("3月前")).toBe("2027-03-01");
  });

  it("reads English dates and relative windows", () => {
    expect(needBy("before March 1")).toBe("2027-03-01");
    expect(needBy("by 12 March 2027")).toBe("2027-03-12");
    expect(needBy("deliver by Mar 15th")).toBe("2027-03-15");
    expect(needBy("end of March")).toBe("2027-03-31");
    expect(needBy("before April")).toBe("2027-04-01");
    expect(needBy("within 30 days")).toBe("2027-02-09");
    expect(needBy("30天内")).toBe("2027-02-09");
  });
});

describe("maximum distance", () => {
  it("reads a distance only when it is a limit", () => {
    expect(readMaxDistance("100公里内").maxDistanceKm).toBe(100);
    expect(readMaxDistance("within 250 km").maxDistanceKm).toBe(250);
    expect(readMaxDistance("距离50km以内").maxDistanceKm).toBe(50);
    expect(readMaxDistance("工厂离港口100公里").maxDistanceKm).toBeUndefined();
  });
});

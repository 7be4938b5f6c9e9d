import { describe, expect, it } from "vitest";
import { deadlineFormValue, effectiveDemandStatus, parseQuantityText, quoteDeadlineInstant, timeLeft } from "./demand-text";

describe("parseQuantityText", () => {
  it("reads trade quantities with 万 and keeps what was typed", () => {
    expect(parseQuantityText("5万件")).toEqual({ value: 5, unit: "万件", canonical: { value: 50000, unit: "pcs" } });
    expect(parseQuantityText("100万米")).toEqual({ value: 100, unit: "万米", canonical: { value: 1000000, unit: "m" } });
    expect(parseQuantityText("20吨")).toEqual({ value: 20, unit: "吨", canonical: { value: 20, unit: "t" } });
  });

  it("reads yarn bales, dozens and pairs", () => {
    expect(parseQuantityText("300件(纱线)")?.canonical).toEqual({ value: 54.432, unit: "t" });
    expect(parseQuantityText("300 件（纱线）")?.canonical).toEqual({ value: 54.432, unit: "t" });
    expect(parseQuantityText("1,200 打")).toMatchObject({ value: 1200, unit: "打" });
    expect(parseQuantityText("1,200 打")?.canonical.value).toBeGreaterThan(0);
    expect(parseQuantityText("5000双")).toMatchObject({ value: 5000, unit: "双" });
  });

  it("accepts full-width digits and decimals", () => {
    expect(parseQuantityText("２０吨")).toMatchObject({ value: 20, canonical: { value: 20, unit: "t" } });
    expect(parseQuantityText("2.5万米")?.canonical).toEqual({ value: 25000, unit: "m" });
  });

  it("refuses rates, unknown units, zero and text without a number", () => {
    expect(parseQuantityText("20吨/月")).toBeNull();
    expect(parseQuantityText("20 furlongs")).toBeNull();
    expect(parseQuantityText("0吨")).toBeNull();
    expect(parseQuantityText("吨")).toBeNull();
    expect(parseQuantityText("")).toBeNull();
  });
});

describe("quoteDeadlineInstant", () => {
  it("reads a date as the end of that day in China", () => {
    expect(quoteDeadlineInstant("2026-03-01")?.toISOString()).toBe("2026-03-01T15:59:59.000Z");
  });
  it("reads a zoneless date-time as China time and keeps explicit zones", () => {
    expect(quoteDeadlineInstant("2026-03-01T10:00")?.toISOString()).toBe("2026-03-01T02:00:00.000Z");
    expect(quoteDeadlineInstant("2026-03-01T10:00:00Z")?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });
  it("refuses non-dates and days that do not exist", () => {
    expect(quoteDeadlineInstant("next friday")).toBeNull();
    expect(quoteDeadlineInstant("2026-02-30")).toBeNull();
    expect(quoteDeadlineInstant("2026-13-01")).toBeNull();
  });
  it("shows a day-end deadline back as its date", () => {
    expect(deadlineFormValue(quoteDeadlineInstant("2026-03-01"))).toBe("2026-03-01");
    expect(deadlineFormValue(new Date("2026-03-01T02:00:00Z"))).toBe("2026-03-01T02:00:00.000Z");
    expect(deadlineFormValue(null)).toBe("");
  });
});

describe("effectiveDemandStatus and timeLeft", () => {
  const deadline = new Date("2026-03-01T15:59:59Z");
  it("shows an open demand past its deadline as expired", () => {
    expect(effectiveDemandStatus("open", deadline, new Date("2026-03-01T15:00:00Z"))).toBe("open");
    expect(effectiveDemandStatus("open", deadline, new Date("2026-03-01T16:00:00Z"))).toBe("expired");
    expect(effectiveDemandStatus("open", null, new Date("2099-01-01"))).toBe("open");
    expect(effectiveDemandStatus("awarded", deadline, new Date("2026-03-02"))).toBe("awarded");
  });
  it("counts down in days, hours and minutes", () => {
    expect(timeLeft(deadline, new Date("2026-02-27T14:58:59Z"))).toEqual({ days: 2, hours: 1, minutes: 1 });
    expect(timeLeft(deadline, new Date("2026-03-02"))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isIsoDate, productionDays, shutdownDaysIn, shutdowns } from "./calendar";

describe("production calendar", () => {
  it("does calendar-day arithmetic on ISO dates", () => {
    expect(addDays("2027-02-27", 2)).toBe("2027-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(daysBetween("2027-01-10", "2027-02-20")).toBe(41);
    expect(daysBetween("2027-02-20", "2027-01-10")).toBe(-41);
    expect(isIsoDate("2027-02-30")).toBe(false);
    expect(isIsoDate("2027-02-28")).toBe(true);
    expect(isIsoDate("2027/02/28")).toBe(false);
  });

  it("shuts down from 7 days before the lunar new year to the Lantern Festival (day 15)", () => {
    const s2027 = shutdowns.find((s) => s.year === 2027)!;
    // Lunar new year 2027-02-06: shutdown 2027-01-30 … 2027-02-20 inclusive, 22 days.
    expect(s2027).toMatchObject({ from: "2027-01-30", to: "2027-02-20" });
    expect(shutdownDaysIn("2027-01-01", "2027-03-01")).toBe(22);
    expect(shutdownDaysIn("2027-02-06", "2027-02-07")).toBe(1);
    expect(shutdownDaysIn("2027-02-21", "2027-03-01")).toBe(0);
    expect(shutdownDaysIn("2027-01-29", "2027-01-30")).toBe(0);
  });

  it("counts production days across 2027-02-06 minus the shutdown", () => {
    // 2027-01-19 → 2027-02-25: 37 calendar days, 22 of them shut.
    expect(productionDays("2027-01-19", "2027-02-25")).toBe(15);
    // Entirely inside the shutdown: nothing can be made.
    expect(productionDays("2027-02-01", "2027-02-15")).toBe(0);
    // Starting in the shutdown, ending after it: only days from 2027-02-21 count.
    expect(productionDays("2027-02-10", "2027-03-01")).toBe(8);
    // Far from any new year: every day counts.
    expect(productionDays("2027-05-01", "2027-06-01")).toBe(31);
    // End before start.
    expect(productionDays("2027-06-01", "2027-05-01")).toBe(0);
  });
});

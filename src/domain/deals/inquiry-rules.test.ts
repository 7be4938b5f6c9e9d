import { describe, expect, it } from "vitest";
import { adcodeCentre } from "../matching/geo";
import { distanceKm, isOpenInquiry, locate, messageHourKey, quoteAmountFen } from "./inquiry-rules";

describe("inquiry rules", () => {
  it("values a quote in the unit its price is per", () => {
    expect(quoteAmountFen({ unitPriceFen: 1250, priceUnit: "米", quantityValue: 1000, quantityUnit: "米" })).toBe(1_250_000);
    // 2 万米 at ¥0.50 per 米 = ¥10,000.
    expect(quoteAmountFen({ unitPriceFen: 50, priceUnit: "米", quantityValue: 2, quantityUnit: "万米" })).toBe(1_000_000);
    // 20 吨 at ¥30 per 公斤 = ¥600,000.
    expect(quoteAmountFen({ unitPriceFen: 3000, priceUnit: "公斤", quantityValue: 20, quantityUnit: "吨" })).toBe(60_000_000);
    // Per 万件 for 5,000 件: half of the price.
    expect(quoteAmountFen({ unitPriceFen: 100_000, priceUnit: "万件", quantityValue: 5000, quantityUnit: "件" })).toBe(50_000);
    expect(quoteAmountFen({ unitPriceFen: 1250, priceUnit: "公斤", quantityValue: 1000, quantityUnit: "米" })).toBeNull();
    expect(quoteAmountFen({ unitPriceFen: 1250, priceUnit: "箱子", quantityValue: 1000, quantityUnit: "米" })).toBeNull();
  });

  it("locates a supplier by its own coordinates first, then a county, then a city", () => {
    const site = { lat: 36.1, lng: 120.4, countyAdcode: "370215", cityAdcode: "370200" };
    expect(locate(site, { lat: 1, lng: 1 })).toEqual({ lat: 36.1, lng: 120.4 });
    expect(locate({ lat: null, lng: null, cityAdcode: "370200" }, { lat: 35, lng: 117 })).toEqual({ lat: 35, lng: 117 });
    const jimo = adcodeCentre("370215")!;
    expect(locate({ lat: null, lng: null, cityAdcode: "370200" }, { lat: null, lng: null, countyAdcode: "370215" })).toEqual({ lat: jimo.lat, lng: jimo.lng });
    expect(locate(null, { lat: null, lng: null })).toBeNull();
    expect(distanceKm(null, { lat: 1, lng: 1 })).toBeNull();
    expect(distanceKm({ lat: 36, lng: 120 }, { lat: 37, lng: 120 })).toBeCloseTo(111.2, 1);
  });

  it("knows the open statuses and the hour a message notification counts in", () => {
    expect(["invited", "quoted", "countered", "declined", "withdrawn", "awarded", "lost"].filter((s) => isOpenInquiry(s as never))).toEqual(["invited", "quoted", "countered"]);
    expect(messageHourKey(new Date("2025-06-01T09:59:59Z"))).toBe("2025-06-01T09");
  });
});

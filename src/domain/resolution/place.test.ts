import { describe, expect, it } from "vitest";
import { checkCoordinates, statedPlace } from "./place";

describe("the place a row states", () => {
  it("reads Shandong city and textile county from a romanised address", () => {
    expect(statedPlace("China", "No 808, Shujing Village, Chendong industrial zone Dagushan Town Rushan City, Shandong Province")).toMatchObject({
      inChina: true,
      provinceAdcode: "370000",
      cityAdcode: "371000",
      countyAdcode: "371083",
      via: "address",
    });
    expect(statedPlace("China", "The east side of No. 2 Huashan Road Tongji Street Jimo-County level city Qingdao City Shandong Province China")).toMatchObject({
      cityAdcode: "370200",
      countyAdcode: "370215",
    });
  });

  it("does not take a street named after a city for the city", () => {
    expect(statedPlace("CHINA", "NO 978 JINAN ROAD,HEZE,SHANDONG,CHINA;")).toMatchObject({ provinceAdcode: "370000", cityAdcode: "371700" });
    expect(statedPlace("中国", "山东省菏泽市济南路978号")).toMatchObject({ provinceAdcode: "370000", cityAdcode: "371700" });
  });

  it("reads Chinese addresses", () => {
    expect(statedPlace("CN", "山东省青岛市即墨区鹤山路8号")).toMatchObject({ provinceAdcode: "370000", cityAdcode: "370200", countyAdcode: "370215" });
    expect(statedPlace("CN", "江苏省南通市如皋市")).toMatchObject({ provinceAdcode: "320000", cityAdcode: null });
  });

  it("keeps firms outside Shandong with their province, misspelt or named by a town", () => {
    expect(statedPlace("China", "Jianye Road,Industrial park,Fangxian Town,Danyang City,Jiansgu,China")).toMatchObject({ provinceAdcode: "320000", cityAdcode: null });
    expect(statedPlace("CN", "Xiansha Industrial District,Dongguan")).toMatchObject({ provinceAdcode: "440000", via: "address" });
  });

  it("falls back on the postcode, then on the firm's name", () => {
    expect(statedPlace("CN", "NO.2,DONGJING INDUSTRIAL ZONE, DONGFU ROAD, S.I.P  CHINA 215123")).toMatchObject({ provinceAdcode: "320000", via: "postcode" });
    expect(statedPlace("CHINA", "NO 1528 HUBIN ROAD, HUQIAO TOWN, FENGXIAN DISTRICT", "SHANGHAI JINLIN TEXTILE CO., LTD")).toMatchObject({ provinceAdcode: "310000", via: "name" });
    // Laiyang is not a taxonomy county; the name says Yantai.
    expect(statedPlace("CHINA", "NO. 216 LONGMENXI ROAD,LAIYANG,SHANDONG,CHINA", "YANTAI AUCAN FOOTWEAR CO.,LTD.")).toMatchObject({ provinceAdcode: "370000", cityAdcode: "370600", via: "address" });
  });

  it("maps Taiwan to the taxonomy's province and leaves other countries out", () => {
    expect(statedPlace("TW", "No. 1, Taichung")).toMatchObject({ inChina: true, provinceAdcode: "710000", via: "country" });
    expect(statedPlace("Vietnam", "Hai Duong")).toMatchObject({ inChina: false, provinceAdcode: null });
    expect(statedPlace("PK", "Sialkot, Punjab")).toMatchObject({ inChina: false });
    expect(statedPlace("constructor", "Qingdao, Shandong")).toMatchObject({ inChina: false });
  });

  it("says so when the province cannot be told", () => {
    expect(statedPlace("China", "(Block 4,5,7,8) Xinxing Industrial Zone C,Shu Tian Pu Village,Gongming Town")).toMatchObject({ inChina: true, provinceAdcode: null });
  });
});

describe("coordinates against the stated place", () => {
  const rushan = statedPlace("China", "Dagushan Town Rushan City, Shandong Province");
  const zhucheng = statedPlace("China", "Southern Head Of East Outer Ring,Zhuchneg,Shandong", "Zhucheng Hengwei Clothing Co Ltd");

  it("flags a Shandong factory placed outside Shandong's bounding box (the Rushan factory in Qinghai)", () => {
    expect(checkCoordinates(rushan, 36.599744, 101.803717)).toEqual({ point: null, flags: ["coords_outside_province"], distanceKm: null });
    expect(checkCoordinates(rushan, 36.92, 121.5)).toMatchObject({ point: { lat: 36.92, lng: 121.5 }, flags: [] });
  });

  it("flags coordinates far from the stated county or city", () => {
    expect(zhucheng.countyAdcode).toBe("370782");
    const check = checkCoordinates(zhucheng, 35.8939566, 117.9249002);
    expect(check.flags).toEqual(["coords_outside_city"]);
    expect(check.point).toBeNull();
    expect(check.distanceKm).toBeGreaterThan(100);
    expect(checkCoordinates(zhucheng, 35.9965492, 119.4102688).flags).toEqual([]);
  });

  it("flags the country centroid and missing coordinates", () => {
    const jiangsu = statedPlace("China", "Lian Shui Economic Development Zone, Huai An, Jiangsu");
    expect(checkCoordinates(jiangsu, 35.86166, 104.195397).flags).toEqual(["coords_country_centroid"]);
    expect(checkCoordinates(jiangsu, null, null).flags).toEqual(["coords_missing"]);
  });

  it("checks other provinces with a coarse radius", () => {
    const jiangsu = statedPlace("China", "No.808,the third industry park,Guoyuan Town,Nantong 226500");
    expect(checkCoordinates(jiangsu, 28.340426, 113.223675).flags).toEqual(["coords_outside_province"]);
    expect(checkCoordinates(jiangsu, 32.172013, 120.596047).flags).toEqual([]);
  });
});

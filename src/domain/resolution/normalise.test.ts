import { describe, expect, it } from "vitest";
import { fold, nameKey, normaliseAddress, normaliseName, toSimplified, tradeNameCore } from "./normalise";

const core = (name: string) => normaliseName(name).core;

describe("folding", () => {
  it("turns full-width forms into ASCII and lower-cases", () => {
    expect(fold("ＡＢＣ１２３（青岛）")).toBe("abc123(青岛)");
    expect(core("ＺＨＵＣＨＥＮＧ　ＨＥＮＧＷＥＩ　ＣＬＯＴＨＩＮＧ　ＣＯ．，ＬＴＤ")).toBe("hengwei");
  });

  it("folds traditional characters (Taiwan and Hong Kong forms) to simplified", () => {
    expect(toSimplified("臺灣紡織製衣廠")).toBe("台湾纺织制衣厂");
    expect(toSimplified("香港針織")).toBe("香港针织");
    expect(core("山東魏橋紡織股份有限公司")).toBe("魏桥");
    expect(core("山東魏橋紡織股份有限公司")).toBe(core("山东魏桥纺织股份有限公司"));
    expect(toSimplified("Hengwei")).toBe("Hengwei");
  });

  it("drops accents and apostrophes", () => {
    expect(fold("Industrias Químicas Tai'An Int’l")).toBe("industrias quimicas taian intl");
  });

  it("compares names as written without width, case or punctuation", () => {
    expect(nameKey("BAI NA SHOES INDUSTRY CO., LTD")).toBe(nameKey("Bai Na Shoes Industry Co.,Ltd"));
    expect(nameKey("BAINA SHOES FACTORY")).not.toBe(nameKey("BAI NA SHOES INDUSTRY CO.,LTD"));
  });
});

describe("legal forms", () => {
  it("strips Chinese legal forms: 有限公司, 股份有限公司, 有限责任公司, 集团, 厂", () => {
    expect(core("鲁泰纺织股份有限公司")).toBe("鲁泰");
    expect(core("潍坊恒业纺织有限责任公司")).toBe("恒业");
    expect(core("孚日集团股份有限公司")).toBe("孚日");
    expect(core("即墨市即发针织厂")).toBe("即发");
    expect(core("华纺股份有限公司")).toBe("华纺");
  });

  it("strips English and other legal forms: Co., Ltd., Company Limited, Inc., Corp., S.A. de C.V.", () => {
    expect(core("Changshu Xinping.co.Ltd")).toBe("xinping");
    expect(core("Chong Fu Knitters Company Limited")).toBe("chongfu");
    expect(core("Dyaco International Inc.")).toBe("dyaco");
    expect(core("YIA-CHYNS TEXTILE (SHANGHAI) CORP")).toBe("yiachyns");
    expect(core("GFSI Southwest S DE Rl DE CV")).toBe(core("GFSI Southwest S. de R.L. de C.V."));
    expect(core("Fujian Jinjiang Shenhu Dali Clothing And Knitting Co,.Ltd")).toBe("shenhudali");
  });
});

describe("industry words (weak tokens)", () => {
  it("takes them out of the core and compares them by class", () => {
    const a = normaliseName("Zhongshan Yi Jun Knitting Co Ltd");
    const b = normaliseName("Zhong Shan City Yi Jun Knitwear Co. Ltd.");
    expect([a.core, b.core]).toEqual(["yijun", "yijun"]);
    expect(a.weak).toEqual(["knit"]);
    expect(b.weak).toEqual(["knit"]);
    expect(normaliseName("Shanghai Chengshang Textile & Clothing Co.,Ltd").weak).toEqual(["garment", "textile"]);
    expect(normaliseName("山东如意毛纺服装集团股份有限公司").weak).toEqual(["garment", "textile"]);
  });

  it("reads words that are also JavaScript property names as plain words", () => {
    expect(normaliseName("Constructor Garment Co Ltd")).toMatchObject({ core: "constructor", weak: ["garment"], branch: null });
    expect(normaliseAddress("1 Constructor Road").text).toBe("1 constructor rd");
  });

  it("keeps a name that is nothing but industry words", () => {
    expect(core("臺灣紡織有限公司")).toBe("纺织");
  });
});

describe("place prefixes", () => {
  it("strips province, city and county names from the start of a Chinese name", () => {
    expect(core("山东省青岛市即墨区即发针织服装有限公司")).toBe("即发");
    expect(core("诸城市恒威服装有限公司")).toBe("恒威");
    expect(core("高密市孚日家纺股份有限公司")).toBe("孚日");
    expect(normaliseName("山东省青岛市即墨区即发针织服装有限公司").places).toEqual(["370000", "370000", "370000"]);
  });

  it("strips romanised places however they are spaced, and places in brackets", () => {
    expect(core("Fujian Jinjiang Huamei Knitting & Clothing Co Ltd")).toBe("huamei");
    expect(core("Huai An Yuan Tong Headwear Mfg. Co. Ltd.")).toBe("yuantong");
    expect(core("Rongcheng City Yu Chang Sports Co., Ltd.")).toBe("yuchang");
    expect(core("Regina Miracle Intimate Apparel (Shenzhen Ltd.)")).toBe("reginamiracle");
    expect(core("Automax Anhui Co., Ltd.")).toBe("automax");
    expect(core("即发（青岛）针织有限公司")).toBe("即发");
  });

  it("keeps a place word that is the trade name itself", () => {
    expect(core("Shanghai Weifang Garments Factory")).toBe("weifang");
    expect(core("SUZHOU INDUSTRIAL (SHAMASH) (FREESILK)")).toBe("shamashfreesilk");
  });
});

describe("trade-name core (字号)", () => {
  it("is what is left of a Chinese name without place, industry and legal form", () => {
    expect(tradeNameCore("青岛即发集团股份有限公司")).toBe("即发");
    expect(tradeNameCore("山东如意毛纺服装集团股份有限公司")).toBe("如意");
    expect(tradeNameCore("山东南山智尚科技股份有限公司")).toBe("南山智尚");
  });

  it("has a Latin form: pinyin for Chinese names, so both scripts meet", () => {
    expect(normaliseName("诸城市恒威服装有限公司").coreLatin).toBe("hengwei");
    expect(normaliseName("Zhucheng Hengwei Clothing Co Ltd").coreLatin).toBe("hengwei");
    expect(normaliseName("青岛即发集团股份有限公司").coreLatin).toBe("jifa");
  });
});

describe("branch markers", () => {
  it("reads units, mills, numbered and ordinal branches", () => {
    expect(normaliseName("Jeans Knit Private Ltd Unit 3").branch).toBe("3");
    expect(normaliseName("SUNVIM GROUP CO LTD MILL 2").branch).toBe("2");
    expect(normaliseName("ZhongShan Easy On Garment Manufactory Co. Ltd. Second Branch").branch).toBe("2");
    expect(normaliseName('Xiajin Zhongmian Knitting Co. Ltd " Branch 1"').branch).toBe("1");
    expect(normaliseName("PT Glory Industrial Semarang II").branch).toBe("2");
    expect(normaliseName("Myanmar Solamoda Garments No.2 Co. Ltd.").branch).toBe("2");
    expect(normaliseName("青岛即发集团股份有限公司第二分公司")).toMatchObject({ core: "即发", branch: "2" });
    expect(normaliseName("ZhongShan Easy On Garment Manufactory Co. Ltd.").branch).toBeNull();
  });
});

describe("addresses", () => {
  it("canonicalises street words, drops filler and keeps numbers and postcodes apart", () => {
    expect(normaliseAddress("NO. 216 LONGMENXI ROAD,LAIYANG,SHANDONG,CHINA 265200")).toEqual({
      text: "216 longmenxi rd laiyang shandong",
      numbers: ["216"],
      postcodes: ["265200"],
    });
    expect(normaliseAddress("DONGSHAN,SHENHU TOWN,JINJIANG,FUJIAN,CHINA;").text).toBe(normaliseAddress("Dongshan, Shenhu, Jinjiang, Fujian").text);
    expect(normaliseAddress("山东省青岛市即墨区鹤山路8号")).toEqual({ text: "山东省青岛市即墨区鹤山路8号", numbers: ["8"], postcodes: [] });
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { normaliseName, type NormalisedName } from "@/domain/resolution";
import { sameCore } from "@/domain/resolution/score";
import { defaultCoordinates, localName, shandongCities } from "@/domain/taxonomy";
import { openDatabase } from "@/server/db/open";
import { importOshFile } from "@/server/services/onboarding-import";
import { EXIT_OK, type Output } from "../io";
import { rng } from "./bench";

const SYLLABLES = (
  "an ba bai bang bao bei ben bin bo cai can cang chang chao chen cheng chun da dan de deng ding dong fa fan fang fei feng fu gang gao " +
  "guang gui hai han hang hao he heng hong hua huai huan hui jia jian jiang jin jing jiu kai kang lan le li lian liang lin ling long lu " +
  "mao mei min ming nan ning peng ping qi qian qiang qin qing rong rui sen shan sheng shi shun song tai tian tong wan wei wen xiang xin " +
  "xing xu ya yang yao yi yin ying yong you yu yuan yue zhan zhen zheng zhi zhong zhou"
).split(" ");
const INDUSTRIES = ["Textile", "Knitting", "Garment", "Apparel", "Home Textile", "Weaving", "Dyeing", "Clothing"];
const ROADS = ["Beijing", "Huashan", "Taishan", "Renmin", "Jiefang", "Xinhua", "Changjiang", "Huanghe"];

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * An Open Supply Hub list (formats §2) of `rows` facilities in Shandong's cities: distinct trade
 * names (two or three syllables), addresses and coordinates near the city; every tenth row repeats an earlier
 * facility spelled another way (no city, capitals, another legal form), as the real lists do.
 */
export function generateOshCsv(rows: number, seed = 7): string {
  const r = rng(seed);
  const lines = ["country,name,address,sector,lat,lng"];
  const made: string[][] = [];
  const cores = new Map<string, NormalisedName[]>();
  for (let i = 0; i < rows; i++) {
    if (i % 10 === 9 && made.length > 0) {
      const [, name, address, , lat, lng] = made[Math.floor(r() * made.length)]!;
      // Without the city, in capitals: another spelling, kept as an alias.
      lines.push(["CN", name!.replace(/^\S+ /, "").toUpperCase().replace(/ CO\., LTD\.$/, " CO LTD"), address!, "Apparel", lat!, lng!].map(csvCell).join(","));
      continue;
    }
    const city = shandongCities[i % shandongCities.length]!;
    const cityEn = localName(city, "en");
    // A trade name no earlier firm of the city shares, not even one letter apart (that would be a pair to review).
    const taken = (cores.get(city.adcode) ?? cores.set(city.adcode, []).get(city.adcode))!;
    let name = "";
    for (let tries = 0; ; tries++) {
      const syllables = Array.from({ length: tries < 20 ? 2 : 3 }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]!).join("");
      name = `${cityEn} ${syllables[0]!.toUpperCase()}${syllables.slice(1)} ${INDUSTRIES[Math.floor(r() * INDUSTRIES.length)]} Co., Ltd.`;
      const n = normaliseName(name);
      if (!taken.some((x) => sameCore(x, n))) {
        taken.push(n);
        break;
      }
    }
    const address = `No. ${1 + Math.floor(r() * 300)} ${ROADS[Math.floor(r() * ROADS.length)]} Road, ${cityEn}, Shandong`;
    const centre = defaultCoordinates({ provinceAdcode: "370000", cityAdcode: city.adcode })!;
    const lat = (centre.lat + (r() - 0.5) * 0.2).toFixed(6);
    const lng = (centre.lng + (r() - 0.5) * 0.2).toFixed(6);
    const row = ["China", name, address, "Apparel", lat, lng];
    made.push(row);
    lines.push(row.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** `fanglian bench import --format osh [--rows N]`: a generated list into a fresh embedded database, twice. */
export async function benchOshImport(rows: number, out: Output): Promise<number> {
  const bytes = new TextEncoder().encode(generateOshCsv(rows));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-bench-osh-"));
  const handle = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
  try {
    let t = performance.now();
    const first = await importOshFile(handle.db, { bytes, fileName: "bench-osh.csv", account: { kind: "platform" } });
    const firstSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const second = await importOshFile(handle.db, { bytes, fileName: "bench-osh.csv", account: { kind: "platform" } });
    const secondSeconds = (performance.now() - t) / 1000;
    const { rows: _rows, ...counts } = first.report;
    const result = {
      bench: "import-osh",
      rows,
      seconds: Number(firstSeconds.toFixed(3)),
      rowsPerSecond: Math.round(rows / firstSeconds),
      ...counts,
      reimportSeconds: Number(secondSeconds.toFixed(3)),
      reimportCreated: second.report.created,
      reimportMerged: second.report.merged,
      reimportUnchanged: second.report.unchanged,
    };
    out.result(
      result,
      `import --format osh: ${rows} rows in ${firstSeconds.toFixed(2)} s = ${result.rowsPerSecond} rows/s (${counts.created} created, ${counts.merged} merged, ${counts.unchanged} unchanged, ${counts.review} for review, ${counts.rejected} rejected); ` +
        `again: ${secondSeconds.toFixed(2)} s, ${second.report.created} created, ${second.report.unchanged} unchanged`,
    );
    return EXIT_OK;
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import "server-only";
import { getProcess, getProduct } from "@/domain/taxonomy";
import { randomValidUscc } from "@/domain/uscc";
import { clusters, demoPhone, placeFullName, placeIn, type Cluster } from "./geo";
import { legalSuffix, personName, tradeNamePool } from "./names";
import { profiles, verticalPartner, type ProfileKey } from "./profiles";
import { addDays, type Rng } from "./rng";

export type FirmType = "anchor" | "sme" | "service_center";
export type VerificationState = "unverified" | "pending" | "verified" | "rejected";

export interface SeedFirm {
  /** Set for the hand-written demo firms, whose owners sign in; they are inserted by ../seed.ts. */
  demoEmail?: string;
  id: string;
  type: FirmType;
  nameZh: string;
  nameEn: string | null;
  uscc: string;
  city: string;
  county: string | null;
  address: string;
  lat: number;
  lng: number;
  smeLevel: string | null;
  smeLevelValidUntil: string | null;
  description: string;
  contactName: string;
  contactPhone: string;
  verificationState: VerificationState;
  /** What it makes (empty for service centres); the first is its main line. */
  profiles: ProfileKey[];
  createdDaysAgo: number;
}

/** The demo accounts' firms: what they make, so their owners see a populated account. */
export const demoFirmProfiles: Record<string, ProfileKey[]> = {
  "anchor@demo.fanglian.local": ["cotton_spinning", "woven_weaving", "dyeing", "bedding"],
  "kids@demo.fanglian.local": ["childrenswear", "knit_apparel"],
  "sweater@demo.fanglian.local": ["sweater_knit", "sweater_garment"],
  "hometex@demo.fanglian.local": ["towels", "bedding"],
  "yarn@demo.fanglian.local": ["cotton_spinning"],
  "cluster@demo.fanglian.local": [],
};

export function usccSource(rng: Rng) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const code = randomValidUscc(rng);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
}

const shortZh = (zh: string) => zh.replace(/（.*?）|\(.*?\)/g, "");

function describe(rng: Rng, type: FirmType, keys: ProfileKey[], prefix: string): string {
  const main = profiles[keys[0]!];
  const products = [...new Set(keys.flatMap((k) => profiles[k].products))].slice(0, 3).map((p) => getProduct(p)?.zh ?? p);
  const procs = rng.sample(main.processes, 3).map((p) => shortZh(getProcess(p)?.process.zh ?? p));
  const scale =
    type === "anchor"
      ? `员工约 ${rng.int(8, 60) * 100} 人，年营业收入 ${rng.int(5, 120)} 亿元，`
      : `员工 ${rng.int(3, 40) * 10} 人，`;
  const what = products.length > 0 ? `主营${products.join("、")}` : `专业从事${procs[0]}`;
  const tail = rng.pick(["可接小单快反", "长期承接品牌代工", "欢迎来厂考察", "质量稳定，交期准时", "可提供打样", "出口订单经验丰富"]);
  return `${prefix}${type === "anchor" ? "龙头企业" : "企业"}，${scale}${what}；工艺：${procs.join("、")}。${tail}。`;
}

function firmIn(rng: Rng, cluster: Cluster, index: number, today: string, nextName: ReturnType<typeof tradeNamePool>, nextUscc: () => string): SeedFirm {
  const type: FirmType = index < cluster.anchors ? "anchor" : cluster.service && index === cluster.anchors ? "service_center" : "sme";
  const place = placeIn(rng, cluster);
  const base = {
    id: rng.uuid(),
    uscc: nextUscc(),
    city: place.city,
    county: place.county,
    address: place.address,
    lat: place.lat,
    lng: place.lng,
    contactName: personName(rng),
    contactPhone: demoPhone(rng, place.city),
    createdDaysAgo: rng.float(20, 700, 2),
  };
  if (type === "service_center") {
    const [labelZh, labelEn] = cluster.service!;
    const where = placeFullName(place.city, place.county);
    return {
      ...base,
      type,
      nameZh: `${where}${labelZh}产业集群服务中心`,
      nameEn: `${place.prefixEn} ${labelEn} Cluster Service Centre`,
      smeLevel: null,
      smeLevelValidUntil: null,
      description: `服务${place.prefixZh}${labelZh}产业集群：企业入驻与批量登记、供需对接、检测与培训、集群本地配套率统计。`,
      verificationState: "verified",
      profiles: [],
    };
  }
  const main = rng.weighted(cluster.mix);
  const keys: ProfileKey[] = [main];
  const partner = verticalPartner[main];
  if (type === "anchor" && partner) keys.push(partner);
  else if (rng.chance(0.15)) keys.push(rng.weighted(cluster.mix));
  const uniqueKeys = [...new Set(keys)];
  const trade = nextName();
  const [wordZh, wordEn] = rng.pick(profiles[main].words);
  const [suffixZh, suffixEn] = legalSuffix(rng, type === "anchor");
  const provincial = type === "anchor" && rng.chance(0.4);
  const prefixZh = provincial ? "山东" : place.prefixZh;
  const prefixEn = provincial ? "Shandong" : place.prefixEn;
  const hasEn = rng.chance(type === "anchor" ? 0.85 : 0.3);
  const smeLevel =
    type === "anchor"
      ? rng.chance(0.25) ? rng.pick(["single_champion", "little_giant"]) : null
      : rng.chance(0.3) ? rng.weighted([["innovative_sme", 45], ["provincial_specialized", 35], ["little_giant", 15], ["single_champion", 5]]) : null;
  const verificationState: VerificationState =
    type === "anchor" ? (rng.chance(0.9) ? "verified" : "unverified") : rng.weighted([["verified", 50], ["unverified", 44], ["pending", 3], ["rejected", 3]]);
  return {
    ...base,
    type,
    nameZh: `${prefixZh}${trade.zh}${wordZh}${suffixZh}`,
    nameEn: hasEn ? `${prefixEn} ${trade.en} ${wordEn} ${suffixEn}` : null,
    smeLevel,
    // Certificates of 专精特新 status run three years; some have lapsed.
    smeLevelValidUntil: smeLevel ? addDays(today, rng.int(-120, 1095)) : null,
    description: describe(rng, type, uniqueKeys, place.prefixZh),
    verificationState,
    profiles: uniqueKeys,
  };
}

/** Every generated firm, cluster by cluster, in a fixed order. */
export function generateFirms(rng: Rng, today: string, nextUscc: () => string): SeedFirm[] {
  const nextName = tradeNamePool(rng);
  const out: SeedFirm[] = [];
  for (const cluster of clusters) for (let i = 0; i < cluster.n; i++) out.push(firmIn(rng, cluster, i, today, nextName, nextUscc));
  return out;
}

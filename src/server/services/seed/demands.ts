import "server-only";
import { getCity } from "@/domain/taxonomy";
import { toCanonical } from "@/domain/units";
import type { SeedFirm } from "./firms";
import { addDays, endOfShanghaiDay, nice, type Rng } from "./rng";
import { priceUnitText } from "./specs";

export interface SeedDemand {
  id: string;
  firm: number;
  title: string;
  text: string;
  chainLink: string;
  processes: string[];
  products: string[];
  fibers: string[];
  yarnCountNe: number | null;
  gsm: number | null;
  widthCm: number | null;
  quantityValue: number;
  quantityUnit: string;
  quantityInputValue: number;
  quantityInputUnit: string;
  needBy: string;
  deliverCityAdcode: string;
  deliverLat: number;
  deliverLng: number;
  maxDistanceKm: number | null;
  requiredCertifications: string[];
  targetPriceValue: number | null;
  targetPriceUnit: string | null;
  targetPriceTaxIncluded: boolean | null;
  paymentTerms: "prepay" | "monthly" | "acceptance";
  paymentDays: number | null;
  invoiceType: "vat_special" | "vat_ordinary" | "none";
  samplesWanted: boolean;
  safetyClass: string | null;
  quoteDeadline: Date;
  visibility: "public" | "invited";
  status: "open" | "closed" | "awarded" | "expired";
  createdDaysAgo: number;
}

interface Need {
  title: string;
  text: string;
  link: string;
  processes: string[];
  products: string[];
  fibers: string[];
  ne?: number;
  gsm?: number;
  width?: number;
  qty: [number, string];
  price?: [number, string];
  certs?: string[];
  safety?: string;
}

/** What buyers in Shandong post, in the trade's own shorthand. */
const needs: ((rng: Rng) => Need)[] = [
  (r) => { const ne = r.pick([32, 40, 50, 60]); return { title: `求购精梳棉纱 JC${ne}S 针织用`, text: `JC${ne}S 紧密纺优先，条干CV≤12%，筒纱，每月稳定用量。`, link: "spinning", processes: [r.pick(["ring_combed", "ring_compact"])], products: ["yarn"], fibers: ["cotton"], ne, qty: [r.pick([30, 50, 80, 120]), "吨"], price: [nice(r.float(24_000, 30_000)), "t"], certs: r.chance(0.3) ? ["better_cotton"] : [] }; },
  (r) => { const ne = r.pick([21, 32, 40]); return { title: `求购涤棉纱 T/C65/35 ${ne}S`, text: `T/C 65/35 ${ne}S 环锭纺，梭织用，需提供检测报告。`, link: "spinning", processes: ["ring_carded"], products: ["yarn"], fibers: ["polyester", "cotton"], ne, qty: [r.pick([100, 200, 500]), "件(纱线)"] }; },
  (r) => { const ne = r.pick([10, 16, 21]); return { title: `求购气流纺棉纱 OE${ne}S 牛仔用`, text: `OE${ne}S，牛仔布经纱用，需求稳定，长期合作。`, link: "spinning", processes: ["open_end_rotor"], products: ["yarn"], fibers: ["cotton"], ne, qty: [r.pick([50, 100, 150]), "吨"] }; },
  (r) => ({ title: `求购色纺纱 ${r.pick(["麻灰", "花灰", "中灰"])} 30S 莫代尔混纺`, text: "色纺纱 30S，棉/莫代尔 50/50，先打样确认色号。", link: "spinning", processes: ["dope_melange"], products: ["yarn"], fibers: ["cotton", "modal"], ne: 30, qty: [r.pick([10, 20, 30]), "吨"] }),
  (r) => ({ title: `求购精纺羊毛纱 2/${r.pick([48, 60, 64])} 毛衫用`, text: "精纺羊毛纱，横机 12G/14G 用，需色卡。", link: "spinning", processes: ["worsted_spinning"], products: ["yarn"], fibers: ["wool"], ne: 40, qty: [r.pick([5, 10, 20]), "吨"], certs: r.chance(0.3) ? ["oeko_tex_100"] : [] }),
  (r) => { const w = r.pick([160, 230, 280]); return { title: `求购全棉府绸坯布 40×40 133×72 幅宽${w}cm`, text: `C40×C40 133×72 ${w}cm，喷气织造，布面要求A级。`, link: "weaving_knitting", processes: ["air_jet_loom"], products: ["woven_fabric"], fibers: ["cotton"], width: w, gsm: 115, qty: [r.pick([5, 10, 20, 30]), "万米"], price: [r.float(6, 9), "m"] }; },
  (r) => ({ title: `找色织布加工 ${r.pick(["衬衫格子布", "条纹布", "牛津纺"])}`, text: "色织布，纱线我方提供，剑杆织机，月需求稳定。", link: "weaving_knitting", processes: ["yarn_dyed_weaving"], products: ["yarn_dyed_fabric"], fibers: ["cotton"], width: 150, qty: [r.pick([3, 5, 8]), "万米"] }),
  (r) => { const g = r.pick([160, 180, 200, 220]); return { title: `求购精梳棉汗布 ${g}g 圆机加工`, text: `JC32S 单面汗布 ${g}g/㎡，开幅 180cm，针织童装用。`, link: "weaving_knitting", processes: ["circular_knitting"], products: ["knit_fabric"], fibers: ["cotton"], gsm: g, width: 180, qty: [r.pick([10, 20, 40]), "吨"], certs: r.chance(0.4) ? ["oeko_tex_100"] : [] }; },
  (r) => ({ title: `找毛巾织造厂 32S 割绒`, text: "毛巾坯布织造，32S 纯棉，纱线我方提供。", link: "weaving_knitting", processes: ["terry_towel_weaving"], products: [], fibers: ["cotton"], gsm: 450, qty: [r.pick([20, 50]), "吨"] }),
  (r) => ({ title: `求牛仔布 ${r.pick([10, 12, 14])}oz 弹力`, text: "靛蓝牛仔布，棉/氨纶，幅宽 150cm。", link: "weaving_knitting", processes: ["denim_weaving"], products: ["denim_fabric"], fibers: ["cotton", "spandex"], width: 150, qty: [r.pick([2, 5, 10]), "万米"] }),
  (r) => { const q = r.pick([30, 50, 80]); return { title: `找活性染色加工 全棉针织布 月${q}吨`, text: "全棉针织布活性染色，色牢度 4 级以上，需打色确认。", link: "dyeing_printing_finishing", processes: ["reactive_dyeing", "jet_overflow"], products: ["finished_fabric"], fibers: ["cotton"], qty: [q, "吨"], certs: ["discharge_permit"]}; },
  (r) => { const [zh, fiber] = r.pick([["涤纶", "polyester"], ["真丝", "silk"], ["人棉", "viscose"]] as const); return { title: `找数码印花加工 ${zh} 小批量`, text: "数码印花，单款 500 米起，交期 7 天。", link: "dyeing_printing_finishing", processes: ["digital_printing"], products: ["finished_fabric"], fibers: [fiber], qty: [r.pick([5_000, 10_000, 20_000]), "米"] }; },
  (r) => ({ title: "找阻燃整理加工 工装面料", text: "涤棉工装面料阻燃整理，需满足 GB 8965.1。", link: "dyeing_printing_finishing", processes: ["fr_finishing"], products: ["finished_fabric"], fibers: ["polyester", "cotton"], qty: [r.pick([2, 5]), "万米"], certs: ["gb_8965_1"] }),
  (r) => { const n = r.pick([1, 2, 5, 8]); return { title: `找童装加工厂 针织套装 A类 ${n}万件`, text: `婴幼儿针织套装，GB 18401 A类，清加工/包工包料均可，${n}万件分批交货。`, link: "garment", processes: [r.pick(["cmt", "fob_full_package"])], products: ["childrenswear"], fibers: ["cotton"], qty: [n, "万件"], price: [r.float(12, 35), "pcs"], safety: "gb18401_a", certs: r.chance(0.5) ? ["oeko_tex_100"] : [] }; },
  (r) => { const q = r.pick([3_000, 5_000, 8_000]); return { title: `求毛衫加工 12G 羊毛混纺 ${q}件`, text: "电脑横机 12G，羊毛/锦纶混纺，套口、水洗、整烫一条龙。", link: "weaving_knitting", processes: ["flat_knitting", "fully_fashioned_linking"], products: ["knitwear_sweaters"], fibers: ["wool", "nylon"], qty: [q, "件"]}; },
  (r) => { const q = r.pick([2_000, 5_000, 10_000]); return { title: `男装西服 FOB 加工 ${q}套`, text: "精纺毛料西服，包工包料，需有出口经验。", link: "garment", processes: ["fob_full_package"], products: ["menswear"], fibers: ["wool", "polyester"], qty: [q, "套"], safety: "gb18401_c", certs: r.chance(0.4) ? ["wrap"] : []}; },
  (r) => { const q = r.pick([1, 2, 3]); return { title: `工装/劳保服清加工 ${q}万件`, text: "涤棉工装，来料加工，需有 10 条以上流水线。", link: "garment", processes: ["cmt"], products: ["workwear"], fibers: ["polyester", "cotton"], qty: [q, "万件"], safety: "gb18401_c"}; },
  (r) => { const q = r.pick([1, 2, 5]); return { title: `求购劳保手套 浸胶 ${q}万打`, text: "13针涤纶丁腈浸胶手套，EN 388 认证，出口订单。", link: "garment", processes: ["glove_dipping"], products: ["gloves"], fibers: ["polyester"], qty: [q * 10_000, "打"], price: [r.float(18, 36), "dozen_pairs"], certs: ["en_388_ce"]}; },
  (r) => { const q = r.pick([5_000, 10_000]); return { title: `求购针织手套 ${r.pick(["纱线手套", "点塑手套"])} ${q}打`, text: "7针/10针针织手套，月供稳定。", link: "garment", processes: ["glove_knitting"], products: ["gloves"], fibers: ["cotton", "polyester"], qty: [q, "打"]}; },
  (r) => { const q = r.pick([1_000, 3_000, 5_000]); return { title: `求购全棉四件套 1.8m 贡缎 ${q}套`, text: "60S 全棉贡缎四件套，活性印花，B类，带包装。", link: "home_textiles", processes: ["bedding"], products: ["bedding"], fibers: ["cotton"], qty: [q, "套"], safety: "gb18401_b", certs: r.chance(0.5) ? ["oeko_tex_100"] : []}; },
  (r) => { const q = r.pick([5, 10, 20]); return { title: `求购毛巾 32S 纯棉 ${q}万条`, text: "32S 纯棉割绒毛巾 35×75cm，酒店用，需打样。", link: "home_textiles", processes: ["towels"], products: ["towels"], fibers: ["cotton"], gsm: 500, qty: [q, "万件"], safety: "gb18401_b"}; },
  (r) => { const q = r.pick([5, 10, 30]); const g = r.pick([200, 300, 400, 600]); return { title: `求购短纤针刺土工布 ${g}g/㎡ ${q}万平方米`, text: "涤纶短纤针刺土工布，幅宽 6m，用于高速公路项目，需出具检测报告。", link: "industrial_textiles", processes: ["geotextile_nonwoven"], products: ["geotextiles"], fibers: ["polyester"], gsm: g, width: 600, qty: [q * 10_000, "平方米"], certs: ["cma_test_report"]}; },
  (r) => { const q = r.pick([10, 20, 50]); return { title: `求购PE渔网/养殖网 ${q}吨`, text: "聚乙烯有结网，网目按图纸，海水养殖用。", link: "industrial_textiles", processes: [r.pick(["fishing_nets", "aquaculture_nets"])], products: ["ropes_nets"], fibers: ["polyethylene"], qty: [q, "吨"]}; },
  (r) => { const q = r.pick([5, 10, 20]); const [zh, fiber] = r.pick([["丙纶", "polypropylene"], ["UHMWPE", "uhmwpe"], ["锦纶", "nylon"]] as const); return { title: `求购缆绳 ${zh} 8股 ${q}吨`, text: "8股编织缆绳，直径 40–64mm，需船级社认证。", link: "industrial_textiles", processes: ["ropes_cordage"], products: ["ropes_nets"], fibers: [fiber], qty: [q, "吨"], certs: ["class_approval_rope"]}; },
  (r) => { const g = r.pick([25, 40, 60]); return { title: `求购纺粘无纺布 ${g}g 医卫级`, text: "PP 纺粘无纺布，医卫级，幅宽 1.6m。", link: "industrial_textiles", processes: ["spunbond"], products: ["nonwovens"], fibers: ["polypropylene"], gsm: g, width: 160, qty: [r.pick([20, 50, 100]), "吨"], certs: r.chance(0.5) ? ["iso_13485"] : [] }; },
  (r) => { const q = r.pick([100, 200, 500]); return { title: `求购涤纶短纤 1.4D×38mm ${q}吨`, text: "原生涤纶短纤，纺纱用，月结。", link: "fiber", processes: ["melt_spinning_polyester"], products: ["staple_fibre"], fibers: ["polyester"], qty: [q, "吨"], price: [nice(r.float(7_200, 8_200)), "t"]}; },
  (r) => { const q = r.pick([50, 100]); return { title: `求购再生涤纶短纤 GRS ${q}吨`, text: "再生涤纶短纤，需 GRS 证书及交易证书（TC）。", link: "fiber", processes: ["recycled_fibre"], products: ["staple_fibre"], fibers: ["recycled_polyester"], qty: [q, "吨"], certs: ["grs"]}; },
  (r) => { const q = r.pick([10, 20, 40]); return { title: `采购喷气织机 ${r.pick([190, 230, 280, 340])}cm ${q}台`, text: "喷气织机，双喷/四喷，含安装调试。", link: "textile_machinery", processes: ["weaving_machinery"], products: ["textile_machines"], fibers: [], qty: [q, "台"]}; },
  (r) => { const q = r.pick([5, 10, 20]); return { title: `采购单面大圆机 34寸 ${q}台`, text: "34寸 28G 单面大圆机，含安装与培训。", link: "textile_machinery", processes: ["knitting_machinery"], products: ["textile_machines"], fibers: [], qty: [q, "台"]}; },
];

export function generateDemand(rng: Rng, buyer: SeedFirm, buyerIndex: number, today: string, status: SeedDemand["status"]): SeedDemand {
  const need = rng.pick(needs)(rng);
  const qty = toCanonical(need.qty[0], need.qty[1], "quantity");
  if (!qty) throw new Error(`seed: bad demand unit ${need.qty[1]}`);
  // Open demands close in 3–45 days; expired and decided ones closed in the past weeks.
  const deadlineDay = status === "open" ? addDays(today, rng.int(3, 45)) : addDays(today, -rng.int(1, 40));
  const payment = rng.weighted([["monthly", 50], ["prepay", 25], ["acceptance", 25]] as const);
  const city = getCity(buyer.city)!;
  const inShandong = rng.chance(0.85);
  return {
    id: rng.uuid(), firm: buyerIndex, title: need.title, text: need.text, chainLink: need.link, processes: need.processes, products: need.products, fibers: need.fibers,
    yarnCountNe: need.ne ?? null, gsm: need.gsm ?? null, widthCm: need.width ?? null,
    quantityValue: qty.value, quantityUnit: qty.unit, quantityInputValue: need.qty[0], quantityInputUnit: need.qty[1],
    needBy: addDays(deadlineDay, rng.int(15, 75)),
    deliverCityAdcode: city.adcode,
    deliverLat: inShandong ? buyer.lat : city.lat,
    deliverLng: inShandong ? buyer.lng : city.lng,
    maxDistanceKm: rng.chance(0.3) ? rng.pick([50, 100, 200, 300, 500]) : null,
    requiredCertifications: need.certs ?? [],
    targetPriceValue: need.price ? Number(need.price[0].toFixed(2)) : null,
    targetPriceUnit: need.price ? (priceUnitText[need.price[1]] ?? need.price[1]) : null,
    targetPriceTaxIncluded: need.price ? rng.chance(0.8) : null,
    paymentTerms: payment,
    paymentDays: payment === "monthly" ? rng.pick([30, 45, 60, 90]) : payment === "acceptance" ? rng.pick([90, 180]) : null,
    invoiceType: rng.weighted([["vat_special", 75], ["vat_ordinary", 20], ["none", 5]] as const),
    samplesWanted: rng.chance(0.4),
    safetyClass: need.safety ?? null,
    quoteDeadline: endOfShanghaiDay(deadlineDay),
    visibility: rng.chance(0.9) ? "public" : "invited",
    status,
    createdDaysAgo: status === "open" ? rng.float(0.2, 20, 2) : rng.float(45, 120, 2),
  };
}

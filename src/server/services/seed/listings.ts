import "server-only";
import { getChainLink, getFiber, getProcess, getProduct } from "@/domain/taxonomy";
import { fromCanonical, quantityUnitOf, toCanonical } from "@/domain/units";
import type { SeedFirm } from "./firms";
import { profiles, type ProfileKey } from "./profiles";
import { addDays, nice, type Rng } from "./rng";
import {
  capacityByProcess, capacityByUnit, fabricSpec, leadDays, moqByQuantity, neRange, perEquipment, perEquipmentByProcess,
  priceByLinkUnit, priceByProcess, priceByUnit, priceUnitText, spinLabel, yarnCounts, yarnPrice,
} from "./specs";

export interface SeedListing {
  id: string;
  firm: number;
  kind: "capability" | "capacity";
  status: "draft" | "published" | "paused" | "archived";
  chainLink: string;
  processes: string[];
  products: string[];
  fibers: string[];
  title: string;
  titleEn: string | null;
  description: string;
  capacityValue: number;
  capacityUnit: string;
  capacityInputValue: number;
  capacityInputUnit: string;
  moqValue: number | null;
  moqUnit: string | null;
  moqInputValue: number | null;
  moqInputUnit: string | null;
  leadTimeDays: number;
  yarnCountNeMin: number | null;
  yarnCountNeMax: number | null;
  gsmMin: number | null;
  gsmMax: number | null;
  widthCmMax: number | null;
  sampling: { cutSamples: boolean; colourCards: boolean; labDips: boolean; sampleLeadDays?: number } | null;
  equipment: { unit: string; count: number }[];
  priceValue: number | null;
  priceUnit: string | null;
  priceTaxIncluded: boolean | null;
  safetyClass: string | null;
  availableFrom: string | null;
  availableTo: string | null;
  createdDaysAgo: number;
}

const short = (zh: string) => zh.replace(/（.*?）|\(.*?\)/g, "");
const between = (rng: Rng, [lo, hi]: [number, number]) => lo * Math.pow(hi / lo, rng()); // log-uniform

function safetyClassFor(rng: Rng, link: string, products: string[]): string | null {
  if (link !== "garment" && link !== "home_textiles") return null;
  if (products.includes("gloves")) return null;
  if (products.includes("childrenswear")) return "gb18401_a";
  if (products.some((p) => ["underwear", "bedding", "towels", "knit_apparel", "duvets", "hanfu"].includes(p))) return rng.chance(0.2) ? "gb18401_a" : "gb18401_b";
  if (products.some((p) => ["curtains", "carpets", "workwear"].includes(p))) return "gb18401_c";
  return rng.pick(["gb18401_b", "gb18401_b", "gb18401_c"]);
}

/** Capacity in a trade unit someone would type, and the same in the canonical unit. */
function capacity(rng: Rng, processId: string, unit: string, scale: number) {
  const byUnit = capacityByUnit[unit]!;
  const override = capacityByProcess[processId];
  const range = override && (!override.inputs || override.inputs.some((i) => toCanonical(1, i, "rate")?.unit === unit)) ? override : undefined;
  const inputs = (range?.inputs ?? byUnit.inputs).filter((i) => toCanonical(1, i, "rate")?.unit === unit);
  const inputUnit = rng.pick(inputs.length > 0 ? inputs : byUnit.inputs);
  const canonical = between(rng, range?.range ?? byUnit.range) * scale;
  const typed = nice(fromCanonical(canonical, inputUnit, "rate")!);
  const value = toCanonical(typed, inputUnit, "rate")!;
  return { inputValue: typed, inputUnit, value: value.value, unit: value.unit };
}

function equipmentFor(rng: Rng, processId: string, units: string[], capUnit: string, capValue: number) {
  return units.map((unit) => {
    const per = (unit === "machines" || unit === "looms" ? perEquipmentByProcess[processId] : undefined) ?? perEquipment[unit]?.[capUnit];
    const count = per ? Math.max(1, Math.round(nice(capValue / per))) : rng.int(5, 80);
    return { unit, count };
  });
}

function yarnCode(fibers: string[]): string {
  const f = fibers[0];
  return f === "cotton" || f === "organic_cotton" ? "C" : f === "polyester" ? "T" : f === "viscose" ? "R" : f === "modal" ? "Modal " : "";
}

export function generateListing(rng: Rng, firm: SeedFirm, firmIndex: number, key: ProfileKey, used: Set<string>, today: string): SeedListing {
  const profile = profiles[key];
  const link = getChainLink(profile.link)!;
  const fresh = profile.processes.filter((p) => !used.has(p));
  const main = rng.pick(fresh.length > 0 ? fresh : profile.processes);
  used.add(main);
  const extra = rng.chance(0.4) ? rng.sample(profile.processes.filter((p) => p !== main), rng.int(1, 2)) : [];
  const processIds = [main, ...extra];
  const process = getProcess(main)!.process;
  const products = profile.products.filter((p) => getProduct(p)?.chainLinks.includes(link.id)).slice(0, rng.int(1, 2));
  // Elastane is blended in, never the main fibre of a listing.
  const fibers = (profile.fibers.length > 0 ? rng.sample(profile.fibers, rng.int(1, Math.min(3, profile.fibers.length))) : []).sort(
    (a, b) => Number(a === "spandex") - Number(b === "spandex"),
  );
  const anchor = firm.type === "anchor";
  const kind: SeedListing["kind"] = rng.chance(anchor ? 0.3 : 0.2) ? "capacity" : "capability";
  const capUnit = process.capacityUnits.length > 1 && rng.chance(0.35) ? process.capacityUnits[1]! : process.capacityUnits[0]!;
  const scale = (anchor ? rng.float(2.5, 6) : 1) * (kind === "capacity" ? rng.float(0.15, 0.5, 2) : 1);
  const cap = capacity(rng, main, capUnit, scale);
  const full = kind === "capacity" ? cap.value / scale * (anchor ? 4 : 1) : cap.value;
  const equipment = equipmentFor(rng, main, process.equipmentUnits, cap.unit, full);
  if (link.id === "garment" && !main.startsWith("glove") && rng.chance(0.5)) equipment.push({ unit: "workers", count: Math.max(20, Math.round(nice(full / 400))) });
  const quantity = quantityUnitOf(cap.unit)!;

  // Specs
  let yarnCountNeMin: number | null = null;
  let yarnCountNeMax: number | null = null;
  const ne = neRange[main];
  if (ne) {
    const counts = yarnCounts.filter((c) => c >= ne[0] && c <= ne[1]);
    const lo = rng.int(0, Math.max(0, Math.floor(counts.length / 2) - 1));
    yarnCountNeMin = counts[lo]!;
    yarnCountNeMax = counts[rng.int(Math.min(lo + 1, counts.length - 1), counts.length - 1)]!;
  }
  const spec = fabricSpec[main] ?? fabricSpec[`${link.id}:${quantity}`] ?? (["m", "t"].includes(quantity) ? fabricSpec[link.id] : undefined);
  const gsmLo = spec?.gsm ? nice(between(rng, spec.gsm)) : null;
  const gsmMin = gsmLo !== null && spec?.gsm ? Math.max(spec.gsm[0], gsmLo) : null;
  const gsmMax = gsmMin !== null && spec?.gsm ? Math.min(spec.gsm[1], nice(gsmMin * rng.float(1.3, 2.5, 2))) : null;
  const widthCmMax = spec?.width ? Math.round(between(rng, spec.width) / (spec.width[1] > 50 ? 10 : 1)) * (spec.width[1] > 50 ? 10 : 1) : null;

  // MOQ, price
  const moq = moqByQuantity[quantity];
  const moqUnitText = moq ? (link.id === "spinning" && rng.chance(0.3) ? "件(纱线)" : rng.pick(moq.units)) : null;
  const moqTyped = moq && moqUnitText ? (moqUnitText === "公斤" ? nice(between(rng, moq.range) * 1000) : moqUnitText === "万米" ? rng.int(1, 5) : moqUnitText === "件(纱线)" ? rng.int(1, 5) * 10 : Math.max(1, quantity === "t" ? nice(between(rng, moq.range)) : Math.round(nice(between(rng, moq.range))))) : null;
  const moqCanon = moqUnitText && moqTyped ? toCanonical(moqTyped, moqUnitText, "quantity") : null;
  let price: number | null = null;
  if (link.id === "spinning") price = (yarnPrice[fibers[0] ?? "cotton"] ?? 20_000) * (1 + (yarnCountNeMax ?? 30) / 80) * rng.float(0.9, 1.1, 3);
  else {
    const range = priceByProcess[main] && !(quantity === "t" && (priceByProcess[main]![1] < 500)) ? priceByProcess[main]! : priceByLinkUnit[`${link.id}:${quantity}`] ?? priceByUnit[quantity]!;
    price = between(rng, range);
  }
  const priceValue = rng.chance(0.75) ? (price >= 100 ? nice(price) : Number(price.toFixed(price < 2 ? 2 : 1))) : null;

  // Window for spare capacity: mostly current or coming; some already over (they must not show).
  let availableFrom: string | null = null;
  let availableTo: string | null = null;
  if (kind === "capacity") {
    const length = rng.int(14, 120);
    const start = rng.chance(0.12) ? -length - rng.int(1, 45) : rng.int(-30, 75);
    availableFrom = addDays(today, start);
    availableTo = addDays(today, start + length);
  }

  const procZh = short(process.zh);
  const productZh = products.length > 0 ? getProduct(products[0]!)!.zh : "";
  const fiberZh = fibers.length > 0 ? getFiber(fibers[0]!)!.zh : "";
  let title: string;
  if (link.id === "spinning")
    title = `${spinLabel[main] ?? procZh}${main === "sewing_thread" ? fiberZh : `${fiberZh}纱`} ${yarnCode(fibers)}${yarnCountNeMin}S–${yarnCountNeMax}S`;
  else if (link.id === "home_textiles") title = `${procZh}${fiberZh ? ` · ${fiberZh}` : ""}`;
  else if (link.id === "garment")
    title = !productZh || procZh.includes(productZh) || productZh.includes(procZh) ? procZh : `${productZh}${procZh}`;
  else title = `${procZh}${productZh ? ` · ${productZh}` : fiberZh ? ` · ${fiberZh}` : ""}`;
  const capText = `${cap.inputValue}${cap.inputUnit}`;
  if (kind === "capacity") title = `空闲产能｜${title} ${capText}`;
  else if (rng.chance(0.4)) title = `${title}（${capText}）`;
  const productEn = products[0] ? getProduct(products[0])!.en : "";
  const titleEn = rng.chance(anchor ? 0.6 : 0.3)
    ? `${kind === "capacity" ? "Spare capacity: " : ""}${process.en}${productEn && !process.en.toLowerCase().includes(productEn.toLowerCase().split(" ")[0]!) ? ` – ${productEn}` : ""}`
    : null;

  const equipText = equipment.map((e) => `${e.unit === "spindles" ? `${e.count >= 10_000 ? `${e.count / 10_000}万` : e.count}锭` : `${e.count}${{ rotors: "头", looms: "台织机", machines: "台", sewing_lines: "条生产线", dye_vessels: "缸", workers: "人" }[e.unit] ?? ""}`}`).join("、");
  const sampling = rng.chance(0.6)
    ? {
        cutSamples: ["weaving_knitting", "dyeing_printing_finishing", "home_textiles", "industrial_textiles"].includes(link.id) && rng.chance(0.7),
        colourCards: ["spinning", "dyeing_printing_finishing", "fiber"].includes(link.id) && rng.chance(0.7),
        labDips: link.id === "dyeing_printing_finishing" && rng.chance(0.8),
        sampleLeadDays: rng.int(2, 15),
      }
    : null;
  const description = [
    `${firm.nameZh.replace(/(集团)?(股份)?有限(责任)?公司$/, "")}：${processIds.map((p) => short(getProcess(p)!.process.zh)).join("、")}。`,
    equipText ? `规模：${equipText}。` : "",
    `产能 ${capText}${kind === "capacity" ? `（${availableFrom} 至 ${availableTo} 可接单）` : ""}。`,
    sampling ? `可提供${[sampling.cutSamples && "剪样", sampling.colourCards && "色卡", sampling.labDips && "打色（Lab dip）"].filter(Boolean).join("、") || "样品"}，打样周期约 ${sampling.sampleLeadDays} 天。` : "",
  ].join("");

  const status = rng.weighted([["published", 90], ["draft", 4], ["paused", 4], ["archived", 2]] as const);
  return {
    id: rng.uuid(), firm: firmIndex, kind, status, chainLink: link.id, processes: processIds, products, fibers, title, titleEn, description,
    capacityValue: cap.value, capacityUnit: cap.unit, capacityInputValue: cap.inputValue, capacityInputUnit: cap.inputUnit,
    moqValue: moqCanon?.value ?? null, moqUnit: moqCanon?.unit ?? null, moqInputValue: moqCanon ? moqTyped : null, moqInputUnit: moqCanon ? moqUnitText : null,
    leadTimeDays: rng.int(...(leadDays[link.id] ?? [10, 30])), yarnCountNeMin, yarnCountNeMax, gsmMin, gsmMax, widthCmMax, sampling, equipment,
    priceValue, priceUnit: priceValue !== null ? (priceUnitText[quantity] ?? quantity) : null, priceTaxIncluded: priceValue !== null ? rng.chance(0.7) : null,
    safetyClass: safetyClassFor(rng, link.id, products), availableFrom, availableTo, createdDaysAgo: rng.float(0.5, Math.min(firm.createdDaysAgo, 400), 2),
  };
}

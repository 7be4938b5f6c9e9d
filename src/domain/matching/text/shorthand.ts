/**
 * Trade shorthand in demand text (taxonomy.specNotation): yarn codes (JC40S, C32S, OE10S, R30S,
 * 40S/2, 40支), blend codes (T/C 65/35, CVC 60/40, T65/C35), filament counts (150D/48F), fabric
 * weight (300g, 300gsm, 300克, 8oz), knitting gauge (12G, 12针 — not a weight) and width (280cm,
 * 2.8米幅宽, 57/58"). Single letters mean fibres only inside these codes.
 */
import { mask } from "./normalize";

export interface ShorthandSpec {
  yarnCountNe?: number;
  plies?: number;
  gsm?: number;
  widthCm?: number;
  blend?: { fiber: string; pct: number }[];
  denier?: number;
  filaments?: number;
  gauge?: number;
}

export interface Shorthand {
  spec: ShorthandSpec;
  fibers: string[];
  /** Spinning processes a yarn code names (JC → combed); only meaningful for a spinning demand. */
  spinningProcesses: string[];
  products: string[];
  /** The codes as found, lower case, for text relevance. */
  codes: string[];
  /** The input with every code replaced by spaces, for the readers that run after this one. */
  rest: string;
}

/** Letters of blend and yarn codes (specNotation.blendNotation). */
export const BLEND_LETTERS: Record<string, string> = {
  c: "cotton", t: "polyester", r: "viscose", n: "nylon", w: "wool", l: "linen", sp: "spandex", m: "modal",
};

const round1 = (n: number) => Math.round(n * 10) / 10;

interface Rule {
  re: RegExp;
  apply: (m: RegExpExecArray, out: Shorthand) => boolean | void;
}

const L = "(sp|[ctrnwlm])";
const RULES: Rule[] = [
  // CVC 60/40: chief value cotton, cotton first.
  {
    re: /(?<![a-z])cvc\s*(?:(\d{1,2})\s*\/\s*(\d{1,2}))?/gi,
    apply: (m, out) => {
      out.fibers.push("cotton", "polyester");
      if (m[1] && m[2]) out.spec.blend ??= [{ fiber: "cotton", pct: Number(m[1]) }, { fiber: "polyester", pct: Number(m[2]) }];
    },
  },
  // T65/C35, T/C 65/35, TC 65/35, T/R/SP 65/30/5, and the bare T/C, T/R.
  {
    re: new RegExp(`(?<![a-z])${L}(\\d{1,2})\\s*\\/\\s*${L}(\\d{1,2})(?!\\d)`, "gi"),
    apply: (m, out) => addBlend(out, [m[1]!, m[3]!], [m[2]!, m[4]!]),
  },
  {
    re: new RegExp(`(?<![a-z])(${L}(?:\\s*\\/\\s*${L})+|tc|tr)(?![a-z])(?:\\s*(\\d{1,3}(?:\\s*\\/\\s*\\d{1,3})+))?`, "gi"),
    apply: (m, out) => {
      const code = m[1]!.toLowerCase();
      const letters = code === "tc" ? ["t", "c"] : code === "tr" ? ["t", "r"] : code.split("/").map((s) => s.trim());
      const pcts = m[4] ? m[4].split("/").map((s) => s.trim()) : [];
      addBlend(out, letters, pcts);
    },
  },
  // 150D/48F (denier / filaments); 75旦, 75 denier. A filament yarn, fibre only when stated.
  {
    re: /(?<![a-z0-9])(\d{2,4})\s*d\s*\/\s*(\d{1,4})\s*f(?![a-z])/gi,
    apply: (m, out) => {
      out.spec.denier ??= Number(m[1]);
      out.spec.filaments ??= Number(m[2]);
      out.products.push("filament");
    },
  },
  {
    re: /(?<![a-z0-9])(\d{2,4})\s*(?:旦|denier)/gi,
    apply: (m, out) => {
      out.spec.denier ??= Number(m[1]);
      out.products.push("filament");
    },
  },
  // Woven notation warp × weft: C40×C40, JC60×JC60 (count of the warp; the fibre letters as in yarn codes).
  {
    re: /(?<![a-z0-9])(jc|cj|c|t|r)(\d{1,3})\s*[×x*]\s*(?:jc|cj|c|t|r)?\d{1,3}(?![\d])/gi,
    apply: (m, out) => {
      out.spec.yarnCountNe ??= Number(m[2]);
      const letter = m[1]!.toLowerCase().replace(/^(jc|cj)$/, "c");
      if (BLEND_LETTERS[letter]) out.fibers.push(BLEND_LETTERS[letter]!);
    },
  },
  // Yarn counts: JC40S, C32S, OE10S, R30S, 40S/2, 40s, 40支, 40支/2, Ne 40.
  {
    re: /(?<![a-z0-9])(jc|cj|oe|c|r|t|n|w|l)?\s?(\d{1,3}(?:\.\d)?)\s?(?:s(?![a-z])|支)(?:\s?\/\s?([2-6])(?!\d))?/gi,
    apply: (m, out) => yarn(out, m[1]?.toLowerCase(), Number(m[2]), m[3]),
  },
  {
    re: /(?<![a-z])ne\s?(\d{1,3})(?:\s?\/\s?([2-6])(?!\d))?/gi,
    apply: (m, out) => yarn(out, undefined, Number(m[1]), m[2]),
  },
  // Width first, so 280cm and 2.8米 are not read as lengths.
  {
    re: /(\d+(?:\.\d+)?)\s*(米|m(?![a-z]))\s*(?:幅宽|门幅|宽幅|宽|wide)/gi,
    apply: (m, out) => width(out, Number(m[1]), m[2]),
  },
  {
    re: /(?:幅宽|门幅|宽幅|width)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*(cm|厘米|公分|米|m(?![a-z])|"|inch(?:es)?|英寸)?/gi,
    apply: (m, out) => width(out, Number(m[1]), m[2]),
  },
  {
    re: /(?<![\d.])(\d{2,3}(?:\.\d+)?)\s*(cm|厘米|公分)(?![a-z])/gi,
    apply: (m, out) => width(out, Number(m[1]), m[2]),
  },
  {
    re: /(?<![\d.])(?:\d{2,3}\s*\/\s*)?(\d{2,3})\s*("|inch(?:es)?|英寸)/gi,
    apply: (m, out) => width(out, Number(m[1]), m[2]),
  },
  // Gauge: 12G, 12针, 12gg, gauge 12. Upper-case G under 60 is a gauge; a lower-case g is a weight.
  {
    re: /(?<![a-zA-Z0-9])(\d{1,2})\s?(G|gg|GG|针)(?![a-zA-Z])/g,
    apply: (m, out) => {
      out.spec.gauge ??= Number(m[1]);
    },
  },
  {
    re: /gauge\s*(\d{1,2})|(\d{1,2})\s*gauge/gi,
    apply: (m, out) => {
      out.spec.gauge ??= Number(m[1] ?? m[2]);
    },
  },
  // Weight: 300g, 300 gsm, 300g/m2, 300克, 300克/平方米, 克重300, 8oz (denim, 33.9 g/m² per oz/yd²).
  {
    re: /(?<![\d.千])(\d{1,4}(?:\.\d+)?)\s*(gsm|g\/m2|g\/平方米|克\/平方米|克\/平米|克\/m2|克重|克|g)(?![a-z])/gi,
    apply: (m, out) => {
      if (m[2] === "G" && Number(m[1]) < 60) return false;
      out.spec.gsm ??= Number(m[1]);
    },
  },
  {
    re: /克重\s*[:：]?\s*(\d{1,4}(?:\.\d+)?)/g,
    apply: (m, out) => {
      out.spec.gsm ??= Number(m[1]);
    },
  },
  {
    re: /(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*(?:oz|盎司)(?![a-z])/gi,
    apply: (m, out) => {
      out.spec.gsm ??= Math.round(Number(m[1]) * 33.9);
    },
  },
];

function addBlend(out: Shorthand, letters: string[], pcts: string[]): boolean {
  const fibers = letters.map((l) => BLEND_LETTERS[l.toLowerCase()]);
  if (fibers.some((f) => f === undefined) || new Set(fibers).size !== fibers.length) return false;
  out.fibers.push(...(fibers as string[]));
  const numbers = pcts.map(Number);
  if (numbers.length === fibers.length && numbers.reduce((a, b) => a + b, 0) === 100) {
    out.spec.blend ??= fibers.map((fiber, i) => ({ fiber: fiber!, pct: numbers[i]! }));
  }
  return true;
}

function yarn(out: Shorthand, prefix: string | undefined, ne: number, plies: string | undefined): boolean {
  if (!(ne >= 2 && ne <= 300)) return false;
  out.spec.yarnCountNe ??= ne;
  if (plies) out.spec.plies ??= Number(plies);
  out.products.push("yarn");
  if (prefix === "jc" || prefix === "cj") out.spinningProcesses.push("ring_combed");
  else if (prefix === "c") out.spinningProcesses.push("ring_carded");
  else if (prefix === "oe") out.spinningProcesses.push("open_end_rotor");
  const letter = prefix === "jc" || prefix === "cj" ? "c" : prefix;
  const fiber = letter ? BLEND_LETTERS[letter] : undefined;
  if (fiber) out.fibers.push(fiber);
  return true;
}

function width(out: Shorthand, value: number, unit: string | undefined): boolean {
  const u = (unit ?? "").toLowerCase();
  const cm = u === "米" || u === "m" || (!u && value < 10) ? value * 100 : u === '"' || u.startsWith("inch") || u === "英寸" ? value * 2.54 : value;
  if (!(cm >= 20 && cm <= 2000)) return false;
  out.spec.widthCm ??= round1(cm);
  return true;
}

/** Reads every code in half-width text (case kept: 12G is a gauge, 180g a weight). */
export function readShorthand(text: string): Shorthand {
  const out: Shorthand = { spec: {}, fibers: [], spinningProcesses: [], products: [], codes: [], rest: text };
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(out.rest); m; m = rule.re.exec(out.rest)) {
      if (rule.apply(m, out) === false) continue;
      out.codes.push(m[0].toLowerCase().replace(/\s+/g, ""));
      out.rest = mask(out.rest, m.index, m.index + m[0].length);
    }
  }
  out.fibers = [...new Set(out.fibers)];
  out.products = [...new Set(out.products)];
  out.spinningProcesses = [...new Set(out.spinningProcesses)];
  return out;
}

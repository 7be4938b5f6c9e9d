/**
 * Quantities (5万件, 100万米, 20吨, 3000打, 500件纱, 5 tons, 10,000 m) and need-by dates
 * (2027-03-01, 3月底前, 3月15日前, before March 1, end of March, 30天内) in demand text.
 */
import { mask } from "./normalize";

export interface RawQuantity {
  value: number;
  /** A units.quantities id, or "yarn_bale" / "piece_or_bale" (件: a bale in the yarn trade, else pieces). */
  unit: string;
}

// Longest spellings first; each maps to [canonical id, factor].
const UNITS: [string, string, number][] = [
  ["件\\(纱线\\)", "yarn_bale", 1], ["件纱", "yarn_bale", 1], ["平方米", "m2", 1], ["平米", "m2", 1], ["公斤", "t", 0.001],
  ["千克", "t", 0.001], ["吨", "t", 1], ["码", "m", 0.9144], ["米", "m", 1], ["件", "piece_or_bale", 1], ["套", "sets", 1],
  ["打", "dozen_pairs", 1], ["双", "pairs", 1], ["台", "units", 1], ["条", "pcs", 1], ["个", "pcs", 1],
  ["tonnes?", "t", 1], ["tons?", "t", 1], ["t", "t", 1], ["kgs?", "t", 0.001], ["square met(?:re|er)s?", "m2", 1],
  ["sqm", "m2", 1], ["m2", "m2", 1], ["met(?:re|er)s?", "m", 1], ["m", "m", 1], ["yards?", "m", 0.9144], ["yds?", "m", 0.9144],
  ["pcs", "pcs", 1], ["pieces?", "pcs", 1], ["garments?", "pcs", 1], ["sets?", "sets", 1], ["dozen(?: pairs)?", "dozen_pairs", 1],
  ["pairs?", "pairs", 1], ["units?", "units", 1], ["machines?", "units", 1], ["bales?", "yarn_bale", 1],
];
const QTY = new RegExp(
  `(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(万|千|k(?=\\s))?\\s*(${UNITS.map((u) => u[0]).join("|")})(?![a-z0-9-])(?!\\s*\\/\\s*(?:月|天|日|年|month|day|year))`,
  "gi",
);

export function readQuantity(text: string): { quantity?: RawQuantity; rest: string } {
  QTY.lastIndex = 0;
  for (let m = QTY.exec(text); m; m = QTY.exec(text)) {
    const unitText = m[3]!;
    const unit = UNITS.find(([re]) => new RegExp(`^(?:${re})$`, "i").test(unitText));
    if (!unit) continue;
    const multiplier = m[2] === "万" ? 10_000 : m[2] ? 1_000 : 1;
    const value = Number(m[1]!.replace(/,/g, "")) * multiplier * unit[2];
    if (!(value > 0)) continue;
    return { quantity: { value: Number(value.toPrecision(12)), unit: unit[1] }, rest: mask(text, m.index, m.index + m[0].length) };
  }
  return { rest: text };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A month/day without a year is the next one on or after asOf. `day` "last" means the month's end. */
function resolve(asOf: string, year: string | undefined, month: number, day: number | "last"): string | undefined {
  const asOfYear = Number(asOf.slice(0, 4));
  const build = (y: number) => iso(y, month, day === "last" ? lastDay(y, month) : day);
  if (year) return build(Number(year));
  const same = build(asOfYear);
  return same !== undefined && same < asOf ? build(asOfYear + 1) : same;
}

function addDays(asOf: string, days: number): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const PART_DAY: Record<string, number | "last"> = { 初: 10, 上旬: 10, 中: 20, 中旬: 20, 下旬: "last", 底: "last", 末: "last" };
const MONTH_NAME = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

const DATE_RULES: [RegExp, (m: RegExpExecArray, asOf: string) => string | undefined][] = [
  [/(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/g, (m) => iso(Number(m[1]), Number(m[2]), Number(m[3]))],
  [/(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, (m, a) => resolve(a, m[1], Number(m[2]), Number(m[3]))],
  [/(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月(?:份)?\s*(上旬|中旬|下旬|初|中|底|末)/g, (m, a) => resolve(a, m[1], Number(m[2]), PART_DAY[m[3]!]!)],
  [/(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月(?:份)?\s*(?:前|之前|以前)/g, (m, a) => resolve(a, m[1], Number(m[2]), 1)],
  [/(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月(?:份)?\s*(?:交货|交期|到货|内)/g, (m, a) => resolve(a, m[1], Number(m[2]), "last")],
  [/(\d{1,3})\s*(?:天|日)\s*(?:内|之内|以内)/g, (m, a) => addDays(a, Number(m[1]))],
  [/within\s+(\d{1,3})\s+days/gi, (m, a) => addDays(a, Number(m[1]))],
  [new RegExp(`end\\s+of\\s+${MONTH_NAME}(?:,?\\s+(\\d{4}))?`, "gi"), (m, a) => resolve(a, m[2], monthOf(m[1]!), "last")],
  [new RegExp(`${MONTH_NAME}\\.?\\s+(\\d{1,2})(?!\\d)(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`, "gi"), (m, a) => resolve(a, m[3], monthOf(m[1]!), Number(m[2]))],
  [new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME}(?:,?\\s+(\\d{4}))?`, "gi"), (m, a) => resolve(a, m[3], monthOf(m[2]!), Number(m[1]))],
  [new RegExp(`(?:before|by|until)\\s+${MONTH_NAME}(?:\\s+(\\d{4}))?(?![a-z0-9])`, "gi"), (m, a) => resolve(a, m[2], monthOf(m[1]!), 1)],
];

/** The first need-by date in the text, as YYYY-MM-DD; asOf (YYYY-MM-DD) anchors dates without a year. */
export function readNeedBy(text: string, asOf: string): { needBy?: string; rest: string } {
  for (const [re, build] of DATE_RULES) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (!m) continue;
    const needBy = build(m, asOf);
    if (needBy) return { needBy, rest: mask(text, m.index, m.index + m[0].length) };
  }
  return { rest: text };
}

/** "100公里内", "within 100 km", "100km以内": a maximum distance only when said as a limit. */
export function readMaxDistance(text: string): { maxDistanceKm?: number; rest: string } {
  const re = /(?:within|不超过|距离)\s*(\d{1,4})\s*(?:km|公里|千米)|(\d{1,4})\s*(?:km|公里|千米)\s*(?:内|以内|之内|范围)/i;
  const m = re.exec(text);
  if (!m) return { rest: text };
  return { maxDistanceKm: Number(m[1] ?? m[2]), rest: mask(text, m.index, m.index + m[0].length) };
}

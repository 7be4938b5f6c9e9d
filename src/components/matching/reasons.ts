import { getCertification, getChainLink, getFiber, getProcess, getProduct, localName, type Locale } from "@/domain/taxonomy";

/** A translator for the `matching.reasons` keys (next-intl's `t`, loosely typed). */
export type ReasonT = (key: string, values?: Record<string, string | number>) => string;

export interface ReasonLike {
  code: string;
  ok: boolean;
  detail: string;
}

export interface ReasonSentence {
  code: string;
  ok: boolean;
  text: string;
}

const split = (s: string) => s.split("|").filter(Boolean);

function names(ids: string[], locale: Locale, kind: "process" | "fiber" | "product" | "cert"): string {
  const sep = locale === "en" ? ", " : "、";
  return ids
    .map((id) => {
      const entry = kind === "process" ? getProcess(id)?.process : kind === "fiber" ? getFiber(id) : kind === "product" ? getProduct(id) : getCertification(id);
      return entry ? localName(entry, locale) : id;
    })
    .join(sep);
}

/**
 * The matcher's reason codes and details (domain/matching/constraints.ts, score.ts) → translated
 * sentences ("capacity covers 2.4×", "35 km away", "OEKO-TEX valid until 2027-03-31"). Details are
 * parsed by their known shapes; anything unrecognised falls back to a generic sentence.
 */
export function reasonSentences(reasons: readonly ReasonLike[], t: ReasonT, locale: Locale): ReasonSentence[] {
  const out: ReasonSentence[] = [];
  const say = (r: ReasonLike, key: string, values?: Record<string, string | number>) => out.push({ code: r.code, ok: r.ok, text: t(key, values) });
  for (const r of reasons) {
    const d = r.detail;
    let m: RegExpMatchArray | null;
    switch (r.code) {
      case "chain_link": {
        const link = getChainLink(d);
        say(r, "reasons.chainLink", { name: link ? localName(link, locale) : d });
        break;
      }
      case "process":
        say(r, "reasons.process", { names: names(split(d), locale, "process") });
        break;
      case "fibers":
        if (d === "not stated") say(r, "reasons.fibersNotStated");
        else say(r, "reasons.fibers", { names: names(split(d), locale, "fiber") });
        break;
      case "certification":
        for (const part of d.split("; ")) {
          if ((m = part.match(/^(\S+) valid until (\d{4}-\d{2}-\d{2})$/))) say(r, "reasons.certValid", { name: names([m[1]!], locale, "cert"), date: m[2]! });
          else if ((m = part.match(/^(\S+) \(expiry unknown\)$/))) say(r, "reasons.certUndated", { name: names([m[1]!], locale, "cert") });
          else say(r, "reasons.generic", { detail: part });
        }
        break;
      case "capacity":
        if ((m = d.match(/^(tight: |marginal: )?covers ([\d.]+)× \(([\d.]+) (\S+) in (\d+) days\)$/)))
          say(r, m[1] === "tight: " ? "reasons.capacityTight" : m[1] === "marginal: " ? "reasons.capacityMarginal" : "reasons.capacityCovers", { ratio: m[2]!, days: m[5]! });
        else if ((m = d.match(/^(\d+) production days$/))) say(r, "reasons.productionDays", { days: m[1]! });
        else say(r, "reasons.capacityNotComparable");
        break;
      case "distance":
        if ((m = d.match(/^([\d.]+) km away$/))) say(r, "reasons.distance", { km: Math.round(Number(m[1])) });
        else say(r, "reasons.generic", { detail: d });
        break;
      case "moq":
        if ((m = d.match(/^MOQ ([\d.]+) (\S+) ≤ ([\d.]+)$/))) say(r, "reasons.moq", { moq: m[1]!, unit: m[2]!, qty: m[3]! });
        else say(r, "reasons.moqNotComparable");
        break;
      case "yarn_count":
        if ((m = d.match(/^Ne([\d.]+) in Ne(\S+)–Ne(\S+)$/))) say(r, "reasons.yarnCount", { value: m[1]!, min: m[2]!, max: m[3]! });
        else if ((m = d.match(/^Ne([\d.]+) coarser than Ne([\d.]+)$/))) say(r, "reasons.yarnCoarser", { value: m[1]!, min: m[2]! });
        else say(r, "reasons.specNotStated", { what: t("reasons.what.yarnCount") });
        break;
      case "gsm":
        if ((m = d.match(/^([\d.]+) g\/m² in (\S+)–(\S+)$/))) say(r, "reasons.gsm", { value: m[1]!, min: m[2]!, max: m[3]! });
        else say(r, "reasons.specNotStated", { what: t("reasons.what.gsm") });
        break;
      case "width":
        if ((m = d.match(/^([\d.]+) cm ≤ ([\d.]+) cm$/))) say(r, "reasons.width", { value: m[1]!, max: m[2]! });
        else say(r, "reasons.specNotStated", { what: t("reasons.what.width") });
        break;
      case "product":
        if (d === "not stated") say(r, "reasons.productNotStated");
        else if ((m = d.match(/^offers (\S+), not (\S+)$/))) say(r, "reasons.productOther", { names: names(split(m[1]!), locale, "product") });
        else say(r, "reasons.product", { names: names(split(d), locale, "product") });
        break;
      case "named_place":
        if ((m = d.match(/^near (.+)$/))) say(r, "reasons.placeNear", { name: m[1]! });
        else if ((m = d.match(/^not in (.+)$/))) say(r, "reasons.placeNotIn", { name: m[1]!.split("|").join(locale === "en" ? ", " : "、") });
        else say(r, "reasons.placeIn", { name: d });
        break;
      case "text":
        if ((m = d.match(/^(\d+)% of the terms$/))) say(r, "reasons.text", { pct: m[1]! });
        break;
      case "lead_time":
        if ((m = d.match(/^(\d+) days$/))) say(r, "reasons.leadTime", { days: m[1]! });
        else say(r, "reasons.leadTimeNotStated");
        break;
      case "extra_certifications":
        say(r, "reasons.extraCerts", { names: names(split(d), locale, "cert") });
        break;
      case "soft_certifications":
        if ((m = d.match(/^none of (.+)$/))) say(r, "reasons.softCertsNone", { names: names(split(m[1]!), locale, "cert") });
        else say(r, "reasons.softCerts", { names: names(split(d), locale, "cert") });
        break;
      case "verification":
        say(r, r.ok ? "reasons.verified" : "reasons.notVerified");
        break;
      default:
        say(r, "reasons.generic", { detail: d });
    }
  }
  return out;
}

import type { ReasonCore } from "@/domain/matching/reasons";
import { gradeOfScore } from "@/domain/matching/score";
import { getCertification, getChainLink, getFiber, getProcess, getProduct, localName, type Locale } from "@/domain/taxonomy";
import { unitName } from "@/domain/units";

/** A translator for the `matching` namespace (next-intl's `t`, loosely typed). */
export type ReasonT = (key: string, values?: Record<string, string | number>) => string;

export interface ReasonSentence {
  code: string;
  ok: boolean;
  text: string;
}

function names(ids: string[], locale: Locale, kind: "process" | "fiber" | "product" | "cert"): string {
  const sep = locale === "en" ? ", " : "、";
  return ids
    .map((id) => {
      const entry = kind === "process" ? getProcess(id)?.process : kind === "fiber" ? getFiber(id) : kind === "product" ? getProduct(id) : getCertification(id);
      return entry ? localName(entry, locale) : id;
    })
    .join(sep);
}

const unit = (id: string | undefined, locale: Locale) => (id ? (unitName(id, locale) ?? id) : "");

/**
 * The matcher's structured reasons (domain/matching/reasons.ts) → translated sentences ("capacity
 * covers 2.4×", "35 km away", "OEKO-TEX valid until 2027-03-31"), one ICU message per case.
 */
export function reasonSentences(reasons: readonly ReasonCore[], t: ReasonT, locale: Locale): ReasonSentence[] {
  const out: ReasonSentence[] = [];
  for (const r of reasons) {
    const say = (key: string, values?: Record<string, string | number>) => out.push({ code: r.code, ok: r.ok, text: t(`reasons.${key}`, values) });
    const p = r.params;
    switch (p.factor) {
      case "chain_link": {
        const link = getChainLink(p.chainLink);
        say("chainLink", { name: link ? localName(link, locale) : p.chainLink });
        break;
      }
      case "process":
        say("process", { names: names(p.processes.length ? p.processes : p.wanted, locale, "process") });
        break;
      case "fibers":
        if (!p.stated) say("fibersNotStated");
        else say("fibers", { names: names(p.fibers, locale, "fiber") });
        break;
      case "certification":
        for (const c of p.certificates) {
          if (c.validTo) say("certValid", { name: names([c.scheme], locale, "cert"), date: c.validTo });
          else say("certUndated", { name: names([c.scheme], locale, "cert") });
        }
        if (p.missing) say("certMissing", { name: names([p.missing], locale, "cert") });
        break;
      case "capacity":
        if (p.fit === "covers" || p.fit === "tight" || p.fit === "marginal" || p.fit === "short") say("capacity", { fit: p.fit, ratio: p.ratio ?? 0, days: p.days ?? 0 });
        else if (p.fit === "days") say("productionDays", { days: p.days ?? 0 });
        else if (p.fit === "not_comparable") say("capacityNotComparable");
        else say("capacityNone", { fit: p.fit });
        break;
      case "distance":
        if (p.km === null) say("distanceUnknown");
        else say("distance", { km: Math.round(p.km) });
        break;
      case "moq":
        if (p.comparable) say("moq", { moq: p.moq, qty: p.quantity, unit: unit(p.unit, locale) });
        else say("moqNotComparable");
        break;
      case "yarn_count":
        if (p.fit === "not_stated") say("specNotStated", { what: t("reasons.what.yarnCount") });
        else say("yarnCount", { fit: p.fit, value: p.value, min: p.min ?? "?", max: p.max ?? "?" });
        break;
      case "gsm":
        if (p.fit === "not_stated") say("specNotStated", { what: t("reasons.what.gsm") });
        else say("gsm", { fit: p.fit, value: p.value, min: p.min ?? "?", max: p.max ?? "?" });
        break;
      case "width":
        if (p.fit === "not_stated") say("specNotStated", { what: t("reasons.what.width") });
        else say("width", { fit: p.fit, value: p.value, max: p.max ?? "?" });
        break;
      case "product":
        if (!p.stated) say("productNotStated");
        else if (p.products.length) say("product", { names: names(p.products, locale, "product") });
        else say("productOther", { names: names(p.offered, locale, "product") });
        break;
      case "named_place":
        say("place", { fit: p.fit, name: (p.fit === "not_in" ? p.places : [p.place]).join(locale === "en" ? ", " : "、") });
        break;
      case "text":
        say("text", { pct: p.pct });
        break;
      case "lead_time":
        if (p.days === null) say("leadTimeNotStated");
        else say("leadTime", { days: p.days });
        break;
      case "extra_certifications":
        say("extraCerts", { names: names(p.schemes, locale, "cert") });
        break;
      case "soft_certifications":
        if (p.held.length) say("softCerts", { names: names(p.held, locale, "cert") });
        else say("softCertsNone", { names: names(p.wanted, locale, "cert") });
        break;
      case "verification":
        say(p.verified ? "verified" : "notVerified");
        break;
      case "delivery_record":
        say("deliveryRecord", { deals: p.deals, onTime: p.onTimePct ?? "none", rating: p.avgRating ?? "none" });
        break;
    }
  }
  return out;
}

/** The buyer's grade of a match, for its label: ideal, good or marginal. */
export function matchGrade(score: number): "ideal" | "good" | "marginal" {
  const g = gradeOfScore(score);
  return g === 3 ? "ideal" : g === 2 ? "good" : "marginal";
}

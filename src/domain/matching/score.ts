import type { Check } from "./constraints";
import type { ReasonCore } from "./reasons";
import type { CandidateListing, MatchDemand } from "./types";
import { isCertificateValid } from "@/domain/certificates";

/**
 * Turns the checks a listing passed into a 0..1 score. The buyer's grade (3 ideal, 2 good,
 * 1 marginal: the lowest grade any factor allows) sets the band; the soft factors (text relevance,
 * capacity slack, lead time, distance, product fit, named place, extra certificates, verification)
 * order listings inside it, so a marginal listing never outranks a good one.
 */
export const BAND: Record<1 | 2 | 3, number> = { 1: 0, 2: 0.35, 3: 0.7 };

/** The buyer's grade a score falls in: 3 ideal, 2 good, 1 marginal (the bands above). */
export function gradeOfScore(score: number): 1 | 2 | 3 {
  return score >= BAND[3] ? 3 : score >= BAND[2] ? 2 : 1;
}

export const BAND_WIDTH = 0.3;

const WEIGHTS: Record<string, number> = {
  capacity: 0.22,
  distance: 0.14,
  lead_time: 0.1,
  text: 0.14,
  product: 0.08,
  named_place: 0.08,
  certification: 0.05,
  yarn_count: 0.05,
  gsm: 0.05,
  width: 0.03,
  fibers: 0.04,
  process: 0.03,
  extra_certifications: 0.03,
  soft_certifications: 0.3,
  verification: 0.04,
  delivery_record: 0.06,
};

/** A soft factor's weight in the within-band score (the matcher's index bounds scores with it). */
export function factorWeight(code: string): number {
  return WEIGHTS[code] ?? 0.02;
}

export function textRelevance(terms: string[], l: CandidateListing): number {
  if (terms.length === 0) return 0.5;
  const hay = `${l.title} ${l.description ?? ""} ${l.processes.join(" ")} ${l.products.join(" ")}`.toLowerCase();
  const hits = terms.filter((t) => hay.includes(t.toLowerCase())).length;
  return hits / terms.length;
}

export function leadTimeSoft(d: MatchDemand, l: CandidateListing, asOf: string, days: number | undefined): number {
  const lead = l.leadTimeDays ?? 30;
  if (!d.needBy || days === undefined) return Math.max(0, 1 - lead / 90);
  void asOf;
  // Share of the window left for production after the lead time.
  return Math.max(0, Math.min(1, days / (days + lead)));
}

/** The delivery record as a 0..1 factor: half the on-time share, half the average rating (1–5). */
export function deliveryRecordSoft(r: CandidateListing["company"]["delivery"]): { soft: number; params: Extract<ReasonCore["params"], { factor: "delivery_record" }> } | null {
  if (!r || r.deliveredDeals <= 0) return null;
  const parts: number[] = [];
  if (r.onTimeRate !== null) parts.push(Math.max(0, Math.min(1, r.onTimeRate)));
  if (r.avgRating !== null) parts.push(Math.max(0, Math.min(1, (r.avgRating - 1) / 4)));
  if (parts.length === 0) return null;
  return {
    soft: parts.reduce((a, b) => a + b, 0) / parts.length,
    params: {
      factor: "delivery_record",
      deals: r.deliveredDeals,
      onTimePct: r.onTimeRate === null ? null : Math.round(r.onTimeRate * 100),
      avgRating: r.avgRating === null ? null : Math.round(r.avgRating * 10) / 10,
    },
  };
}

export function scoreListing(
  d: MatchDemand,
  l: CandidateListing,
  asOf: string,
  checks: Check[],
  extra: { capacityDays?: number },
): { score: number; grade: 1 | 2 | 3; reasons: ReasonCore[] } {
  const reasons: ReasonCore[] = checks.map((c) => c.reason);
  const soft: Array<[string, number]> = checks.map((c) => [c.reason.code, c.soft]);
  let grade: 1 | 2 | 3 = 3;
  for (const c of checks) if (c.grade < grade) grade = c.grade;

  const text = textRelevance(d.terms, l);
  soft.push(["text", text]);
  if (d.terms.length > 0) reasons.push({ code: "text", ok: text > 0, params: { factor: "text", pct: Math.round(text * 100) } });

  const lead = leadTimeSoft(d, l, asOf, extra.capacityDays);
  soft.push(["lead_time", lead]);
  reasons.push({ code: "lead_time", ok: true, params: { factor: "lead_time", days: l.leadTimeDays } });

  const required = new Set(d.requiredCertifications);
  const extraCerts = [...new Set(l.certificates.filter((c) => !required.has(c.schemeId) && isCertificateValid(c, asOf)).map((c) => c.schemeId))];
  soft.push(["extra_certifications", Math.min(1, extraCerts.length / 2)]);
  if (extraCerts.length > 0) reasons.push({ code: "extra_certifications", ok: true, params: { factor: "extra_certifications", schemes: extraCerts } });

  const wanted = d.softCertifications ?? [];
  if (wanted.length > 0) {
    const held = wanted.filter((s) => l.certificates.some((c) => c.schemeId === s && isCertificateValid(c, asOf)));
    soft.push(["soft_certifications", held.length / wanted.length]);
    reasons.push({ code: "soft_certifications", ok: held.length === wanted.length, params: { factor: "soft_certifications", held, wanted } });
  }

  soft.push(["verification", l.company.verified ? 1 : 0]);
  reasons.push({ code: "verification", ok: l.company.verified, params: { factor: "verification", verified: l.company.verified } });

  // A record of delivered deals ranks inside the band; a firm without one is neither helped nor hurt.
  const record = deliveryRecordSoft(l.company.delivery);
  if (record) {
    soft.push(["delivery_record", record.soft]);
    reasons.push({ code: "delivery_record", ok: record.soft >= 0.6, params: record.params });
  }

  let num = 0;
  let den = 0;
  for (const [code, v] of soft) {
    const w = factorWeight(code);
    num += w * v;
    den += w;
  }
  const within = den > 0 ? num / den : 0.5;
  const score = Number((BAND[grade] + BAND_WIDTH * within).toFixed(4));
  return { score, grade, reasons };
}

/**
 * Why a listing was kept (or left out), as structured parameters per factor. Screens render them
 * through translated messages; the Match result JSON (formats §4) carries the English `detail`
 * written from the same parameters by `reasonDetail`, only for the rows it returns.
 */
export type ReasonParams =
  | { factor: "chain_link"; chainLink: string; wanted?: string }
  | { factor: "process"; processes: string[]; wanted: string[] }
  | { factor: "fibers"; fibers: string[]; stated: boolean; missing: string[] }
  | { factor: "certification"; certificates: Array<{ scheme: string; validTo: string | null }>; missing?: string; asOf?: string }
  | { factor: "yarn_count"; value: number; min: number | null; max: number | null; fit: "in" | "coarser" | "finer" | "not_stated" }
  | { factor: "gsm"; value: number; min: number | null; max: number | null; fit: "in" | "near" | "outside" | "not_stated" }
  | { factor: "width"; value: number; max: number | null; fit: "in" | "wider" | "not_stated" }
  | { factor: "moq"; moq: number; unit: string; quantity: number; comparable: boolean }
  | {
      factor: "capacity";
      fit: "covers" | "tight" | "marginal" | "short" | "days" | "not_comparable" | "no_days" | "window_closed";
      ratio?: number;
      deliverable?: number;
      unit?: string;
      days?: number;
      start?: string;
      end?: string;
      capacityValue?: number;
      capacityUnit?: string;
    }
  | { factor: "distance"; km: number | null; maxKm?: number }
  | { factor: "product"; products: string[]; offered: string[]; wanted: string[]; stated: boolean }
  | { factor: "named_place"; place: string; fit: "in" | "near" | "not_in"; places: string[] }
  | { factor: "text"; pct: number }
  | { factor: "lead_time"; days: number | null }
  | { factor: "extra_certifications"; schemes: string[] }
  | { factor: "soft_certifications"; held: string[]; wanted: string[] }
  | { factor: "verification"; verified: boolean }
  | { factor: "delivery_record"; deals: number; onTimePct: number | null; avgRating: number | null };

export type ReasonCode = ReasonParams["factor"];

/** A reason as the domain computes it; `detail` is added for the rows that are returned. */
export interface ReasonCore {
  code: ReasonCode;
  ok: boolean;
  params: ReasonParams;
}

export interface Reason extends ReasonCore {
  detail: string;
}

const bar = (xs: string[]) => xs.join("|");
const q = (n: number | null) => (n === null ? "?" : String(n));

/** The English detail of formats §4 (`"ring_combed"`, `"covers 2.4× (480 t in 60 days)"`, `"35 km away"`…). */
export function reasonDetail(p: ReasonParams): string {
  switch (p.factor) {
    case "chain_link":
      return p.wanted !== undefined ? `${p.chainLink} ≠ ${p.wanted}` : p.chainLink;
    case "process":
      return p.processes.length ? bar(p.processes) : `none of ${bar(p.wanted)}`;
    case "fibers":
      if (!p.stated) return "not stated";
      return p.missing.length ? `missing ${bar(p.missing)}` : bar(p.fibers);
    case "certification":
      if (p.missing) return `${p.missing} missing or expired on ${p.asOf}`;
      return p.certificates.map((c) => (c.validTo ? `${c.scheme} valid until ${c.validTo}` : `${c.scheme} (expiry unknown)`)).join("; ");
    case "yarn_count":
      if (p.fit === "not_stated") return `Ne${p.value}; range not stated`;
      if (p.fit === "finer") return `Ne${p.value} finer than Ne${p.max}`;
      if (p.fit === "coarser") return `Ne${p.value} coarser than Ne${p.min}`;
      return `Ne${p.value} in Ne${q(p.min)}–${q(p.max)}`;
    case "gsm":
      if (p.fit === "not_stated") return `${p.value} g/m²; range not stated`;
      return `${p.value} g/m² ${p.fit === "outside" ? "outside" : "in"} ${q(p.min)}–${q(p.max)}`;
    case "width":
      if (p.fit === "not_stated") return `${p.value} cm; width not stated`;
      return p.fit === "wider" ? `${p.value} cm wider than ${p.max} cm` : `${p.value} cm ≤ ${p.max} cm`;
    case "moq":
      if (!p.comparable) return `MOQ ${p.moq} ${p.unit} not comparable`;
      return `MOQ ${p.moq} ${p.unit} ${p.moq > p.quantity ? ">" : "≤"} ${p.quantity}`;
    case "capacity": {
      const covers = `covers ${p.ratio}× (${p.deliverable} ${p.unit} in ${p.days} days)`;
      switch (p.fit) {
        case "window_closed":
          return `window closed ${p.end}`;
        case "no_days":
          return `no production days between ${p.start} and ${p.end}`;
        case "days":
          return `${p.days} production days`;
        case "not_comparable":
          return `${p.capacityValue} ${p.capacityUnit} not comparable with ${p.unit}`;
        case "marginal":
          return `marginal: ${covers}`;
        case "tight":
          return `tight: ${covers}`;
        default:
          return covers;
      }
    }
    case "distance":
      if (p.km === null) return "location unknown";
      return p.maxKm !== undefined && p.km > p.maxKm ? `${p.km} km > ${p.maxKm} km` : `${p.km} km away`;
    case "product":
      if (!p.stated) return "not stated";
      return p.products.length ? bar(p.products) : `offers ${bar(p.offered)}, not ${bar(p.wanted)}`;
    case "named_place":
      return p.fit === "in" ? p.place : p.fit === "near" ? `near ${p.place}` : `not in ${bar(p.places)}`;
    case "text":
      return `${p.pct}% of the terms`;
    case "lead_time":
      return p.days === null ? "lead time not stated" : `${p.days} days`;
    case "extra_certifications":
      return bar(p.schemes);
    case "soft_certifications":
      return p.held.length ? bar(p.held) : `none of ${bar(p.wanted)}`;
    case "verification":
      return p.verified ? "verified company" : "not verified";
    case "delivery_record": {
      const parts = [`${p.deals} deals delivered`];
      if (p.onTimePct !== null) parts.push(`${p.onTimePct}% on time`);
      if (p.avgRating !== null) parts.push(`rated ${p.avgRating}/5`);
      return parts.join(", ");
    }
  }
}

export function withDetail(r: ReasonCore): Reason {
  return { ...r, detail: reasonDetail(r.params) };
}

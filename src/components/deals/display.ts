import type { DealStage, StageState } from "@/domain/deals/stages";
import type { Locale } from "@/domain/taxonomy";

/** A quantity with its unit as the parties typed it (1,000 米). */
export function formatQuantity(value: number, unit: string, locale: Locale): string {
  return `${value.toLocaleString(locale, { maximumFractionDigits: 2 })} ${unit}`;
}

export type DealStatus = "active" | "closed" | "cancelled";
export type { DealStage, StageState };

export const dealStatusVariant = { active: "default", closed: "secondary", cancelled: "destructive" } as const;
export const stageStateVariant = { pending: "outline", active: "default", submitted: "warning", returned: "destructive", done: "success", skipped: "secondary" } as const;

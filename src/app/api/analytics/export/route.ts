import ExcelJS from "exceljs";
import { getLocale, getTranslations } from "next-intl/server";
import { analyticsInputSchema, ANALYTICS_TABLES } from "@/domain/analytics/input";
import { buildTable, toCsv } from "@/domain/analytics/tables";
import type { Locale } from "@/domain/taxonomy";
import { DomainError } from "@/server/errors";
import { errorResponse, requireAuthedContext } from "@/server/http";
import { analyticsOverview } from "@/server/services/analytics";

export const dynamic = "force-dynamic";

/**
 * GET /api/analytics/export?table=monthly|sourcing|supply|cities&format=csv|xlsx&from&to&city:
 * one table of the analytics page, with the page's authorisation (analyticsOverview decides).
 */
export async function GET(req: Request) {
  try {
    const sp = new URL(req.url).searchParams;
    const table = ANALYTICS_TABLES.find((x) => x === sp.get("table"));
    const format = sp.get("format") === "xlsx" ? "xlsx" : sp.get("format") === "csv" ? "csv" : null;
    const input = analyticsInputSchema.safeParse({ from: sp.get("from") || undefined, to: sp.get("to") || undefined, city: sp.get("city") || undefined });
    if (!table || !format || !input.success) throw new DomainError("INVALID", "errors.invalidInput");
    const ctx = await requireAuthedContext();
    const figures = await analyticsOverview({ ctx, input: input.data });
    const [t, locale] = await Promise.all([getTranslations("analytics"), getLocale() as Promise<Locale>]);
    const data = buildTable(table, figures, (k) => t(k), locale);
    const scope = figures.scope.cityAdcode ?? "370000";
    const name = `fanglian-${table}-${scope}-${figures.period.from}_${figures.period.to}.${format}`;
    const headers = { "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store", "x-content-type-options": "nosniff" };
    if (format === "csv") return new Response(toCsv(data), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(t(`tables.${table}`).slice(0, 31));
    ws.addRow(data.columns).font = { bold: true };
    for (const r of data.rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 16));
    const bytes = await wb.xlsx.writeBuffer();
    return new Response(new Uint8Array(bytes as ArrayBuffer), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
  } catch (e) {
    return errorResponse(e);
  }
}

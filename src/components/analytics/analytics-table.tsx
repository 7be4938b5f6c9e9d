import { Download } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsTable } from "@/domain/analytics/input";
import type { TableData } from "@/domain/analytics/tables";

/**
 * One analytics section: its chart(s), a note on what is counted, the same figures as a table
 * (what screen readers read, and what the CSV / XLSX downloads carry).
 */
export async function AnalyticsSection({ table, data, query, children, className }: { table: AnalyticsTable; data: TableData; query: string; children?: ReactNode; className?: string }) {
  const [t, locale] = await Promise.all([getTranslations("analytics"), getLocale()]);
  const title = t(`tables.${table}`);
  const href = (format: "csv" | "xlsx") => `/api/analytics/export?table=${table}&format=${format}${query ? `&${query}` : ""}`;
  const linkClass = "inline-flex h-9 items-center gap-1.5 rounded-md border px-3 text-sm font-medium hover:bg-secondary";
  return (
    <Card aria-labelledby={`analytics-${table}-title`} className={className} data-testid={`analytics-${table}`}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <CardTitle id={`analytics-${table}-title`}>{title}</CardTitle>
        <div className="flex flex-wrap gap-2" role="group" aria-label={t("export.label")}>
          <a href={href("csv")} className={linkClass} aria-label={t("export.csvLabel", { table: title })} data-testid={`export-${table}-csv`} download>
            <Download className="h-4 w-4" aria-hidden="true" />
            {t("export.csv")}
          </a>
          <a href={href("xlsx")} className={linkClass} aria-label={t("export.xlsxLabel", { table: title })} data-testid={`export-${table}-xlsx`} download>
            <Download className="h-4 w-4" aria-hidden="true" />
            {t("export.xlsx")}
          </a>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {children}
        <p id={`analytics-${table}-note`} className="text-xs text-muted-foreground">
          {t(`notes.${table}`)} {children ? t("charts.tableBelow") : null}
        </p>
        {data.rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid={`analytics-${table}-table`}>
              <caption className="sr-only">{title}</caption>
              <thead className="border-b text-left">
                <tr>
                  {data.columns.map((c, i) => (
                    <th key={c} scope="col" className={i === 0 ? "whitespace-nowrap px-2 py-1.5 font-medium" : "whitespace-nowrap px-2 py-1.5 text-right font-medium"}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, i) => (
                  <tr key={i} className="border-b last:border-0">
                    {r.map((v, j) =>
                      j === 0 ? (
                        <th key={j} scope="row" className="whitespace-nowrap px-2 py-1.5 text-left font-normal">
                          {v}
                        </th>
                      ) : (
                        <td key={j} className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums">
                          {typeof v === "number" ? v.toLocaleString(locale) : v}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

import { fenToYuan } from "../deals/quote-view";
import { getChainLink, getCity, localName, type Locale } from "../taxonomy";
import { unitName } from "../units";
import type { AnalyticsFigures } from "./aggregate";
import type { AnalyticsTable } from "./input";

/**
 * The analytics tables as the page shows them to screen readers and as CSV / XLSX carry them: one
 * builder, so the export is exactly the table on the page. Money in yuan, shares in per cent
 * (one decimal), names in the reader's language; `t` is the `analytics` translator.
 */
export interface TableData {
  columns: string[];
  rows: (string | number)[][];
}

type T = (key: string) => string;

const percent = (rate: number | null) => (rate === null ? "" : Math.round(rate * 1000) / 10);
/** A city's name, or what stands for a place outside Shandong or not given. */
export const cityLabel = (adcode: string | null, locale: Locale, t: T) => {
  const city = adcode ? getCity(adcode) : undefined;
  return city ? localName(city, locale) : adcode ? t("outsideShandong") : t("unknownCity");
};

export function buildTable(table: AnalyticsTable, f: AnalyticsFigures, t: T, locale: Locale): TableData {
  const c = (k: string) => t(`columns.${k}`);
  switch (table) {
    case "monthly":
      return {
        columns: [c("month"), c("invited"), c("responded"), c("introduced"), c("matches"), c("quotes"), c("deals"), c("dealValue")],
        rows: f.monthly.map((m) => [m.month, m.invited, m.responded, m.introduced, m.matches, m.quotes, m.deals, fenToYuan(m.dealValueFen)]),
      };
    case "sourcing":
      return {
        columns: [c("measure"), c("dealValue"), c("share")],
        rows: [
          [t("sourcing.total"), fenToYuan(f.sourcing.totalFen), f.sourcing.totalFen ? 100 : ""],
          [t("sourcing.sameCity"), fenToYuan(f.sourcing.sameCityFen), percent(f.sourcing.sameCityRate)],
          [t("sourcing.sameProvince"), fenToYuan(f.sourcing.sameProvinceFen), percent(f.sourcing.sameProvinceRate)],
        ],
      };
    case "supply":
      return {
        columns: [c("chainLink"), c("city"), c("unit"), c("demand"), c("demands"), c("capacity"), c("listings")],
        rows: f.supply.map((r) => {
          const link = getChainLink(r.chainLink);
          return [link ? localName(link, locale) : r.chainLink, cityLabel(r.cityAdcode, locale, t), unitName(r.unit, locale) ?? r.unit, r.demand, r.demands, r.capacity, r.listings];
        }),
      };
    case "cities":
      return {
        columns: [c("city"), c("inquiries"), c("deals"), c("dealValue"), c("activity")],
        rows: f.cities.map((r) => [cityLabel(r.cityAdcode, locale, t), r.inquiries, r.deals, fenToYuan(r.dealValueFen), r.activity]),
      };
  }
}

/** RFC 4180 CSV with a byte-order mark and CRLF line ends, so Excel opens the Chinese text right. */
export function toCsv(data: TableData): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[data.columns, ...data.rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

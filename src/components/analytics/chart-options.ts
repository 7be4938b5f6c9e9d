import type { AnalyticsFigures } from "@/domain/analytics/aggregate";
import { fenToYuan } from "@/domain/deals/quote-view";
import { getChainLink, localName, shandong, shandongCities, type Locale } from "@/domain/taxonomy";
import { unitName } from "@/domain/units";

/**
 * ECharts options for the analytics page, as plain data (no functions) so the server builds them
 * and the client only draws. `t` is the `analytics` translator.
 */
type T = (key: string) => string;
type Option = Record<string, unknown>;

const base = { tooltip: { trigger: "axis" }, legend: { top: 0, type: "scroll" }, grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true } };

export function monthlyOption(f: AnalyticsFigures, t: T): Option {
  const months = f.monthly.map((m) => m.month);
  return {
    ...base,
    xAxis: { type: "category", data: months },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { type: "bar", name: t("series.matches"), data: f.monthly.map((m) => m.matches) },
      { type: "bar", name: t("series.quotes"), data: f.monthly.map((m) => m.quotes) },
      { type: "bar", name: t("series.deals"), data: f.monthly.map((m) => m.deals) },
      { type: "line", name: t("series.introduced"), data: f.monthly.map((m) => m.introduced) },
    ],
  };
}

export function valueOption(f: AnalyticsFigures, t: T): Option {
  return {
    ...base,
    xAxis: { type: "category", data: f.monthly.map((m) => m.month) },
    yAxis: { type: "value" },
    series: [{ type: "line", areaStyle: {}, name: t("series.dealValue"), data: f.monthly.map((m) => fenToYuan(m.dealValueFen)) }],
  };
}

export function sourcingOption(f: AnalyticsFigures, t: T): Option {
  const pct = (r: number | null) => (r === null ? 0 : Math.round(r * 1000) / 10);
  return {
    ...base,
    legend: { show: false },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: [t("sourcing.sameCity"), t("sourcing.sameProvince")] },
    series: [{ type: "bar", name: t("columns.share"), data: [pct(f.sourcing.sameCityRate), pct(f.sourcing.sameProvinceRate)], label: { show: true, position: "right", formatter: "{c}%" } }],
  };
}

export function supplyOption(f: AnalyticsFigures, t: T, locale: Locale, cityOf: (adcode: string | null) => string): Option {
  const labels = f.supply.map((r) => {
    const link = getChainLink(r.chainLink);
    return `${link ? localName(link, locale) : r.chainLink} · ${cityOf(r.cityAdcode)} (${unitName(r.unit, locale) ?? r.unit})`;
  });
  return {
    ...base,
    xAxis: { type: "value" },
    yAxis: { type: "category", data: labels, axisLabel: { width: 160, overflow: "truncate" } },
    series: [
      { type: "bar", name: t("series.demand"), data: f.supply.map((r) => r.demand) },
      { type: "bar", name: t("series.capacity"), data: f.supply.map((r) => r.capacity) },
    ],
  };
}

/**
 * Shandong without tiles: cities and their industrial clusters at the taxonomy's coordinates on
 * lng/lat axes, a dot's area growing with the city's activity (inquiries + deals).
 */
export function mapOption(f: AnalyticsFigures, t: T, locale: Locale): Option {
  const activity = new Map(f.cities.map((c) => [c.cityAdcode, c.activity]));
  const max = Math.max(1, ...activity.values());
  const size = (a: number) => Math.round(8 + 40 * Math.sqrt(a / max));
  const { bbox } = shandong;
  return {
    tooltip: { trigger: "item" },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "value", min: bbox.lngMin, max: bbox.lngMax, axisLabel: { formatter: "{value}°E" }, splitLine: { lineStyle: { type: "dashed" } } },
    yAxis: { type: "value", min: bbox.latMin, max: bbox.latMax, axisLabel: { formatter: "{value}°N" }, splitLine: { lineStyle: { type: "dashed" } } },
    series: [
      {
        type: "scatter",
        name: t("series.cities"),
        label: { show: true, position: "right", formatter: "{b}" },
        data: shandongCities.map((c) => ({ name: localName(c, locale), value: [c.lng, c.lat, activity.get(c.adcode) ?? 0], symbolSize: size(activity.get(c.adcode) ?? 0) })),
        tooltip: { formatter: "{b}: {@[2]}" },
      },
      {
        type: "scatter",
        name: t("series.clusters"),
        symbol: "diamond",
        data: shandongCities.flatMap((c) =>
          c.localClusters.map((k) => ({ name: localName(k, locale), value: [k.lng, k.lat, activity.get(c.adcode) ?? 0], symbolSize: Math.round(size(activity.get(c.adcode) ?? 0) * 0.6) })),
        ),
        tooltip: { formatter: "{b}: {@[2]}" },
      },
    ],
  };
}

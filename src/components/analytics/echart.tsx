"use client";

import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the charts the analytics page draws: the rest of ECharts stays out of the bundle.
echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * One ECharts chart. The option is plain data built on the server (chart-options.ts); the chart
 * is an image to screen readers, labelled, and described by the table next to it.
 */
export function EChart({ option, label, describedBy, height = 320, testId }: { option: Record<string, unknown>; label: string; describedBy?: string; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "canvas" });
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} aria-describedby={describedBy} style={{ height }} className="w-full" data-testid={testId} />;
}

"use client";

import { Bar } from "react-chartjs-2";
import { COLORS } from "./chart-colors.ts";
import { seriesChartLabel } from "./chart-label.ts";
import "./chart-setup.ts";

export type TBarSeries = { label: string; data: number[]; color?: string | string[] };

/** Vertical or horizontal bars over category labels; one or more series side by side. */
export function BarChart({
  labels,
  series,
  horizontal = false,
  stacked = false,
  xTitle,
  yTitle,
}: {
  labels: string[];
  series: TBarSeries[];
  horizontal?: boolean;
  stacked?: boolean;
  xTitle?: string;
  yTitle?: string;
}) {
  return (
    <Bar
      aria-label={seriesChartLabel(horizontal ? "Bar chart" : "Column chart", labels, series)}
      data={{
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: s.color ?? COLORS.series[i % COLORS.series.length],
          borderRadius: 3,
          barPercentage: stacked ? 1 : 0.9,
          categoryPercentage: stacked ? 0.95 : 0.8,
        })),
      }}
      options={{
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: series.length > 1, position: "bottom" } },
        scales: {
          x: {
            stacked,
            title: { display: Boolean(xTitle), text: xTitle ?? "" },
            grid: { display: horizontal },
          },
          y: {
            stacked,
            title: { display: Boolean(yTitle), text: yTitle ?? "" },
            grid: { display: !horizontal },
            // Category labels start at the left edge: when the axis is too narrow for a long
            // label (an AS name) its end is cut, not its AS number.
            ticks: { autoSkip: !horizontal, crossAlign: horizontal ? "far" : "near" },
          },
        },
      }}
    />
  );
}

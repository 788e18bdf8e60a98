"use client";

import { Line } from "react-chartjs-2";
import { COLORS } from "./chart-colors.ts";
import { seriesChartLabel } from "./chart-label.ts";
import "./chart-setup.ts";

/** `right`: drawn against a second y axis, for a count of a different size (flagged IPs beside events). */
export type TLineSeries = {
  label: string;
  data: number[];
  color?: string;
  dashed?: boolean;
  right?: boolean;
};

/** Lines over category labels (days), e.g. ranks or events per day. */
export function LineChart({
  labels,
  series,
  yTitle,
}: {
  labels: string[];
  series: TLineSeries[];
  yTitle?: string;
}) {
  return (
    <Line
      aria-label={seriesChartLabel("Line chart", labels, series)}
      data={{
        labels,
        datasets: series.map((s, i) => {
          const color = s.color ?? COLORS.series[i % COLORS.series.length] ?? COLORS.accent;
          return {
            label: s.label,
            data: s.data,
            borderColor: color,
            backgroundColor: color,
            borderWidth: 2,
            borderDash: s.dashed ? [6, 4] : [],
            pointRadius: labels.length > 40 ? 0 : 2,
            tension: 0.15,
            yAxisID: s.right ? "y2" : "y",
          };
        }),
      }}
      options={{
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom" } },
        scales: {
          x: { grid: { display: false }, ticks: { maxTicksLimit: 12 } },
          y: { beginAtZero: true, title: { display: Boolean(yTitle), text: yTitle ?? "" } },
          y2: {
            display: series.some((s) => s.right),
            position: "right",
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            title: { display: true, text: series.find((s) => s.right)?.label ?? "" },
          },
        },
      }}
    />
  );
}

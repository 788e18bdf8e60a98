"use client";

import { Line } from "react-chartjs-2";
import { COLORS } from "./chart-setup.ts";

export type TLineSeries = { label: string; data: number[]; color?: string; dashed?: boolean };

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
          };
        }),
      }}
      options={{
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom" } },
        scales: {
          x: { grid: { display: false }, ticks: { maxTicksLimit: 12 } },
          y: { beginAtZero: true, title: { display: Boolean(yTitle), text: yTitle ?? "" } },
        },
      }}
    />
  );
}

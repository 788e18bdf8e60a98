"use client";

import { Doughnut } from "react-chartjs-2";
import { sharesChartLabel } from "./chart-label.ts";
import "./chart-setup.ts";

/** Shares of a whole, e.g. IPs per triage bucket. */
export function DoughnutChart({
  labels,
  data,
  colors,
}: {
  labels: string[];
  data: number[];
  colors: string[];
}) {
  return (
    <Doughnut
      aria-label={sharesChartLabel(labels, data)}
      data={{ labels, datasets: [{ data, backgroundColor: colors, borderWidth: 1 }] }}
      options={{ cutout: "55%", plugins: { legend: { position: "right" } } }}
    />
  );
}

"use client";

import { BarChart } from "@/components/charts/bar-chart.tsx";
import { ChartFrame } from "@/components/charts/chart-frame.tsx";

type TBin = { lo: number; hi: number; n: number; meanPredicted: number; observed: number };

/** Calibration: per tenth of the model's probability, its mean beside the share that was malicious. */
export function ReliabilityChart({ bins, note }: { bins: TBin[]; note: string }) {
  const pct = (v: number) => Math.round(v * 1000) / 10;
  return (
    <ChartFrame title="Reliability" note={note} testId="chart-reliability">
      <BarChart
        labels={bins.map((b) => `${b.lo.toFixed(1)}–${b.hi.toFixed(1)} (${b.n})`)}
        series={[
          { label: "mean predicted %", data: bins.map((b) => pct(b.meanPredicted)) },
          { label: "observed malicious %", data: bins.map((b) => pct(b.observed)) },
        ]}
        xTitle="predicted probability (rows)"
        yTitle="%"
      />
    </ChartFrame>
  );
}

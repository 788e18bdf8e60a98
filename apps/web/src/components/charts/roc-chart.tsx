"use client";

import { Line } from "react-chartjs-2";
import { COLORS } from "./chart-colors.ts";

import "./chart-setup.ts";

export type TRocPoint = { fpr: number; tpr: number };

/** ROC curve (true against false positive rate) with the chance diagonal for reference. */
export function RocChart({ points, auc }: { points: TRocPoint[]; auc: number | null }) {
  return (
    <Line
      aria-label={`ROC curve: true against false positive rate${auc === null ? "" : `, AUC ${auc.toFixed(3)}`}`}
      data={{
        datasets: [
          {
            label: auc === null ? "model" : `model (AUC ${auc.toFixed(3)})`,
            data: points.map((p) => ({ x: p.fpr, y: p.tpr })),
            borderColor: COLORS.accent,
            backgroundColor: COLORS.accentSoft,
            fill: true,
            stepped: false,
            pointRadius: points.length > 40 ? 0 : 2,
            borderWidth: 2,
          },
          {
            label: "chance",
            data: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
            borderColor: COLORS.grey,
            borderDash: [6, 4],
            pointRadius: 0,
            borderWidth: 1,
          },
        ],
      }}
      options={{
        plugins: { legend: { position: "bottom" } },
        scales: {
          x: { type: "linear", min: 0, max: 1, title: { display: true, text: "false positive rate" } },
          y: { min: 0, max: 1, title: { display: true, text: "true positive rate" } },
        },
      }}
    />
  );
}

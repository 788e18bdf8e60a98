"use client";

import { ChartFrame } from "@/components/charts/chart-frame.tsx";
import { LineChart } from "@/components/charts/line-chart.tsx";
import type { TDashboard } from "@mlsec/pipeline/dashboard";

/** Events, and flagged addresses new and returning, per day across every upload of the tenant. */
export function ActivityChart({ days }: { days: TDashboard["days"] }) {
  return (
    <ChartFrame title="Activity" note="all uploads, per day" testId="chart-activity">
      <LineChart
        labels={days.map((d) => d.day)}
        series={[
          { label: "events", data: days.map((d) => d.events) },
          { label: "flagged: new", data: days.map((d) => d.newFlagged), right: true },
          {
            label: "flagged: returning",
            data: days.map((d) => d.flagged - d.newFlagged),
            right: true,
            dashed: true,
          },
        ]}
        yTitle="events"
      />
    </ChartFrame>
  );
}

"use client";

import { BarChart } from "@/components/charts/bar-chart.tsx";
import { ChartFrame } from "@/components/charts/chart-frame.tsx";
import { LineChart } from "@/components/charts/line-chart.tsx";
import type { TCommunitySummary } from "@mlsec/pipeline/community";

/** tiq-test style charts of the public feeds in the pool: novelty, aging, uniqueness and overlap. */
export function FeedCharts({ feeds }: { feeds: TCommunitySummary["feeds"] }) {
  const days = [...new Set(feeds.sources.flatMap((s) => s.series.map((d) => d.day)))].sort();
  const at = (s: (typeof feeds.sources)[number], day: string, key: "added" | "churned" | "size") =>
    s.series.find((d) => d.day === day)?.[key] ?? 0;
  const names = feeds.sources.map((s) => s.name);
  return (
    <div className="chart-grid" data-testid="feed-charts">
      <ChartFrame title="Novelty" note="entries added and churned per day" testId="chart-novelty">
        <LineChart
          labels={days}
          series={feeds.sources.flatMap((s) => [
            { label: `${s.name} added`, data: days.map((d) => at(s, d, "added")) },
            { label: `${s.name} churned`, data: days.map((d) => at(s, d, "churned")), dashed: true },
          ])}
          yTitle="entries"
        />
      </ChartFrame>
      <ChartFrame title="Aging" note="days an entry stayed listed" testId="chart-aging">
        <BarChart
          labels={feeds.sources[0]?.aging.histogram.map((h) => h.label) ?? []}
          series={feeds.sources.map((s) => ({ label: s.name, data: s.aging.histogram.map((h) => h.count) }))}
          xTitle="days listed"
          yTitle="entries"
        />
      </ChartFrame>
      <ChartFrame title="Uniqueness" note="share of entries no other source lists" testId="chart-uniqueness">
        <BarChart
          labels={names}
          series={[
            { label: "unique %", data: feeds.sources.map((s) => Math.round(s.uniqueness * 1000) / 10) },
          ]}
          yTitle="%"
        />
      </ChartFrame>
      <ChartFrame
        title="Overlap"
        note="share of the source's entries each other source lists"
        testId="chart-overlap"
      >
        <BarChart
          labels={names}
          series={names.map((other, j) => ({
            label: `in ${other}`,
            data: feeds.overlap.map((row) => Math.round((row[j] ?? 0) * 1000) / 10),
          }))}
          yTitle="%"
        />
      </ChartFrame>
    </div>
  );
}

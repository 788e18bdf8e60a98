import { BarChart } from "@/components/charts/bar-chart.tsx";
import { ChartFrame } from "@/components/charts/chart-frame.tsx";
import { COLORS } from "@/components/charts/chart-colors.ts";
import { DoughnutChart } from "@/components/charts/doughnut-chart.tsx";
import { LineChart } from "@/components/charts/line-chart.tsx";
import type { TReportCharts } from "@/lib/report-charts.ts";

/** The report's charts; each one is left out when the report lacks its data. */
export function ReportCharts({ charts }: { charts: TReportCharts }) {
  const { buckets, histogram, daily, topPorts, topAses } = charts;
  return (
    <div className="chart-grid">
      {buckets && (
        <ChartFrame title="Triage buckets" note="source IPs" testId="chart-buckets">
          <DoughnutChart
            labels={["block", "review", "allow"]}
            data={[buckets.block, buckets.review, buckets.allow]}
            colors={[COLORS.block, COLORS.review, COLORS.allow]}
          />
        </ChartFrame>
      )}
      {histogram && (
        <ChartFrame title="Score distribution" note="IPs per probability bin" testId="chart-histogram">
          <BarChart
            labels={histogram.labels}
            xTitle="probability malicious"
            yTitle="IPs"
            series={[
              { label: "allow", data: histogram.allow, color: COLORS.allow },
              { label: "review", data: histogram.review, color: COLORS.review },
              { label: "block", data: histogram.block, color: COLORS.block },
            ]}
            stacked
          />
        </ChartFrame>
      )}
      {daily && (
        <ChartFrame
          title={daily.flagged ? "Events and flagged IPs per day" : "Events per day"}
          note={daily.flagged ? "flagged on the right axis" : undefined}
          testId="chart-daily"
        >
          <LineChart
            labels={daily.labels}
            series={[
              { label: "events", data: daily.events, color: COLORS.accent },
              ...(daily.flagged
                ? [{ label: "flagged IPs", data: daily.flagged, color: COLORS.block, right: true }]
                : []),
            ]}
          />
        </ChartFrame>
      )}
      {topPorts && (
        <ChartFrame title="Top destination ports" note={topPorts.unit} testId="chart-top-ports">
          <BarChart
            labels={topPorts.labels}
            series={[{ label: topPorts.unit, data: topPorts.values }]}
            horizontal
          />
        </ChartFrame>
      )}
      {topAses && (
        <ChartFrame title="Top source ASes" note={topAses.unit} testId="chart-top-ases">
          <BarChart
            labels={topAses.labels.map((l) => (l.length > 20 ? `${l.slice(0, 19)}…` : l))}
            series={[{ label: topAses.unit, data: topAses.values, color: COLORS.series[4] }]}
            horizontal
          />
        </ChartFrame>
      )}
    </div>
  );
}

import type { TIpHistory } from "@mlsec/core/rank";
import { BarChart } from "@/components/charts/bar-chart.tsx";
import { ChartFrame } from "@/components/charts/chart-frame.tsx";
import { LineChart } from "@/components/charts/line-chart.tsx";

/** Own and neighbourhood rank per cluster over time, and the address's events per day. */
export function RankHistory({ history }: { history: TIpHistory }) {
  if (history.days.length === 0 || !history.events.some((e) => e > 0)) {
    return (
      <div className="panel empty" data-testid="rank-history">
        None of your uploads has events from this address.
      </div>
    );
  }
  const labels = history.days;
  return (
    <div className="chart-grid" data-testid="rank-history">
      <ChartFrame title="Own rank" note="per behaviour cluster" testId="chart-own-rank">
        <LineChart
          labels={labels}
          series={history.own.map((s) => ({ label: s.cluster, data: s.values }))}
          yTitle="rank"
        />
      </ChartFrame>
      {history.net.length > 0 ? (
        <ChartFrame
          title={`${history.network ?? "Neighbourhood"} rank`}
          note="per address"
          testId="chart-net-rank"
        >
          <LineChart
            labels={labels}
            series={history.net.map((s) => ({ label: s.cluster, data: s.values, dashed: true }))}
            yTitle="rank / addresses"
          />
        </ChartFrame>
      ) : (
        <div className="panel empty">
          A private or reserved address has no neighbourhood rank: it never counts towards a network.
        </div>
      )}
      <ChartFrame title="Events per day" testId="chart-ip-events">
        <BarChart labels={labels} series={[{ label: "events", data: history.events }]} />
      </ChartFrame>
    </div>
  );
}

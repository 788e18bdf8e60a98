import Link from "next/link";
import type { TIpHistory } from "@mlsec/core/rank";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatScore } from "@/lib/format.ts";
import type { TReportedRow } from "@/lib/recent-report-rows.ts";

const MAX_ROWS = 256;

/** The other addresses of the same /24 (or /64) the tenant has seen, highest rank first. */
export function NeighbourhoodTable({
  history,
  rows,
}: {
  history: TIpHistory;
  rows: Map<string, TReportedRow>;
}) {
  if (history.neighbours.length === 0) {
    return (
      <div className="panel empty" data-testid="neighbourhood">
        No other address of {history.network ?? "this network"} appears in your uploads.
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table data-testid="neighbourhood">
        <thead>
          <tr>
            <th>Address</th>
            <th className="num">Events</th>
            <th className="num">Days active</th>
            <th>Last seen</th>
            <th className="num">Rank as of {history.asOf}</th>
            <th className="num">Score</th>
            <th>Bucket</th>
          </tr>
        </thead>
        <tbody>
          {history.neighbours.slice(0, MAX_ROWS).map((n) => {
            const row = rows.get(n.ip)?.row;
            return (
              <tr key={n.ip}>
                <td className="mono">
                  <Link href={`/ips/${encodeURIComponent(n.ip)}`}>{n.ip}</Link>
                </td>
                <td className="num">{formatCount(n.events)}</td>
                <td className="num">{n.daysActive}</td>
                <td>{n.lastDay}</td>
                <td className="num">{n.rank.toFixed(3)}</td>
                <td className="num">{formatScore(row?.score ?? null)}</td>
                <td>{row ? <StatusBadge value={row.bucket} /> : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

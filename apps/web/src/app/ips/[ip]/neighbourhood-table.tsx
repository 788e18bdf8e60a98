import Link from "next/link";
import type { TIpHistory } from "@mlsec/core/rank";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatScore } from "@/lib/format.ts";
import type { TReportedRow } from "@/lib/recent-report-rows.ts";
import { DataTable } from "@/components/data-table.tsx";

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
    <DataTable
      testId="neighbourhood"
      columns={[
        "Address",
        { label: "Events", num: true },
        { label: "Days active", num: true },
        "Last seen",
        { label: <>Rank as of {history.asOf}</>, num: true },
        { label: "Score", num: true },
        "Bucket",
      ]}
    >
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
    </DataTable>
  );
}

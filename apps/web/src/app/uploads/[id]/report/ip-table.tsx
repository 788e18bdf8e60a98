import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatScore } from "@/lib/format.ts";
import type { TIpRow } from "@/lib/report-view.ts";

export function IpTable({ ips }: { ips: readonly TIpRow[] }) {
  if (ips.length === 0) return <div className="panel empty">No source addresses in this upload.</div>;
  return (
    <div className="table-wrap">
      <table data-testid="ip-table">
        <thead>
          <tr>
            <th>Source IP</th>
            <th className="num">Events</th>
            <th className="num">Score</th>
            <th>Verdict</th>
            <th>Bucket</th>
            <th>AS</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {ips.map((row) => (
            <tr key={row.ip}>
              <td className="mono">{row.ip}</td>
              <td className="num">{formatCount(row.events)}</td>
              <td className="num">{formatScore(row.score)}</td>
              <td>
                <StatusBadge value={row.verdict} />
              </td>
              <td>
                <StatusBadge value={row.bucket} />
              </td>
              <td>{row.asn != null ? `AS${row.asn}${row.asOrg ? ` ${row.asOrg}` : ""}` : "—"}</td>
              <td className="muted">{row.reasons.slice(0, 2).join("; ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import Link from "next/link";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatDateTime, formatScore } from "@/lib/format.ts";
import type { TReportedRow } from "@/lib/recent-report-rows.ts";

/** The address's latest score, verdict, bucket, reasons and features, from the newest report listing it. */
export function IpSummary({ ip, reported }: { ip: string; reported: TReportedRow | null }) {
  if (!reported) {
    return (
      <div className="panel empty" data-testid="ip-summary">
        {ip} is in none of your recent reports, so it has no score yet. Its rank history below comes from all
        your uploads.
      </div>
    );
  }
  const { row } = reported;
  const features = Object.entries(row.features);
  return (
    <div className="panel" data-testid="ip-summary">
      <div className="stats">
        <div className="stat">
          <div className="value">{formatScore(row.score)}</div>
          <div className="label">Score</div>
        </div>
        <div className="stat">
          <div className="value">
            <StatusBadge value={row.verdict} />
          </div>
          <div className="label">Verdict</div>
        </div>
        <div className="stat">
          <div className="value">
            <StatusBadge value={row.bucket} />
          </div>
          <div className="label">Bucket</div>
        </div>
        <div className="stat">
          <div className="value">{row.events}</div>
          <div className="label">Events in that upload</div>
        </div>
      </div>
      <dl className="facts" style={{ marginTop: "1rem" }}>
        <dt>AS</dt>
        <dd>{row.asn != null ? `AS${row.asn}${row.asOrg ? ` ${row.asOrg}` : ""}` : "—"}</dd>
        <dt>Country</dt>
        <dd>{row.country ?? "—"}</dd>
        <dt>From</dt>
        <dd>
          <Link href={`/uploads/${reported.uploadId}/report`}>report</Link> generated{" "}
          {formatDateTime(reported.generatedAt)}
          {reported.asOf ? `, as of ${reported.asOf}` : ""}
        </dd>
      </dl>
      <h3>Why</h3>
      {row.reasons.length ? (
        <ul data-testid="ip-reasons">
          {row.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No reasons recorded.</p>
      )}
      {features.length > 0 && (
        <details>
          <summary>Features ({features.length})</summary>
          <table className="compact">
            <tbody>
              {features.map(([name, value]) => (
                <tr key={name}>
                  <td className="mono">{name}</td>
                  <td className="num">{value.toPrecision(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

import Link from "next/link";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatDateTime, formatScore } from "@/lib/format.ts";
import type { TIpView } from "@/lib/ip-view.ts";
import type { TReportedRow } from "@/lib/recent-report-rows.ts";

/** The address's score, verdict, bucket, reasons and features, and where it last appeared in a report. */
export function IpSummary({
  ip,
  view,
  reported,
}: {
  ip: string;
  view: TIpView | null;
  reported: TReportedRow | null;
}) {
  if (!view) {
    return (
      <div className="panel empty" data-testid="ip-summary">
        Nothing is ranked for your organisation yet, so {ip} has no score. Its rank history below comes from
        all your uploads.
      </div>
    );
  }
  const features = Object.entries(view.features);
  const scoredBy =
    view.source === "live"
      ? `scored now with ${view.modelVersion != null ? `model v${view.modelVersion}` : "the baseline (no model yet)"}, ranks as of ${view.asOf ?? "—"}`
      : `score from the newest report listing it${view.asOf ? `, as of ${view.asOf}` : ""}`;
  return (
    <div className="panel" data-testid="ip-summary">
      <div className="stats">
        <div className="stat">
          <div className="value">{formatScore(view.score)}</div>
          <div className="label">Score</div>
        </div>
        <div className="stat">
          <div className="value">
            <StatusBadge value={view.verdict} />
          </div>
          <div className="label">Verdict</div>
        </div>
        <div className="stat">
          <div className="value">
            <StatusBadge value={view.bucket} />
          </div>
          <div className="label">Bucket</div>
        </div>
        <div className="stat">
          <div className="value">{reported ? formatCount(reported.row.events) : "—"}</div>
          <div className="label">Events in its latest report</div>
        </div>
      </div>
      <p className="muted">{scoredBy}</p>
      <dl className="facts">
        <dt>AS</dt>
        <dd>{view.asn != null ? `AS${view.asn}${view.asOrg ? ` ${view.asOrg}` : ""}` : "—"}</dd>
        <dt>Country</dt>
        <dd>{view.country ?? "—"}</dd>
        <dt>Latest report</dt>
        <dd>
          {reported ? (
            <>
              <Link href={`/uploads/${reported.uploadId}/report`}>report</Link> generated{" "}
              {formatDateTime(reported.generatedAt)}
            </>
          ) : (
            "not in your recent reports"
          )}
        </dd>
      </dl>
      <h3>Why</h3>
      {view.reasons.length ? (
        <ul data-testid="ip-reasons">
          {view.reasons.map((r) => (
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

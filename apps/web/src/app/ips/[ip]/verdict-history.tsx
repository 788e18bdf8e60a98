import { listVerdicts } from "@mlsec/db";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatDateTime } from "@/lib/format.ts";

/** Analysts' verdicts on the address, newest first; the latest one labels it in the next training. */
export async function VerdictHistory({ tenantId, ip }: { tenantId: string; ip: string }) {
  const verdicts = await listVerdicts({ tenantId, ip, take: 50 });
  if (verdicts.length === 0) {
    return (
      <div className="panel empty" data-testid="verdict-history">
        No verdicts yet. Analyst verdicts on this address (confirmed malicious, false positive) will be listed
        here; giving them from the portal comes in a later release.
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table data-testid="verdict-history">
        <thead>
          <tr>
            <th>When</th>
            <th>Verdict</th>
            <th>By</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((v, i) => (
            <tr key={v.id}>
              <td>
                {formatDateTime(v.createdAt.toISOString())}
                {i === 0 ? " (used for training)" : ""}
              </td>
              <td>
                <StatusBadge value={v.verdict} />
              </td>
              <td>{v.userId ? "analyst" : "API key"}</td>
              <td>{v.note || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

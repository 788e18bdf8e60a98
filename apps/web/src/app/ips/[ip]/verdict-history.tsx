import { listVerdicts } from "@mlsec/db";
import { StatusBadge } from "@/components/status-badge.tsx";
import { actorNames } from "@/lib/actor-names.ts";
import { formatDateTime } from "@/lib/format.ts";

/** Analysts' verdicts on the address, newest first; the latest one labels it in the next training. */
export async function VerdictHistory({ tenantId, ip }: { tenantId: string; ip: string }) {
  const [verdicts, names] = await Promise.all([
    listVerdicts({ tenantId, ip, take: 50 }),
    actorNames(tenantId),
  ]);
  if (verdicts.length === 0) {
    return (
      <div className="panel empty" data-testid="verdict-history">
        No verdicts yet. Analyst verdicts on this address (confirmed malicious, false positive), given here,
        from a report or through the API, will be listed here.
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
            <th>Given on</th>
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
              <td>
                {v.userId
                  ? (names.get(v.userId) ?? "former member")
                  : (names.get(v.apiKeyId ?? "") ?? "deleted API key")}
              </td>
              <td>{v.note || "—"}</td>
              <td>{v.reportId ? "a report" : "the IP page or API"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

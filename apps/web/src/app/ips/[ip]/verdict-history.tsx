import { listVerdicts } from "@mlsec/db";
import { StatusBadge } from "@/components/status-badge.tsx";
import { actorNames } from "@/lib/actor-names.ts";
import { formatDateTime } from "@/lib/format.ts";
import { DataTable } from "@/components/data-table.tsx";

/**
 * Analysts' verdicts on the address, newest first. The latest on the whole address labels all its
 * days in the next training; the latest on one day labels that day, unless a later whole-address
 * verdict came after it.
 */
export async function VerdictHistory({ tenantId, ip }: { tenantId: string; ip: string }) {
  const [verdicts, names] = await Promise.all([
    listVerdicts({ tenantId, ip, take: 50 }),
    actorNames(tenantId),
  ]);
  const used = usedForTraining(verdicts);
  if (verdicts.length === 0) {
    return (
      <div className="panel empty" data-testid="verdict-history">
        No verdicts yet. Analyst verdicts on this address (confirmed malicious, false positive), given here,
        from a report or through the API, will be listed here.
      </div>
    );
  }
  return (
    <DataTable testId="verdict-history" columns={["When", "Verdict", "By", "Note", "Applies to", "Given on"]}>
      {verdicts.map((v) => (
        <tr key={v.id}>
          <td>
            {formatDateTime(v.createdAt.toISOString())}
            {used.has(v.id) ? " (used for training)" : ""}
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
          <td>
            {v.day ? (
              <>
                <span className="mono">{v.day}</span> only{v.cluster ? ` (${v.cluster})` : ""}
              </>
            ) : (
              "every day"
            )}
            {v.event && (
              <div className="muted" data-testid="verdict-event">
                event verdict: {v.event.text}
              </div>
            )}
          </td>
          <td>{v.reportId ? "a report" : "the IP page or API"}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * The verdicts training uses (verdictsForTraining with DatasetBuilder's rule): the newest on the
 * whole address, and the newest per day where no later whole-address verdict overrides it.
 */
function usedForTraining(
  newestFirst: readonly { id: string; day: string | null; createdAt: Date }[],
): Set<string> {
  const seen = new Set<string>();
  const used = new Set<string>();
  const whole = newestFirst.find((v) => v.day === null);
  for (const v of newestFirst) {
    const key = v.day ?? "";
    if (seen.has(key)) continue;
    seen.add(key);
    if (v.day === null || !whole || v.createdAt > whole.createdAt) used.add(v.id);
  }
  return used;
}

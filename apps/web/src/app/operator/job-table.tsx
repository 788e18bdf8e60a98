import type { TOperatorJob } from "@mlsec/pipeline/operator";
import { formatDateTime } from "@/lib/format.ts";
import { DataTable } from "@/components/data-table.tsx";

const KIND_TEXT: Record<TOperatorJob["kind"], string> = {
  failed: "failed",
  "active-too-long": "running too long",
  "waiting-too-long": "waiting too long",
};

/**
 * The failed and stuck jobs with their actions. The buttons are plain forms posting to the API
 * (method="post"), which answers with a redirect back here: they work without JavaScript.
 */
export function JobTable({ jobs }: { jobs: TOperatorJob[] }) {
  return (
    <DataTable
      testId="operator-jobs"
      compact
      empty={jobs.length === 0 && "No failed or stuck jobs."}
      columns={["Tenant", "Upload", "Stage", "Problem", "Since", "Attempts", "Reason", "Actions"]}
    >
      {jobs.map((j) => {
        const path = `/api/v1/operator/jobs/${encodeURIComponent(j.queue)}/${encodeURIComponent(j.id)}`;
        return (
          <tr key={`${j.queue}/${j.id}`} data-job={`${j.queue}/${j.id}`}>
            <td title={j.tenantId ?? ""}>{j.tenantName ?? (j.tenantId ? "(tenant deleted)" : "—")}</td>
            <td className="clip" title={j.uploadId ?? ""}>
              {j.upload ? `${j.upload.filename} (${j.upload.status})` : (j.uploadId ?? "—")}
            </td>
            <td className="mono">{j.stage}</td>
            <td>
              <span className={`badge badge-${j.kind === "failed" ? "failed" : "review"}`}>
                {KIND_TEXT[j.kind]}
              </span>
            </td>
            <td>{formatDateTime(new Date(j.since).toISOString())}</td>
            <td>
              {j.attemptsMade} of {j.maxAttempts}
            </td>
            <td className="clip wide" title={j.failedReason ?? ""}>
              {j.failedReason ?? "—"}
            </td>
            <td className="row">
              {j.kind === "failed" && (
                <form method="post" action={`${path}/retry`}>
                  <button type="submit" className="small" aria-label={`Retry ${j.queue} job ${j.id}`}>
                    Retry
                  </button>
                </form>
              )}
              <form method="post" action={`${path}/cancel`}>
                <button type="submit" className="small danger" aria-label={`Cancel ${j.queue} job ${j.id}`}>
                  Cancel
                </button>
              </form>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

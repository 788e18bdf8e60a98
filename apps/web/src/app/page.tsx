import Link from "next/link";
import { listUploads, toUploadView } from "@mlsec/db";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import { requireSession } from "@/lib/require-session.ts";

export default async function DashboardPage() {
  const user = await requireSession();
  const uploads = (await listUploads({ tenantId: user.tenantId })).map(toUploadView);
  return (
    <>
      <div className="row between">
        <h1>Uploads</h1>
        <Link href="/uploads/new" className="button">
          Upload a log
        </Link>
      </div>
      {uploads.length === 0 ? (
        <div className="panel empty">
          No uploads yet. <Link href="/uploads/new">Upload a firewall log</Link> to get a report.
        </div>
      ) : (
        <div className="table-wrap">
          <table data-testid="uploads-table">
            <thead>
              <tr>
                <th>File</th>
                <th>Status</th>
                <th>Stage</th>
                <th className="num">Progress</th>
                <th className="num">Events</th>
                <th>Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {uploads.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link href={`/uploads/${u.id}`}>{u.filename}</Link>
                  </td>
                  <td>
                    <StatusBadge value={u.status} />
                  </td>
                  <td>{u.stage ?? "—"}</td>
                  <td className="num">{u.progress}%</td>
                  <td className="num">{formatCount(u.counts.events)}</td>
                  <td>{formatDateTime(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

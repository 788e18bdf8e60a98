import Link from "next/link";
import { listUploads, toUploadView } from "@mlsec/db";
import { savedListedFilters, tenantDashboard } from "@mlsec/pipeline/dashboard";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import { savedFilterView } from "@/lib/listed-filter.ts";
import { requireSession } from "@/lib/require-session.ts";
import { ActivityChart } from "./activity-chart.tsx";
import { DashboardTables } from "./dashboard-tables.tsx";
import { DataTable } from "@/components/data-table.tsx";

/** The tenant's home page: what changed across all its sensors, then its uploads. */
export default async function DashboardPage() {
  const user = await requireSession();
  const [dashboard, uploads, saved] = await Promise.all([
    tenantDashboard(user.tenantId),
    listUploads({ tenantId: user.tenantId }).then((rows) => rows.map(toUploadView)),
    savedListedFilters(user.tenantId).then((rows) => rows.map(savedFilterView)),
  ]);
  const listed = (bucket: string) => dashboard.listed.find((b) => b.bucket === bucket)?.addresses ?? 0;
  const stats: { id: string; label: string; value: number; href?: string }[] = [
    { id: "events", label: "Events, 30 days", value: dashboard.totals.events, href: "#uploads" },
    { id: "sources", label: "Sources", value: dashboard.totals.sources },
    { id: "new-sources", label: "New sources", value: dashboard.totals.newSources },
    {
      id: "flagged",
      label: "Flagged sources",
      value: dashboard.totals.flagged,
      href: "/listed?bucket=block",
    },
    { id: "new-flagged", label: "New attackers", value: dashboard.totals.newFlagged },
    { id: "listed-block", label: "Listed to block", value: listed("block"), href: "/listed?bucket=block" },
    { id: "listed-review", label: "For review", value: listed("review"), href: "/listed?bucket=review" },
    {
      id: "pending",
      label: "Awaiting a verdict",
      value: dashboard.pendingReview,
      href: "/listed?bucket=review&pending=1",
    },
  ];
  return (
    <>
      <div className="row between">
        <h1>Overview</h1>
        <Link href="/uploads/new" className="button">
          Upload a log
        </Link>
      </div>
      <p className="muted">
        All uploads, {dashboard.from} to {dashboard.to}. Flagged: sources whose current score is in the block
        bucket.
      </p>
      <div className="stats" data-testid="dashboard-stats">
        {stats.map((s) => (
          <div className="stat" key={s.id} data-testid={`stat-${s.id}`} data-value={s.value}>
            <div className="value">
              {s.href ? <Link href={s.href}>{formatCount(s.value)}</Link> : formatCount(s.value)}
            </div>
            <div className="label">{s.label}</div>
          </div>
        ))}
      </div>
      {saved.length > 0 && (
        <nav className="panel row" aria-label="saved filters" data-testid="dashboard-saved-filters">
          <strong>Saved filters:</strong>
          {saved.map((f) =>
            f.search === null ? null : (
              <Link key={f.id} href={`/listed${f.search}`}>
                {f.name}
              </Link>
            ),
          )}
        </nav>
      )}
      {dashboard.days.length > 0 && <ActivityChart days={dashboard.days} />}
      <DashboardTables dashboard={dashboard} />
      <h2 id="uploads">Uploads</h2>
      {uploads.length === 0 ? (
        <div className="panel empty">
          No uploads yet. <Link href="/uploads/new">Upload a firewall log</Link> to get a report.
        </div>
      ) : (
        <DataTable
          testId="uploads-table"
          columns={[
            "File",
            "Status",
            "Stage",
            { label: "Progress", num: true },
            { label: "Events", num: true },
            "Uploaded",
          ]}
        >
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
        </DataTable>
      )}
    </>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getReportForUpload, getUpload, NotFoundError } from "@mlsec/db";
import { roleHasScope } from "@/lib/authenticate-request.ts";
import { ZIpQuery, ZUploadParams } from "@/lib/api-schemas.ts";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import { queryIps } from "@/lib/ip-query.ts";
import { loadReportView } from "@/lib/report-cache.ts";
import { reportCharts } from "@/lib/report-charts.ts";
import { requireSession } from "@/lib/require-session.ts";
import { ExportLinks } from "./export-links.tsx";
import { IpTable } from "./ip-table.tsx";
import { RejectedLines } from "./rejected-lines.tsx";
import { ReportCharts } from "./report-charts.tsx";

/** The upload and its report, or null when the id is unknown or another tenant's (the page answers 404). */
async function loadUploadAndReport(tenantId: string, uploadId: string) {
  try {
    return {
      upload: await getUpload({ tenantId, id: uploadId }),
      found: await loadReportView({ tenantId, uploadId }),
    };
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSession();
  const id = ZUploadParams.safeParse(await params);
  if (!id.success) notFound();
  const uploadId = id.data.id;
  const loaded = await loadUploadAndReport(user.tenantId, uploadId);
  if (!loaded) notFound();
  const { upload, found } = loaded;
  if (!found.ready) {
    return (
      <div className="panel">
        <h1>Report not ready</h1>
        <p>
          The upload is <strong>{found.status}</strong>.{" "}
          <Link href={`/uploads/${uploadId}`}>Follow its progress</Link>.
        </p>
      </div>
    );
  }
  const { view: report, index } = found.report;
  const s = report.summary;
  // Verdict checkboxes only for roles that may give them; the feedback API checks again.
  const reportId = roleHasScope(user.role, "feedback")
    ? (await getReportForUpload({ tenantId: user.tenantId, uploadId })).id
    : null;
  const stats: [string, number][] = [
    ["Lines", s.lines],
    ["Events", s.events],
    ["Rejected lines", s.rejected],
    ["Source IPs", s.sources || index.rows.length],
    ["Flagged", s.flagged],
  ];
  return (
    <>
      <div className="row between">
        <h1>Report: {upload.filename}</h1>
        <Link href={`/uploads/${uploadId}`}>Upload details</Link>
      </div>
      <p className="muted">
        Events from {formatDateTime(s.first)} to {formatDateTime(s.last)} · generated{" "}
        {formatDateTime(report.generatedAt)}
        {report.model?.version != null ? (
          <>
            {" · "}
            <Link href="/models">model v{report.model.version}</Link>
          </>
        ) : (
          ""
        )}
      </p>
      {report.modelNote && <p className="muted">{report.modelNote}</p>}
      <div className="stats" data-testid="report-summary">
        {stats.map(([label, value]) => (
          <div className="stat" key={label}>
            <div className="value">{formatCount(value)}</div>
            <div className="label">{label}</div>
          </div>
        ))}
      </div>
      {s.expectedFalseBlocks && (
        <p className="muted" data-testid="expected-false-blocks">
          Expected benign addresses among the {formatCount(s.buckets?.block ?? 0)} blocked:{" "}
          {s.expectedFalseBlocks.total.toFixed(1)} ({s.expectedFalseBlocks.perDay.toFixed(2)} a day over{" "}
          {s.expectedFalseBlocks.days} {s.expectedFalseBlocks.days === 1 ? "day" : "days"}), from the
          model&apos;s probabilities (the sum of 1 − probability).
        </p>
      )}
      <ReportCharts charts={reportCharts(report)} />
      <div className="row between">
        <h2>Source IPs</h2>
        <ExportLinks uploadId={uploadId} />
      </div>
      <IpTable uploadId={uploadId} initial={queryIps(index, ZIpQuery.parse({}))} reportId={reportId} />
      <RejectedLines byReason={report.rejected?.byReason ?? {}} samples={report.rejected?.samples ?? []} />
    </>
  );
}

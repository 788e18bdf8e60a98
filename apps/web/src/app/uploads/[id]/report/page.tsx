import Link from "next/link";
import { notFound } from "next/navigation";
import { getUpload, NotFoundError } from "@mlsec/db";
import { ZUploadParams } from "@/lib/api-schemas.ts";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import { loadReport } from "@/lib/load-report.ts";
import { rankIps, ZReportView } from "@/lib/report-view.ts";
import { requireSession } from "@/lib/require-session.ts";
import { IpTable } from "./ip-table.tsx";
import { RejectedLines } from "./rejected-lines.tsx";

const MAX_ROWS = 1000;

/** The upload and its report, or null when the id is unknown or another tenant's (the page answers 404). */
async function loadUploadAndReport(tenantId: string, uploadId: string) {
  try {
    return {
      upload: await getUpload({ tenantId, id: uploadId }),
      found: await loadReport({ tenantId, uploadId }),
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
  const report = ZReportView.parse(found.report);
  const ips = rankIps(report.ips);
  const s = report.summary;
  const stats: [string, number][] = [
    ["Lines", s.lines],
    ["Events", s.events],
    ["Rejected lines", s.rejected],
    ["Source IPs", s.sources || ips.length],
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
        {report.model?.version != null ? ` · model v${report.model.version}` : ""}
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
      <h2>Source IPs</h2>
      {ips.length > MAX_ROWS && (
        <p className="muted">
          Showing the {formatCount(MAX_ROWS)} highest-scoring of {formatCount(ips.length)} addresses; the full
          list is in the report API.
        </p>
      )}
      <IpTable ips={ips.slice(0, MAX_ROWS)} />
      <RejectedLines byReason={report.rejected?.byReason ?? {}} samples={report.rejected?.samples ?? []} />
    </>
  );
}

"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { TUploadView } from "@mlsec/db";
import { ProgressBar } from "@/components/progress-bar.tsx";
import { StatusBadge } from "@/components/status-badge.tsx";
import { failureAdvice } from "@/lib/failure-advice.ts";
import { formatCount, formatDateTime } from "@/lib/format.ts";

const POLL_MS = 1000;
const isFinal = (status: string): boolean => status === "done" || status === "failed";

/** The upload's status, refreshed every second from the status API until the job chain ends. */
export function UploadStatus({ initial }: { initial: TUploadView }) {
  const [upload, setUpload] = useState(initial);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (isFinal(upload.status)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/v1/uploads/${upload.id}`, { cache: "no-store", signal: controller.signal })
        .then(async (res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          setUpload((await res.json()) as TUploadView);
          setStale(false);
        })
        .catch(() => {
          if (controller.signal.aborted) return;
          // Keep polling after a hiccup (server restart, network); show that the view may lag.
          setStale(true);
          setUpload((u) => ({ ...u }));
        });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [upload]);

  const advice = failureAdvice(upload.stage, upload.error);
  return (
    <div className="panel">
      <div className="row between">
        <h1>{upload.filename}</h1>
        <span data-testid="upload-status">
          <StatusBadge value={upload.status} />
        </span>
      </div>
      {upload.status !== "failed" && (
        <ProgressBar
          percent={upload.progress}
          label={`Stage: ${upload.stage ?? "waiting"}`}
          testId="job-progress"
        />
      )}
      {stale && <p className="muted">Lost contact with the server; retrying…</p>}
      {upload.status === "failed" && (
        <div className="error" role="alert" data-testid="upload-error">
          <p>
            <strong>{advice.what}</strong> {advice.next}
          </p>
          <p className="muted">
            Processing failed{upload.stage ? ` in stage “${upload.stage}”` : ""}:{" "}
            {upload.error ?? "unknown error"}
          </p>
        </div>
      )}
      <h2>Details</h2>
      <dl className="facts">
        <dt>Lines read</dt>
        <dd>{formatCount(upload.counts.lines)}</dd>
        <dt>Events</dt>
        <dd>{formatCount(upload.counts.events)}</dd>
        <dt>Rejected lines</dt>
        <dd>{formatCount(upload.counts.rejected)}</dd>
        <dt>Uploaded</dt>
        <dd>{formatDateTime(upload.createdAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDateTime(upload.finishedAt)}</dd>
        <dt>Upload id</dt>
        <dd className="mono">{upload.id}</dd>
      </dl>
      {upload.status === "done" && (
        <p style={{ marginTop: "1.25rem" }}>
          <Link href={`/uploads/${upload.id}/report`} className="button" data-testid="report-link">
            View the report
          </Link>
        </p>
      )}
    </div>
  );
}

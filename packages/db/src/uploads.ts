import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";
import type { UploadStatus } from "./generated/prisma/client.ts";

export type TUploadView = {
  id: string;
  filename: string;
  status: UploadStatus;
  stage: string | null;
  progress: number;
  counts: { lines: number; events: number; rejected: number };
  error: string | null;
  /** A note for the user, e.g. "duplicate of upload <id>"; null when there is nothing to say. */
  note: string | null;
  createdAt: string;
  finishedAt: string | null;
};

type TUploadRow = Awaited<ReturnType<ReturnType<typeof getDb>["upload"]["findFirstOrThrow"]>>;

export function toUploadView(u: TUploadRow): TUploadView {
  return {
    id: u.id,
    filename: u.filename,
    status: u.status,
    stage: u.stage,
    progress: u.progress,
    counts: { lines: u.lines, events: u.events, rejected: u.rejected },
    error: u.error,
    note: u.note,
    createdAt: u.createdAt.toISOString(),
    finishedAt: u.finishedAt?.toISOString() ?? null,
  };
}

/** Reserves an upload row before its bytes arrive, so the S3 key can carry the upload id. */
export async function createUpload(opts: { tenantId: string; filename: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.upload.create({
      data: {
        tenantId: opts.tenantId,
        filename: opts.filename,
        s3Key: "",
        status: "queued",
        stage: "upload",
      },
    });
  });
}

export async function setUploadStored(opts: {
  tenantId: string;
  id: string;
  s3Key: string;
  sizeBytes: number;
  sha256: string;
}) {
  return withTenant(opts.tenantId, async (tx) => {
    const res = await tx.upload.updateMany({
      where: { id: opts.id, tenantId: opts.tenantId },
      data: {
        s3Key: opts.s3Key,
        sizeBytes: BigInt(opts.sizeBytes),
        sha256: opts.sha256,
        stage: "ingest",
        heartbeatAt: new Date(),
      },
    });
    if (res.count !== 1) throw new NotFoundError("upload");
  });
}

/** Tenant-scoped read: another tenant's id and an unknown id both throw NotFoundError. */
export async function getUpload(opts: { tenantId: string; id: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    const row = await tx.upload.findFirst({ where: { id: opts.id, tenantId: opts.tenantId } });
    if (!row) throw new NotFoundError("upload");
    return row;
  });
}

export async function listUploads(opts: { tenantId: string; take?: number }) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.upload.findMany({
      where: { tenantId: opts.tenantId },
      orderBy: { createdAt: "desc" },
      take: opts.take ?? 50,
    });
  });
}

export async function markUploadProgress(opts: {
  tenantId: string;
  id: string;
  stage: string;
  progress: number;
}) {
  await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId },
    data: {
      status: "processing",
      stage: opts.stage,
      progress: Math.max(0, Math.min(100, Math.round(opts.progress))),
      heartbeatAt: new Date(),
      error: null,
    },
  });
}

export async function setUploadCounts(opts: {
  tenantId: string;
  id: string;
  counts: { lines: number; events: number; rejected: number };
  formats: Record<string, number>;
  rejectedByReason: Record<string, number>;
}) {
  await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId },
    data: {
      ...opts.counts,
      formats: opts.formats,
      rejectedByReason: opts.rejectedByReason,
      heartbeatAt: new Date(),
    },
  });
}

export async function markUploadDone(opts: { tenantId: string; id: string }) {
  await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId },
    data: { status: "done", stage: "done", progress: 100, finishedAt: new Date(), error: null },
  });
}

/**
 * The tenant's uploads that reached their report after `since`: what a retrain that started then
 * has not trained on (a later upload's own retrain request is dropped while one runs).
 */
export async function countUploadsDoneSince(opts: { tenantId: string; since: Date }): Promise<number> {
  return getDb().upload.count({
    where: { tenantId: opts.tenantId, status: "done", finishedAt: { gt: opts.since } },
  });
}

export async function markUploadFailed(opts: { tenantId: string; id: string; error: string }) {
  await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId },
    data: { status: "failed", error: opts.error.slice(0, 2000), finishedAt: new Date() },
  });
}

/** Uploads whose worker went silent: processing, or queued past the upload stage, with no heartbeat since `before`. */
export async function findSilentUploads(before: Date) {
  return getDb().upload.findMany({
    where: {
      status: { in: ["queued", "processing"] },
      // An upload whose bytes never finished arriving has no heartbeat at all.
      OR: [{ heartbeatAt: { lt: before } }, { heartbeatAt: null, createdAt: { lt: before } }],
    },
    select: { id: true, tenantId: true, stage: true, heartbeatAt: true },
  });
}

/** Marks a job as seen alive without changing its progress. */
export async function touchUpload(opts: { tenantId: string; id: string }) {
  await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId },
    data: { heartbeatAt: new Date() },
  });
}

/**
 * The tenant's earliest other upload of the same bytes (by SHA-256) that got past ingest, or null.
 * Rollups are keyed by content, so a second upload of a file overwrites the first one's rows: the
 * user is told which upload it duplicates instead of wondering why the totals did not grow.
 */
export async function findEarlierUploadOfContent(opts: {
  tenantId: string;
  id: string;
  sha256: string;
  /** This upload's creation: only uploads made before it count, so of two the later is the duplicate. */
  createdAt: Date;
}) {
  return getDb().upload.findFirst({
    where: {
      tenantId: opts.tenantId,
      sha256: opts.sha256,
      id: { not: opts.id },
      createdAt: { lte: opts.createdAt },
      OR: [{ status: "done" }, { events: { gt: 0 } }],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
}

export async function setUploadNote(opts: { tenantId: string; id: string; note: string | null }) {
  await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId },
    data: { note: opts.note },
  });
}

/** The tenant's newest done upload that has a report: the one whose snapshot scores an address now. */
export async function newestReportedUpload(tenantId: string): Promise<{ id: string; s3Key: string } | null> {
  return getDb().upload.findFirst({
    where: { tenantId, status: "done", report: { isNot: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, s3Key: true },
  });
}

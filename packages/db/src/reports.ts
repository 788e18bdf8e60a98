import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";

/** One report per upload: a retried report job replaces it rather than adding a second. */
export async function saveReport(opts: {
  tenantId: string;
  uploadId: string;
  s3Key: string;
  modelId: string | null;
  summary: Record<string, unknown>;
}) {
  const data = {
    tenantId: opts.tenantId,
    s3Key: opts.s3Key,
    modelId: opts.modelId,
    summary: opts.summary as object,
  };
  return getDb().report.upsert({
    where: { uploadId: opts.uploadId },
    create: { ...data, uploadId: opts.uploadId },
    update: data,
  });
}

export async function getReportForUpload(opts: { tenantId: string; uploadId: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    const row = await tx.report.findFirst({ where: { uploadId: opts.uploadId, tenantId: opts.tenantId } });
    if (!row) throw new NotFoundError("report");
    return row;
  });
}

/**
 * The tenant's reports of done uploads, newest first, with the model that scored each (null: the
 * baseline): where provenance looks for the report that listed an address.
 */
export async function listDoneReports(opts: { tenantId: string; take: number; since?: Date }) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.report.findMany({
      where: {
        tenantId: opts.tenantId,
        upload: { status: "done" },
        ...(opts.since ? { createdAt: { gte: opts.since } } : {}),
      },
      orderBy: { createdAt: "desc" },
      take: opts.take,
      select: {
        id: true,
        uploadId: true,
        s3Key: true,
        createdAt: true,
        model: { select: { id: true, version: true, status: true } },
      },
    });
  });
}

/** Where a report is: its upload and its object. */
export type TReportObject = { uploadId: string; s3Key: string };

/**
 * The tenant's newest reports, whatever their upload's status (a report is written before its
 * upload is marked done): what the IP page searches for the tenant's last word on an address.
 */
export async function newestReports(opts: { tenantId: string; take: number }): Promise<TReportObject[]> {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.report.findMany({
      where: { tenantId: opts.tenantId },
      orderBy: { createdAt: "desc" },
      take: opts.take,
      select: { uploadId: true, s3Key: true },
    });
  });
}

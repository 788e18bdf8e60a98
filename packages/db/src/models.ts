import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";
import type { Prisma } from "./generated/prisma/client.ts";

/** Registers a trained model as the tenant's next version; its artefact already lives in S3. */
export async function registerModel(opts: {
  tenantId: string;
  s3Key: string;
  metrics: Prisma.InputJsonObject;
  promote: boolean;
}) {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const last = await tx.model.findFirst({
      where: { tenantId: opts.tenantId },
      orderBy: { version: "desc" },
    });
    const version = (last?.version ?? 0) + 1;
    if (opts.promote) {
      await tx.model.updateMany({
        where: { tenantId: opts.tenantId, status: "active" },
        data: { status: "retired" },
      });
    }
    return tx.model.create({
      data: {
        tenantId: opts.tenantId,
        version,
        s3Key: opts.s3Key,
        metrics: opts.metrics,
        status: opts.promote ? "active" : "candidate",
      },
    });
  });
}

export async function getActiveModel(tenantId: string) {
  return getDb().model.findFirst({ where: { tenantId, status: "active" }, orderBy: { version: "desc" } });
}

export async function getModel(opts: { tenantId: string; id: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.model.findFirst({ where: { tenantId: opts.tenantId, id: opts.id } });
  });
}

export async function listModels(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    return tx.model.findMany({ where: { tenantId }, orderBy: { version: "desc" } });
  });
}

/**
 * Rollback (or roll forward): makes one stored version the tenant's active model. The version's
 * artefact is still in S3, so scoring switches back at once; unknown versions throw NotFoundError.
 */
export async function activateModelVersion(opts: { tenantId: string; version: number }) {
  return withTenant(opts.tenantId, async (tx) => {
    const target = await tx.model.findUnique({
      where: { tenantId_version: { tenantId: opts.tenantId, version: opts.version } },
    });
    if (!target) throw new NotFoundError("model version");
    await tx.model.updateMany({
      where: { tenantId: opts.tenantId, status: "active", NOT: { id: target.id } },
      data: { status: "retired" },
    });
    return tx.model.update({ where: { id: target.id }, data: { status: "active" } });
  });
}

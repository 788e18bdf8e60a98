import { getDb } from "./client.ts";

// Operator queries: platform-wide on purpose (health and metrics are the operator's, not a
// tenant's), so unlike the rest of this package they take no tenantId and return no tenant data
// beyond ids and counts.

/** One round trip to PostgreSQL: the health check's probe. */
export async function pingDatabase(): Promise<void> {
  await getDb().$queryRaw`SELECT 1`;
}

/** When each tenant's active model was trained: model age per tenant, for the metrics. */
export async function activeModelTimes(): Promise<{ tenantId: string; createdAt: Date }[]> {
  const rows = await getDb().model.groupBy({
    by: ["tenantId"],
    where: { status: "active" },
    _max: { createdAt: true },
  });
  return rows.flatMap((r) =>
    r._max.createdAt ? [{ tenantId: r.tenantId, createdAt: r._max.createdAt }] : [],
  );
}

/** Feed pulls per tenant since its feeds were made (Feed.pulls, counted by every portal process). */
export async function feedPullsByTenant(): Promise<{ tenantId: string; pulls: number }[]> {
  const rows = await getDb().feed.groupBy({ by: ["tenantId"], _sum: { pulls: true } });
  return rows.map((r) => ({ tenantId: r.tenantId, pulls: r._sum.pulls ?? 0 }));
}

import { utcDay } from "@mlsec/core/day";
import { getDb } from "./client.ts";
import { countVerdictsSince } from "./verdicts.ts";

/** Tenants with any rollup: the daily retrain visits these. */
export async function tenantsWithData(): Promise<string[]> {
  const rows = await getDb().ipDayRollup.findMany({ distinct: ["tenantId"], select: { tenantId: true } });
  return rows.map((r) => r.tenantId);
}

/** The tenant's last day with data (YYYY-MM-DD), or null without any. */
export async function lastDataDay(tenantId: string): Promise<string | null> {
  const row = await getDb().ipDayRollup.aggregate({ where: { tenantId }, _max: { day: true } });
  return row._max.day ? utcDay(row._max.day) : null;
}

/**
 * Whether enough verdicts arrived since the tenant's newest model (promoted or not: a candidate
 * that lost still saw those verdicts) to retrain now, per Tenant.retrainAfterVerdicts.
 */
export async function retrainDue(
  tenantId: string,
): Promise<{ due: boolean; newVerdicts: number; threshold: number }> {
  const db = getDb();
  const [tenant, newest] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { retrainAfterVerdicts: true } }),
    db.model.findFirst({ where: { tenantId }, orderBy: { version: "desc" }, select: { createdAt: true } }),
  ]);
  const threshold = tenant?.retrainAfterVerdicts ?? 20;
  const newVerdicts = await countVerdictsSince({ tenantId, since: newest?.createdAt ?? null });
  return { due: threshold > 0 && newVerdicts >= threshold, newVerdicts, threshold };
}

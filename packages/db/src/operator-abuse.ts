import { getDb } from "./client.ts";
import type { TPlatformOperator } from "./operator.ts";

/** The audit actions the abuse view counts (rate-limits.ts in apps/web writes them). */
const ABUSE_ACTIONS = ["sign-in.failed", "rate-limit"];

export type TAbuseByAddress = {
  /** The client address the portal saw; null for limits not tied to one (API key, uploads). */
  address: string | null;
  failedSignIns: number;
  rateLimitHits: number;
  /** Distinct tenants whose log holds these rows, and distinct targets (accounts, "api", "uploads"). */
  tenants: number;
  targets: number;
  firstAt: Date;
  lastAt: Date;
};

export type TAbuseByTenant = {
  tenantId: string;
  tenantName: string;
  failedSignIns: number;
  rateLimitHits: number;
  addresses: number;
  lastAt: Date;
};

export type TAbuseView = {
  since: Date;
  byAddress: TAbuseByAddress[];
  byTenant: TAbuseByTenant[];
};

/**
 * The platform's one cross-tenant read of audit rows: failed sign-ins and rate-limit hits of every
 * tenant since `since` (the operator page asks for 24 hours), grouped by client address and by
 * tenant, most rows first. It takes the operator checked for this request (TPlatformOperator), so
 * it cannot be reached from a tenant's request. A failed sign-in of an account in two organisations
 * is a row in each log, and counts once per log here.
 */
export async function abuseAcrossTenants(
  _operator: TPlatformOperator,
  opts: { since: Date; take?: number },
): Promise<TAbuseView> {
  const take = Math.min(Math.max(opts.take ?? 50, 1), 500);
  const db = getDb();
  const [byAddress, byTenant] = await Promise.all([
    db.$queryRaw<TAbuseByAddress[]>`
      SELECT e.detail->>'address' AS address,
             (COUNT(*) FILTER (WHERE e.action = 'sign-in.failed'))::int AS "failedSignIns",
             (COUNT(*) FILTER (WHERE e.action = 'rate-limit'))::int AS "rateLimitHits",
             COUNT(DISTINCT e."tenantId")::int AS tenants,
             COUNT(DISTINCT e.target)::int AS targets,
             MIN(e."createdAt") AS "firstAt",
             MAX(e."createdAt") AS "lastAt"
      FROM "AuditEvent" e
      WHERE e.action = ANY(${ABUSE_ACTIONS}) AND e."createdAt" >= ${opts.since}
      GROUP BY 1
      ORDER BY COUNT(*) DESC, 1
      LIMIT ${take}`,
    db.$queryRaw<TAbuseByTenant[]>`
      SELECT e."tenantId" AS "tenantId",
             t.name AS "tenantName",
             (COUNT(*) FILTER (WHERE e.action = 'sign-in.failed'))::int AS "failedSignIns",
             (COUNT(*) FILTER (WHERE e.action = 'rate-limit'))::int AS "rateLimitHits",
             COUNT(DISTINCT e.detail->>'address')::int AS addresses,
             MAX(e."createdAt") AS "lastAt"
      FROM "AuditEvent" e
      JOIN "Tenant" t ON t.id = e."tenantId"
      WHERE e.action = ANY(${ABUSE_ACTIONS}) AND e."createdAt" >= ${opts.since}
      GROUP BY e."tenantId", t.name
      ORDER BY COUNT(*) DESC, t.name
      LIMIT ${take}`,
  ]);
  return { since: opts.since, byAddress, byTenant };
}

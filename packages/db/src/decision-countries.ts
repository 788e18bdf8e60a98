import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";

// Decisions written before Decision.country existed have none; the maintenance backfill looks them
// up. A null is also what an address of no known registration keeps, so the backfill revisits
// those on each run: a bisection per address, bounded by the listing window.

/** Tenants with decisions of the window that have no country (maintenance: across tenants, as the owner). */
export async function tenantsWithCountrylessDecisions(since: Date): Promise<string[]> {
  const rows = await getDb().$queryRawUnsafe<{ tenantId: string }[]>(
    `SELECT DISTINCT d."tenantId" FROM "Decision" d WHERE d."country" IS NULL AND d."reportedAt" >= $1`,
    since,
  );
  return rows.map((r) => r.tenantId);
}

/** One keyset page (by address) of the tenant's countryless decisions of the window. */
export async function countrylessDecisionIps(opts: {
  tenantId: string;
  since: Date;
  after: string;
  take: number;
}): Promise<string[]> {
  const rows = await withTenant(opts.tenantId, (tx) =>
    tx.$queryRawUnsafe<{ ip: string }[]>(
      `SELECT d."ip" FROM "Decision" d
        WHERE d."tenantId" = $1 AND d."country" IS NULL AND d."reportedAt" >= $2 AND d."ip" > $3
        ORDER BY d."ip" LIMIT ${Math.max(1, Math.floor(opts.take))}`,
      opts.tenantId,
      opts.since,
      opts.after,
    ),
  );
  return rows.map((r) => r.ip);
}

/** Sets the country of the tenant's decisions that still have none (a report may have written one since). */
export async function setDecisionCountries(
  tenantId: string,
  rows: readonly { ip: string; country: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return withTenant(tenantId, (tx) =>
    tx.$executeRawUnsafe(
      `UPDATE "Decision" d SET "country" = t.country
         FROM unnest($2::text[], $3::text[]) AS t(ip, country)
        WHERE d."tenantId" = $1 AND d."ip" = t.ip AND d."country" IS NULL`,
      tenantId,
      rows.map((r) => r.ip),
      rows.map((r) => r.country),
    ),
  );
}

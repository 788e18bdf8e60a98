import { deleteTenant, getTenant, streamTenantRows, tenantRowCounts } from "@mlsec/db";
import { deletePrefix, getStorage, tenantPrefix, type TStorage } from "@mlsec/storage";

/**
 * Erases a tenant: its objects in S3 (uploads, reports, models, snapshots: everything under its
 * prefix), then its rows, then the prefix again for anything a job still running wrote meanwhile.
 * S3 first: should the database step fail, the tenant still exists and the erase can be run again.
 */
export async function eraseTenant(
  tenantId: string,
  storage: TStorage = getStorage(),
): Promise<{ objects: number; rows: Record<string, number> }> {
  if (!(await getTenant(tenantId))) throw new Error(`no tenant ${tenantId}`);
  const rows = await tenantRowCounts(tenantId);
  let objects = await deletePrefix(tenantPrefix(tenantId), storage);
  await deleteTenant(tenantId);
  objects += await deletePrefix(tenantPrefix(tenantId), storage);
  return { objects, rows };
}

/**
 * All of a tenant's data as JSON Lines, one row a line: `{"table": "...", "row": {...}}`, first the
 * tenant, then its members' accounts and every table it owns; no password, key or token hashes and
 * no webhook secret. Streams: a tenant of millions of rollups never sits in memory.
 */
export async function* exportTenant(tenantId: string): AsyncGenerator<string> {
  for await (const { table, rows } of streamTenantRows(tenantId))
    for (const row of rows) yield `${JSON.stringify({ table, row }, jsonValue)}\n`;
}

// PostgreSQL counts come back as BigInt, which JSON cannot hold; dates serialise as ISO strings.
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

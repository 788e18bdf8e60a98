import { getDb } from "./client.ts";

/**
 * Columns never exported: hashes that would let a reader test guesses offline, and the sealed
 * webhook secret. Everything else a tenant owns goes out as stored.
 */
const SECRET_COLUMNS = new Set([
  "hash",
  "tokenHash",
  "passwordHash",
  "webhookSecretSealed",
  "webhookSecretLegacy",
]);
const BATCH = 5_000;

/**
 * Every table with a "tenantId" column: what a tenant owns directly (read from the catalogue, so new
 * tables count). A partition is not a table of its own here: its rows are its parent's
 * (IpDayRollup's monthly partitions), so counting or exporting both would count them twice.
 */
export async function tenantTables(): Promise<string[]> {
  const rows = await getDb().$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN pg_class k ON k.relname = c.table_name
       JOIN pg_namespace n ON n.oid = k.relnamespace AND n.nspname = c.table_schema
      WHERE c.table_schema = current_schema() AND c.column_name = 'tenantId' AND NOT k.relispartition
      ORDER BY c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * The tables that hold a table's rows: itself, or for a partitioned table its leaf partitions. A
 * ctid is an address within one table, so the export's keyset on it walks each leaf on its own.
 */
async function leafTables(table: string): Promise<string[]> {
  const rows = await getDb().$queryRawUnsafe<{ name: string }[]>(
    `SELECT relid::regclass::text AS name FROM pg_partition_tree($1::regclass) WHERE isleaf ORDER BY 1`,
    `"${table}"`,
  );
  // A plain table is its own one leaf: regclass quotes a mixed-case name, the keyset wants it bare.
  return rows.length > 0 ? rows.map((r) => r.name.replace(/^"|"$/g, "")) : [table];
}

/** How many rows of each tenant table belong to the tenant (the erasure test, the export's summary). */
export async function tenantRowCounts(tenantId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tenantTables()) {
    const rows = await getDb().$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table}" WHERE "tenantId" = $1`,
      tenantId,
    );
    out[table] = Number(rows[0]?.n ?? 0);
  }
  return out;
}

export type TTenantRows = { table: string; rows: Record<string, unknown>[] };

const withoutSecrets = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !SECRET_COLUMNS.has(k)));

/**
 * Everything the tenant owns, a table and a batch at a time (keyset on the row's physical id, so a
 * table of millions streams in constant memory): the tenant row, its members' user rows, every table
 * with its tenantId, its feeds' sent entries and its community contributions. Secrets left out.
 */
export async function* streamTenantRows(tenantId: string): AsyncGenerator<TTenantRows> {
  const db = getDb();
  const tenant = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT * FROM "Tenant" WHERE "id" = $1`,
    tenantId,
  );
  if (tenant.length === 0) return;
  yield { table: "Tenant", rows: tenant.map(withoutSecrets) };
  yield {
    table: "User",
    rows: (
      await db.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT u.* FROM "User" u JOIN "Membership" m ON m."userId" = u."id" WHERE m."tenantId" = $1 ORDER BY u."id"`,
        tenantId,
      )
    ).map(withoutSecrets),
  };
  const scoped: [string, string, unknown][] = (await tenantTables()).map((t) => [
    t,
    `"tenantId" = $1`,
    tenantId,
  ]);
  scoped.push(["FeedSentEntry", `"feedId" IN (SELECT "id" FROM "Feed" WHERE "tenantId" = $1)`, tenantId]);
  const pseudonym = tenant[0]?.communityContributorId;
  if (typeof pseudonym === "string")
    scoped.push(["CommunityContribution", `"contributorId" = $1`, pseudonym]);
  for (const [table, where, param] of scoped)
    for (const leaf of await leafTables(table)) {
      let after = "(0,0)";
      for (;;) {
        const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT ctid::text AS "__ctid", * FROM "${leaf}" WHERE ${where} AND ctid > $2::tid ORDER BY ctid LIMIT ${BATCH}`,
          param,
          after,
        );
        if (rows.length === 0) break;
        const last = rows[rows.length - 1]?.__ctid;
        if (typeof last === "string") after = last;
        yield { table, rows: rows.map(({ __ctid: _ctid, ...row }) => withoutSecrets(row)) };
        if (rows.length < BATCH) break;
      }
    }
}

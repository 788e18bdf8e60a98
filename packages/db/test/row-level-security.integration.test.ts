import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addListEntry,
  closeDb,
  getDb,
  getTenant,
  getUpload,
  listApiKeys,
  listAudit,
  listListEntries,
  listMembers,
  listUploads,
  listVerdicts,
  NotFoundError,
  recordAudit,
  withTenant,
} from "../src/index.ts";
import type { Prisma } from "../src/generated/prisma/client.ts";
import { seedTenant } from "./factories.ts";

// The database's own tenant wall (migration 20261216090000_row_level_security), proved on raw SQL
// as the mlsec_tenant role, and through packages/db's withTenant. Runs on the real PostgreSQL.

afterAll(closeDb);

type TTx = Prisma.TransactionClient;

/**
 * Every table with a "tenantId" column, read at test time so a table added later is included. A
 * partition (IpDayRollup's months) is reached through its parent, whose policy applies to its rows:
 * "partitions are unreachable directly" below proves the role cannot go around the parent.
 */
async function tenantTables(): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ table_name: string }[]>`
    SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace
     WHERE c.table_schema = 'public' AND c.column_name = 'tenantId' AND t.table_type = 'BASE TABLE'
       AND NOT k.relispartition
     ORDER BY 1`;
  return rows.map((r) => r.table_name);
}

/** Partitions of tenant tables (IpDayRollup's monthly ones and its DEFAULT). */
async function tenantPartitions(): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ name: string }[]>`
    SELECT k.relname AS name FROM pg_class k
      JOIN pg_inherits i ON i.inhrelid = k.oid
     WHERE k.relnamespace = 'public'::regnamespace AND k.relispartition AND k.relkind = 'r'
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.oid AND a.attname = 'tenantId')
     ORDER BY 1`;
  return rows.map((r) => r.name);
}

/** Tables owned through a parent or by themselves, walled by an explicit policy. */
const PARENT_WALLED = ["FeedSentEntry", "Tenant", "User"];

/** Runs fn as mlsec_tenant in a transaction, with mlsec.tenant_id set only when tenantId is given. */
async function asTenantRole<T>(tenantId: string | null, fn: (tx: TTx) => Promise<T>): Promise<T> {
  return getDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL ROLE mlsec_tenant`);
    if (tenantId !== null) await tx.$queryRaw`SELECT set_config('mlsec.tenant_id', ${tenantId}, true)`;
    return fn(tx);
  });
}

const count = async (tx: TTx, sql: string, ...params: unknown[]): Promise<number> => {
  const rows = await tx.$queryRawUnsafe<{ n: bigint }[]>(sql, ...params);
  return Number(rows[0]?.n ?? -1);
};

/** One row in every tenant table for the tenant (as the owner, outside the wall). */
async function seedEveryTable(tenantId: string, label: string) {
  const db = getDb();
  const upload = await db.upload.create({ data: { tenantId, filename: `${label}.log`, s3Key: "k" } });
  const model = await db.model.create({ data: { tenantId, version: 1, s3Key: "m", metrics: {} } });
  const report = await db.report.create({
    data: { tenantId, uploadId: upload.id, s3Key: "r", modelId: model.id, summary: {} },
  });
  const day = new Date("2026-12-01T00:00:00.000Z");
  await db.ipDayRollup.create({
    data: {
      tenantId,
      sourceKey: "s",
      day,
      ip: "192.0.2.1",
      events: 1,
      distinctPorts: 1,
      ports: {},
      blockedPorts: {},
      protocols: {},
      actions: {},
      firstSeen: day,
      lastSeen: day,
    },
  });
  await db.verdict.create({ data: { tenantId, ip: "192.0.2.1", verdict: "malicious" } });
  await db.listEntry.create({ data: { tenantId, kind: "block", value: "192.0.2.1", createdBy: "t" } });
  await db.auditEvent.create({ data: { tenantId, actor: "t", action: "export" } });
  await db.savedFilter.create({ data: { tenantId, name: "f", filter: { bucket: "block" }, createdBy: "t" } });
  await db.backtest.create({ data: { tenantId, fromDay: day, toDay: day, requestedBy: "t" } });
  await db.invitation.create({
    data: { tenantId, email: `${label}@x.test`, role: "viewer", tokenHash: `h-${tenantId}`, expiresAt: day },
  });
  await db.decision.create({
    data: {
      tenantId,
      ip: "192.0.2.1",
      sortKey: "k",
      family: 4,
      score: 0.99,
      bucket: "block",
      cluster: "c",
      driver: "own",
      asOf: day,
      validUntil: day,
      reportId: report.id,
      reportedAt: day,
    },
  });
  const feed = await db.feed.create({
    data: {
      tenantId,
      name: "f",
      format: "plain",
      tokenHash: `f-${tenantId}`,
      tokenPrefix: "p",
      createdBy: "t",
    },
  });
  await db.feedSentEntry.create({
    data: { feedId: feed.id, sortKey: "k", value: "192.0.2.1", scope: "Ip", scenario: "s" },
  });
  return { uploadId: upload.id, feedId: feed.id };
}

/** Tables seedEveryTable fills: a new tenant table fails the isolation test until it is added here. */
const SEEDED = [
  "ApiKey",
  "AuditEvent",
  "Backtest",
  "Decision",
  "Feed",
  "Invitation",
  "IpDayRollup",
  "ListEntry",
  "Membership",
  "Model",
  "Report",
  "SavedFilter",
  "Upload",
  "Verdict",
];

describe("the policies", () => {
  it("enable row-level security with a tenant_wall policy on every table that has a tenantId column", async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThanOrEqual(12);
    const rows = await getDb().$queryRaw<{ relname: string; rls: boolean; policies: bigint }[]>`
      SELECT c.relname, c.relrowsecurity AS rls,
             (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                AND p.policyname = 'tenant_wall') AS policies
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname = ANY(${[...tables, ...PARENT_WALLED]})`;
    const byTable = new Map(rows.map((r) => [r.relname, { rls: r.rls, policies: Number(r.policies) }]));
    for (const table of [...tables, ...PARENT_WALLED])
      expect({ table, ...byTable.get(table) }).toEqual({ table, rls: true, policies: 1 });
  });

  it("leave partitions unreachable directly: the role has no privilege on any, only on the parent", async () => {
    const parts = await tenantPartitions();
    expect(parts).toContain("IpDayRollup_default");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const read = asTenantRole("any", (tx) => count(tx, `SELECT count(*) AS n FROM "${part}"`));
      await expect(read, part).rejects.toThrow(/permission denied/);
    }
  });

  it("bind a role that cannot log in or bypass them, which the app's user may switch to", async () => {
    const [role] = await getDb().$queryRaw<
      { rolcanlogin: boolean; rolbypassrls: boolean; member: boolean }[]
    >`
      SELECT rolcanlogin, rolbypassrls, pg_has_role(current_user, 'mlsec_tenant', 'MEMBER') AS member
        FROM pg_roles WHERE rolname = 'mlsec_tenant'`;
    expect(role).toEqual({ rolcanlogin: false, rolbypassrls: false, member: true });
  });
});

describe("raw SQL as mlsec_tenant", () => {
  let a: Awaited<ReturnType<typeof seedTenant>>;
  let b: Awaited<ReturnType<typeof seedTenant>>;
  let bRows: Awaited<ReturnType<typeof seedEveryTable>>;
  beforeAll(async () => {
    a = await seedTenant("rls-a");
    b = await seedTenant("rls-b");
    await seedEveryTable(a.tenantId, "rls-a");
    bRows = await seedEveryTable(b.tenantId, "rls-b");
  });

  it("seeds both tenants in every tenant table (a new tenant table must be seeded here)", async () => {
    const tables = await tenantTables();
    expect(tables).toEqual([...SEEDED].sort());
    for (const table of tables) {
      const n = await count(
        getDb(),
        `SELECT count(*) AS n FROM "${table}" WHERE "tenantId" IN ($1, $2)`,
        a.tenantId,
        b.tenantId,
      );
      expect({ table, n: n >= 2 }).toEqual({ table, n: true });
    }
  });

  it("sees no row at all without the tenant setting", async () => {
    for (const table of [...(await tenantTables()), ...PARENT_WALLED]) {
      const n = await asTenantRole(null, (tx) => count(tx, `SELECT count(*) AS n FROM "${table}"`));
      expect({ table, n }).toEqual({ table, n: 0 });
    }
  });

  it("sees only tenant A's rows under A's setting, even when asking for B's", async () => {
    for (const table of await tenantTables()) {
      const [own, other, all] = await asTenantRole(a.tenantId, async (tx) => [
        await count(tx, `SELECT count(*) AS n FROM "${table}" WHERE "tenantId" = $1`, a.tenantId),
        await count(tx, `SELECT count(*) AS n FROM "${table}" WHERE "tenantId" = $1`, b.tenantId),
        await count(tx, `SELECT count(*) AS n FROM "${table}" WHERE "tenantId" <> $1`, a.tenantId),
      ]);
      expect({ table, own: own > 0, other, all }).toEqual({ table, own: true, other: 0, all: 0 });
    }
    const sent = await asTenantRole(a.tenantId, (tx) =>
      count(tx, `SELECT count(*) AS n FROM "FeedSentEntry" WHERE "feedId" = $1`, bRows.feedId),
    );
    expect(sent).toBe(0);
    const tenants = await asTenantRole(
      a.tenantId,
      (tx) => tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Tenant"`,
    );
    expect(tenants).toEqual([{ id: a.tenantId }]);
    const users = await asTenantRole(
      a.tenantId,
      (tx) => tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User"`,
    );
    expect(users).toEqual([{ id: a.userId }]);
  });

  it("refuses to insert B's row under A's setting, in every tenant table", async () => {
    for (const table of await tenantTables()) {
      // B's own row, read as the owner, offered back under A's setting: the WITH CHECK refuses it
      // before any unique index is consulted.
      const [row] = await getDb().$queryRawUnsafe<{ r: unknown }[]>(
        `SELECT row_to_json(t) AS r FROM "${table}" t WHERE "tenantId" = $1 LIMIT 1`,
        b.tenantId,
      );
      const insert = asTenantRole(a.tenantId, (tx) =>
        tx.$executeRawUnsafe(
          `INSERT INTO "${table}" SELECT * FROM json_populate_record(NULL::"${table}", $1::json)`,
          JSON.stringify(row?.r),
        ),
      );
      await expect(insert, table).rejects.toThrow(/row-level security/);
    }
    const sentEntry = asTenantRole(
      a.tenantId,
      (tx) =>
        tx.$executeRaw`INSERT INTO "FeedSentEntry" ("feedId","sortKey","value","scope","scenario")
                     VALUES (${bRows.feedId}, 'z', '192.0.2.9', 'Ip', 's')`,
    );
    await expect(sentEntry).rejects.toThrow(/row-level security/);
  });

  it("cannot update or delete B's rows under A's setting", async () => {
    const [updated, deleted] = await asTenantRole(a.tenantId, async (tx) => [
      await tx.$executeRaw`UPDATE "Upload" SET "filename" = 'x' WHERE "id" = ${bRows.uploadId}`,
      await tx.$executeRaw`DELETE FROM "Upload" WHERE "id" = ${bRows.uploadId}`,
    ]);
    expect([updated, deleted]).toEqual([0, 0]);
    const tenant = await asTenantRole(
      a.tenantId,
      (tx) => tx.$executeRaw`UPDATE "Tenant" SET "name" = 'x' WHERE "id" = ${b.tenantId}`,
    );
    expect(tenant).toBe(0);
    const still = await getDb().upload.findUniqueOrThrow({ where: { id: bRows.uploadId } });
    expect(still.filename).toBe("rls-b.log");
  });
});

describe("withTenant and the request functions behind it", () => {
  it("answers what the owner's scoped query answers, for the tenant's own rows", async () => {
    const a = await seedTenant("wall-a");
    await seedTenant("wall-b");
    const db = getDb();
    await addListEntry({ tenantId: a.tenantId, kind: "block", value: "198.51.100.7", createdBy: a.userId });
    await recordAudit({ tenantId: a.tenantId, actor: a.userId, action: "export" });
    await seedEveryTable(a.tenantId, "wall-a");

    const where = { tenantId: a.tenantId };
    expect(await listUploads({ tenantId: a.tenantId })).toEqual(
      await db.upload.findMany({ where, orderBy: { createdAt: "desc" }, take: 50 }),
    );
    expect(await listListEntries(a.tenantId)).toEqual(
      await db.listEntry.findMany({ where, orderBy: { createdAt: "desc" } }),
    );
    const audit = await listAudit({ tenantId: a.tenantId });
    expect(audit.map((e) => e.action).sort()).toEqual(["export", "export"]);
    expect(audit).toEqual(
      await db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100 }),
    );
    const members = await listMembers(a.tenantId);
    expect(members).toMatchObject([{ userId: a.userId, role: "owner" }]);
    expect((await listApiKeys(a.tenantId)).length).toBe(1);
    expect((await listVerdicts({ tenantId: a.tenantId })).length).toBe(1);
    expect((await getTenant(a.tenantId))?.id).toBe(a.tenantId);
  });

  it("returns nothing of another tenant, even with the app's own filter removed", async () => {
    const a = await seedTenant("mis-a");
    const b = await seedTenant("mis-b");
    const bRows = await seedEveryTable(b.tenantId, "mis-b");
    // The app's wall: B's upload asked for under A's id.
    await expect(getUpload({ tenantId: a.tenantId, id: bRows.uploadId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // The database's wall: the same id with no tenant filter at all, and B's id as the filter.
    const byId = await withTenant(a.tenantId, (tx) => tx.upload.findMany({ where: { id: bRows.uploadId } }));
    const asB = await withTenant(a.tenantId, (tx) => tx.upload.findMany({ where: { tenantId: b.tenantId } }));
    const raw = await withTenant(
      a.tenantId,
      (tx) => tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Upload" WHERE "id" = ${bRows.uploadId}`,
    );
    const sent = await withTenant(a.tenantId, (tx) =>
      tx.feedSentEntry.findMany({ where: { feedId: bRows.feedId } }),
    );
    expect({ byId, asB, raw, sent }).toEqual({ byId: [], asB: [], raw: [], sent: [] });
    // The owner, outside the wall, does see it: the empty answers above are the wall's doing.
    expect(await getDb().upload.count({ where: { id: bRows.uploadId } })).toBe(1);
    // And a write of B's row through the wall is refused.
    await expect(
      withTenant(a.tenantId, (tx) =>
        tx.listEntry.create({
          data: { tenantId: b.tenantId, kind: "allow", value: "203.0.113.1", createdBy: "x" },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("leaves no role or tenant on the pooled connection once it returns or throws", async () => {
    const a = await seedTenant("pool-a");
    const db = getDb();
    type TWho = { pid: number; who: string; tenant: string | null };
    const who = (tx: TTx | typeof db) =>
      tx.$queryRaw<TWho[]>`SELECT pg_backend_pid() AS pid, current_user::text AS who,
                                  current_setting('mlsec.tenant_id', true) AS tenant`;
    const inside: TWho[] = [];
    const after: TWho[] = [];
    for (let i = 0; i < 5; i += 1) {
      inside.push(...(await withTenant(a.tenantId, (tx) => who(tx))));
      after.push(...(await who(db)));
      await expect(
        withTenant(a.tenantId, async (tx) => {
          inside.push(...(await who(tx)));
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      after.push(...(await who(db)));
    }
    expect(new Set(inside.map((r) => `${r.who}/${r.tenant}`))).toEqual(
      new Set([`mlsec_tenant/${a.tenantId}`]),
    );
    // Same connections as inside (so the check is about reuse), yet the owner's view without a tenant.
    expect(after.some((r) => inside.some((i) => i.pid === r.pid))).toBe(true);
    const owner = (await db.$queryRaw<{ u: string }[]>`SELECT session_user::text AS u`)[0]?.u;
    for (const r of after) {
      expect(r.who).toBe(owner);
      expect(r.tenant ?? "").toBe("");
    }
    // The owner still sees every tenant (system jobs run there).
    expect(await db.tenant.count()).toBeGreaterThan(1);
  });
});

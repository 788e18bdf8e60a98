-- IpDayRollup becomes a table range-partitioned on "day" (#21, "Rollups partitioned by day"):
-- a query for a day range reads only the partitions of those days, and retention drops a whole
-- old partition instead of deleting its rows one by one. Prisma's schema cannot say "partitioned",
-- so schema.prisma keeps the model as it was (same columns, key and indexes: the client and
-- prisma migrate diff see the same table) and this file is the only place the layout is written.
-- docs/operations.md ("Rollup partitions") has the maintenance, packages/db rollup-partitions.ts
-- the code that creates and drops partitions at run time.
--
-- Monthly partitions, not daily: retention periods are 90 to 36500 days, so a month is a small
-- slice of any tenant's window (a dropped month is never more than a month late), while a daily
-- grain would mean up to 36500 partitions. The IP page's history filters by address, not day, and
-- probes every partition's (tenantId, ip) index: twelve a year stays cheap, 365 a year would not,
-- and planning time grows with the number of partitions too.
--
-- A DEFAULT partition catches a row of a month with no partition yet, so no insert can fail. The
-- rollup writer creates a month's partition before it writes into it and moves any rows of that
-- month out of DEFAULT, so DEFAULT stays empty in practice.
--
-- Statements run one by one (the pg adapter of infra/prisma-migrate.mjs splits on every semicolon,
-- comments and dollar quotes included: no semicolon may appear in a comment here), so the move is
-- wrapped in one explicit transaction: a failure leaves the old table as it was.
BEGIN;

-- Readers and the writer wait for the move instead of seeing a half-built table.
LOCK TABLE "IpDayRollup" IN ACCESS EXCLUSIVE MODE;

ALTER TABLE "IpDayRollup" RENAME TO "IpDayRollup_unpartitioned";
ALTER TABLE "IpDayRollup_unpartitioned" RENAME CONSTRAINT "IpDayRollup_pkey" TO "IpDayRollup_unpartitioned_pkey";
ALTER INDEX "IpDayRollup_tenantId_day_idx" RENAME TO "IpDayRollup_unpartitioned_tenantId_day_idx";
ALTER INDEX "IpDayRollup_tenantId_ip_idx" RENAME TO "IpDayRollup_unpartitioned_tenantId_ip_idx";

-- The same columns as 20261129000000_init after 20261129150000_rollup_bulk_load (json maps, no
-- foreign key). The primary key already holds "day", which a partitioned table's unique keys must.
CREATE TABLE "IpDayRollup" (
    "tenantId" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "ip" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "distinctPorts" INTEGER NOT NULL,
    "ports" JSON NOT NULL,
    "blockedPorts" JSON NOT NULL,
    "protocols" JSON NOT NULL,
    "actions" JSON NOT NULL,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL
) PARTITION BY RANGE ("day");

CREATE TABLE "IpDayRollup_default" PARTITION OF "IpDayRollup" DEFAULT;

-- One partition per month that existing rows use, and the current month with the next three (the
-- maintenance job keeps creating them ahead). The same one-line helper as the RLS migrations, its
-- semicolon escaped as \073, since a DO block cannot be written here.
CREATE FUNCTION mlsec_rollup_exec(stmt text) RETURNS void LANGUAGE plpgsql AS E'BEGIN EXECUTE stmt\073 END';

SELECT mlsec_rollup_exec(format(
         'CREATE TABLE %I PARTITION OF "IpDayRollup" FOR VALUES FROM (%L) TO (%L)',
         'IpDayRollup_' || to_char(m.month, 'YYYY_MM'), m.month, (m.month + interval '1 month')::date))
FROM (SELECT DISTINCT date_trunc('month', "day")::date AS month FROM "IpDayRollup_unpartitioned"
      UNION
      SELECT generate_series(date_trunc('month', current_date),
                             date_trunc('month', current_date) + interval '3 months',
                             interval '1 month')::date) m
ORDER BY m.month;

DROP FUNCTION mlsec_rollup_exec(text);

-- Rows first, indexes after: building an index over loaded rows is cheaper than maintaining it
-- through every insert.
INSERT INTO "IpDayRollup" ("tenantId", "sourceKey", "day", "ip", "events", "distinctPorts", "ports",
                           "blockedPorts", "protocols", "actions", "firstSeen", "lastSeen")
SELECT "tenantId", "sourceKey", "day", "ip", "events", "distinctPorts", "ports",
       "blockedPorts", "protocols", "actions", "firstSeen", "lastSeen"
  FROM "IpDayRollup_unpartitioned";

DROP TABLE "IpDayRollup_unpartitioned";

-- The names Prisma gave them, so the schema and the database still agree. Each partition gets its
-- own copy, made by PostgreSQL for the ones above and for every partition created later.
ALTER TABLE "IpDayRollup" ADD CONSTRAINT "IpDayRollup_pkey" PRIMARY KEY ("tenantId", "sourceKey", "day", "ip");
CREATE INDEX "IpDayRollup_tenantId_day_idx" ON "IpDayRollup"("tenantId", "day");
CREATE INDEX "IpDayRollup_tenantId_ip_idx" ON "IpDayRollup"("tenantId", "ip");

-- The tenant wall, as 20261216090000_row_level_security made it for the old table. On the parent
-- only: a query through the parent is checked against the parent's policy, whatever partition the
-- row is in, and mlsec_tenant gets no grant on any partition, so it cannot go around the parent.
ALTER TABLE "IpDayRollup" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON "IpDayRollup"
  USING ("tenantId" = current_setting('mlsec.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('mlsec.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON "IpDayRollup" TO mlsec_tenant;

COMMIT;

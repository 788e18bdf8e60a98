-- Rollups are bulk-loaded with COPY. Measured on 654k rows: the per-row foreign-key check was a
-- third of PostgreSQL's time and jsonb's conversion another tenth (docs/benchmarks.md). Nothing
-- queries inside the maps, and a tenant's rollups are deleted by deleteTenant (packages/db).
-- DropForeignKey
ALTER TABLE "IpDayRollup" DROP CONSTRAINT "IpDayRollup_tenantId_fkey";

-- AlterTable
ALTER TABLE "IpDayRollup" ALTER COLUMN "ports" SET DATA TYPE JSON,
ALTER COLUMN "blockedPorts" SET DATA TYPE JSON,
ALTER COLUMN "protocols" SET DATA TYPE JSON,
ALTER COLUMN "actions" SET DATA TYPE JSON;


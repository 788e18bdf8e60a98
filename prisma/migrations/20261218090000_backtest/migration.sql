-- Day-forward backtest runs per tenant (#17 "a first-class command and job").
-- CreateEnum
CREATE TYPE "BacktestStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "Backtest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "status" "BacktestStatus" NOT NULL DEFAULT 'queued',
    "fromDay" DATE NOT NULL,
    "toDay" DATE NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "summary" JSONB,
    "error" TEXT,
    "resultKey" TEXT,

    CONSTRAINT "Backtest_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Backtest_range_check" CHECK ("fromDay" <= "toDay" AND "toDay" - "fromDay" < 14)
);

-- CreateIndex
CREATE INDEX "Backtest_tenantId_createdAt_idx" ON "Backtest"("tenantId", "createdAt");

-- One queued or running run per tenant, enforced by the database so two requests racing past the
-- API's check cannot both start one (packages/db backtests.ts maps the violation to a conflict).
CREATE UNIQUE INDEX "Backtest_one_active_key" ON "Backtest"("tenantId") WHERE "status" IN ('queued', 'running');

-- AddForeignKey
ALTER TABLE "Backtest" ADD CONSTRAINT "Backtest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The tenant wall (20261216090000_row_level_security), as on every tenant table.
ALTER TABLE "Backtest" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON "Backtest"
  USING ("tenantId" = current_setting('mlsec.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('mlsec.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON "Backtest" TO mlsec_tenant;

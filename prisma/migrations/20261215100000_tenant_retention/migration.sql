-- Per-tenant retention (#20 data lifecycle): the daily maintenance job deletes a tenant's rollups
-- and raw uploaded files older than this many days. Null keeps them forever (the default, so the
-- deploy itself deletes nothing). At least 90 days, the default decay horizon: fewer would change
-- the ranks of data still in the window.
ALTER TABLE "Tenant" ADD COLUMN "retentionDays" INTEGER;
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_retentionDays_range"
  CHECK ("retentionDays" IS NULL OR "retentionDays" BETWEEN 90 AND 36500);
-- When retention deleted the upload's raw file (its report, snapshot and counts stay): the next run
-- skips it, and the upload page can say why the file is gone.
ALTER TABLE "Upload" ADD COLUMN "rawPurgedAt" TIMESTAMP(3);

-- The registration country of a listed address, written by the report stage with the decision, so
-- the listed view's country filter is an index lookup instead of matching every address against
-- the country's address ranges. Rows written before this stay null until a report rewrites them
-- (the maintenance backfill fills them sooner).
-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "country" TEXT;

-- CreateIndex
CREATE INDEX "Decision_tenantId_country_idx" ON "Decision"("tenantId", "country");

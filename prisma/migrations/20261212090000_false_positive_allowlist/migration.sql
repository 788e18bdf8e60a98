-- A false-positive verdict (benign, on the whole address) allow-lists the address for this many days.
-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "falsePositiveAllowDays" INTEGER NOT NULL DEFAULT 30;

-- The verdict that made an allow entry, so a later malicious verdict removes only entries made that way.
-- AlterTable
ALTER TABLE "ListEntry" ADD COLUMN     "verdictId" TEXT;

-- Verdicts and the provenance page look entries up by their exact value.
-- CreateIndex
CREATE INDEX "ListEntry_tenantId_value_idx" ON "ListEntry"("tenantId", "value");

-- CreateIndex
CREATE INDEX "IpDayRollup_tenantId_ip_idx" ON "IpDayRollup"("tenantId", "ip");


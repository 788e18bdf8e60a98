-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "communityContributorId" TEXT,
ADD COLUMN     "contributeToCommunity" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CommunityContribution" (
    "contributorId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "ip" TEXT NOT NULL,

    CONSTRAINT "CommunityContribution_pkey" PRIMARY KEY ("contributorId","day","ip")
);

-- CreateTable
CREATE TABLE "CommunityFeed" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "licence" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3),
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CommunityFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityRun" (
    "id" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL,

    CONSTRAINT "CommunityRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommunityContribution_day_idx" ON "CommunityContribution"("day");

-- CreateIndex
CREATE INDEX "CommunityRun_computedAt_idx" ON "CommunityRun"("computedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_communityContributorId_key" ON "Tenant"("communityContributorId");


-- Decisions (what a tenant lists now), feeds (filtered views with their own tokens) and what each
-- stream consumer was last sent. sortKey is compared byte-wise (COLLATE "C"): it encodes numeric
-- address order, which keyset pages and merge joins rely on.
-- CreateTable
CREATE TABLE "Decision" (
    "tenantId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "sortKey" TEXT COLLATE "C" NOT NULL,
    "family" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "bucket" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "asn" INTEGER,
    "asOf" DATE NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "reportId" TEXT NOT NULL,
    "modelId" TEXT,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("tenantId","ip")
);

-- CreateTable
CREATE TABLE "Feed" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "minScore" DOUBLE PRECISION,
    "buckets" TEXT[],
    "includeCommunity" BOOLEAN NOT NULL DEFAULT true,
    "family" INTEGER,
    "aggregate" BOOLEAN NOT NULL DEFAULT false,
    "maxEntries" INTEGER NOT NULL DEFAULT 1000000,
    "pageSize" INTEGER,
    "tokenHash" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastPullAt" TIMESTAMP(3),
    "lastPullFrom" TEXT,
    "lastPullEntries" INTEGER,
    "pulls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Feed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedSentEntry" (
    "feedId" TEXT NOT NULL,
    "sortKey" TEXT COLLATE "C" NOT NULL,
    "value" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,

    CONSTRAINT "FeedSentEntry_pkey" PRIMARY KEY ("feedId","sortKey")
);

-- CreateIndex
CREATE INDEX "Decision_tenantId_sortKey_idx" ON "Decision"("tenantId", "sortKey");

-- CreateIndex
CREATE INDEX "Decision_tenantId_score_idx" ON "Decision"("tenantId", "score");

-- CreateIndex
CREATE UNIQUE INDEX "Feed_tokenHash_key" ON "Feed"("tokenHash");

-- CreateIndex
CREATE INDEX "Feed_tenantId_idx" ON "Feed"("tenantId");

-- AddForeignKey
ALTER TABLE "Feed" ADD CONSTRAINT "Feed_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedSentEntry" ADD CONSTRAINT "FeedSentEntry_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed"("id") ON DELETE CASCADE ON UPDATE CASCADE;


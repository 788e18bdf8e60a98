-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "notifyEmail" TEXT,
ADD COLUMN     "triageBlock" DOUBLE PRECISION NOT NULL DEFAULT 0.9,
ADD COLUMN     "triageReview" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
ADD COLUMN     "webhookSecret" TEXT,
ADD COLUMN     "webhookUrl" TEXT;


-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "clusterRules" JSONB;


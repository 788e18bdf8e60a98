-- A note for the user on an upload, e.g. that it duplicates an earlier upload of the same bytes
-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "note" TEXT;


-- Verdicts on one sampled event of an upload (#17): the event's upload and line beside the address
-- and day the verdict labels, and the event as it was sampled. Nullable: address and day verdicts
-- have none. The Verdict table's row-level security policy covers the new columns as it is.
-- AlterTable
ALTER TABLE "Verdict" ADD COLUMN "eventUploadId" TEXT,
ADD COLUMN "eventLine" INTEGER,
ADD COLUMN "event" JSONB;

-- An event verdict names both its upload and its line, and is always on that event's day.
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_event_reference_check" CHECK (
  ("eventUploadId" IS NULL AND "eventLine" IS NULL AND "event" IS NULL)
  OR ("eventUploadId" IS NOT NULL AND "eventLine" > 0 AND "event" IS NOT NULL AND "day" IS NOT NULL)
);

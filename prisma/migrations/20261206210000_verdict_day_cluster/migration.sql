-- A verdict may be about one UTC day of an address (and the behaviour rule seen that day).
-- Both are null for a verdict on the whole address, which is what every older row means.
-- AlterTable
ALTER TABLE "Verdict" ADD COLUMN     "cluster" TEXT,
ADD COLUMN     "day" DATE;


-- A CrowdSec poll when nothing changed answers from this fingerprint instead of a merge join.
ALTER TABLE "Feed" ADD COLUMN "streamFingerprint" TEXT;

-- AlterTable
ALTER TABLE "runs" ADD COLUMN "versions_sent" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- Runs so far were sent with the version they started with.
UPDATE "runs" SET "versions_sent" = ARRAY["version"] WHERE "requests_attempted" > 0;

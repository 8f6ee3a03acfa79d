-- Records, and payloads edited from them, are kept as the JSON text they were written in: `json`
-- keeps the text (key order, numbers as written), `jsonb` reorders keys. Existing rows keep the
-- order jsonb gave them.
-- AlterTable
ALTER TABLE "batch_job_checks" ALTER COLUMN "payloads" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "dead_letters" ALTER COLUMN "payload" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "delivery_batches" ALTER COLUMN "payloads" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "records" ALTER COLUMN "data" SET DATA TYPE JSON;

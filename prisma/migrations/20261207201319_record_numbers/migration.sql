-- Each record gets its number in its dataset (#1, #2, …), stable as records arrive; the dataset
-- counts every record it ever received, so a number is never given twice. Existing records are
-- numbered in id order, which is their arrival order.
ALTER TABLE "datasets" ADD COLUMN "records_received" BIGINT NOT NULL DEFAULT 0;

ALTER TABLE "records" ADD COLUMN "position" BIGINT;

UPDATE "records" AS r
   SET "position" = numbered.n
  FROM (SELECT "id", row_number() OVER (PARTITION BY "dataset_id" ORDER BY "id") AS n FROM "records") AS numbered
 WHERE r."id" = numbered."id";

UPDATE "datasets" AS d
   SET "records_received" = coalesce((SELECT max(r."position") FROM "records" r WHERE r."dataset_id" = d."id"), 0);

ALTER TABLE "records" ALTER COLUMN "position" SET NOT NULL;

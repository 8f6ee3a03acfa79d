-- Batches keep record ids, version and Idempotency-Key; the request is built when it is sent.
-- Batches queued before this keep their stored request and are sent with it as they are.
ALTER TABLE "delivery_batches" ALTER COLUMN "request" DROP NOT NULL,
ADD COLUMN "idempotency_key" TEXT;

-- A delivered attempt's body is built again from these records for the Request Log.
ALTER TABLE "delivery_attempts" ADD COLUMN "record_ids" BIGINT[];

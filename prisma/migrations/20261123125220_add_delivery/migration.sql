-- CreateEnum
CREATE TYPE "DeliverySchedule" AS ENUM ('continuous', 'interval', 'cron');

-- CreateEnum
CREATE TYPE "RunTrigger" AS ENUM ('activate', 'ingest', 'schedule', 'manual', 'retry');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'succeeded', 'partially_failed', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "concurrency" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "consecutive_failed_runs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cursor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "failing_reason" TEXT,
ADD COLUMN     "failing_since" TIMESTAMP(3),
ADD COLUMN     "max_attempts" INTEGER NOT NULL DEFAULT 6,
ADD COLUMN     "next_scheduled_at" TIMESTAMP(3),
ADD COLUMN     "request_timeout_seconds" DOUBLE PRECISION NOT NULL DEFAULT 30,
ADD COLUMN     "response_dataset_id" UUID,
ADD COLUMN     "retry_base_seconds" DOUBLE PRECISION NOT NULL DEFAULT 60,
ADD COLUMN     "schedule" "DeliverySchedule" NOT NULL DEFAULT 'continuous',
ADD COLUMN     "schedule_cron" TEXT,
ADD COLUMN     "schedule_interval_minutes" INTEGER;

-- CreateTable
CREATE TABLE "runs" (
    "id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "trigger" "RunTrigger" NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "up_to_record_id" BIGINT,
    "records_planned" INTEGER NOT NULL DEFAULT 0,
    "records_attempted" INTEGER NOT NULL DEFAULT 0,
    "records_delivered" INTEGER NOT NULL DEFAULT 0,
    "records_failed" INTEGER NOT NULL DEFAULT 0,
    "records_skipped" INTEGER NOT NULL DEFAULT 0,
    "requests_attempted" INTEGER NOT NULL DEFAULT 0,
    "requests_delivered" INTEGER NOT NULL DEFAULT 0,
    "requests_failed" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_batches" (
    "id" BIGSERIAL NOT NULL,
    "destination_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "record_ids" BIGINT[],
    "request" JSONB NOT NULL,
    "payloads" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "destination_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "batch_id" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "record_count" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "request_headers" JSONB NOT NULL,
    "request_body" TEXT,
    "status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "outcome" TEXT NOT NULL,
    "error_class" TEXT,
    "error_message" TEXT,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" BIGSERIAL NOT NULL,
    "destination_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "record_id" BIGINT,
    "payload" JSONB NOT NULL,
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "last_status" INTEGER,
    "last_response" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "runs_destination_id_started_at_idx" ON "runs"("destination_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "delivery_batches_destination_id_next_attempt_at_idx" ON "delivery_batches"("destination_id", "next_attempt_at");

-- CreateIndex
CREATE INDEX "delivery_attempts_destination_id_id_idx" ON "delivery_attempts"("destination_id", "id" DESC);

-- CreateIndex
CREATE INDEX "delivery_attempts_run_id_idx" ON "delivery_attempts"("run_id");

-- CreateIndex
CREATE INDEX "dead_letters_destination_id_id_idx" ON "dead_letters"("destination_id", "id");

-- AddForeignKey
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_response_dataset_id_fkey" FOREIGN KEY ("response_dataset_id") REFERENCES "datasets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_batches" ADD CONSTRAINT "delivery_batches_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

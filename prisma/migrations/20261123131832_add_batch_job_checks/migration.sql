-- CreateTable
CREATE TABLE "batch_job_checks" (
    "id" BIGSERIAL NOT NULL,
    "destination_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "job_url" TEXT NOT NULL,
    "request_body" TEXT,
    "record_ids" BIGINT[],
    "payloads" JSONB,
    "checks" INTEGER NOT NULL DEFAULT 0,
    "next_check_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_job_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "batch_job_checks_destination_id_next_check_at_idx" ON "batch_job_checks"("destination_id", "next_check_at");

-- AddForeignKey
ALTER TABLE "batch_job_checks" ADD CONSTRAINT "batch_job_checks_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "batch_job_checks" ADD COLUMN     "failed_checks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_answer" TEXT,
ADD COLUMN     "last_checked_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "failing_cause" TEXT;

-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "records_waiting_at_stop" INTEGER,
ADD COLUMN     "stopped_by" TEXT;

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "id" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

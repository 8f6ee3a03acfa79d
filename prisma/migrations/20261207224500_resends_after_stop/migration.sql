-- AlterTable
ALTER TABLE "delivery_attempts" ADD COLUMN     "resent_after_stop" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "delivery_batches" ADD COLUMN     "send_started_at" TIMESTAMP(3);

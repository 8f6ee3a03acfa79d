-- DropIndex
DROP INDEX "delivery_attempts_run_id_idx";

-- CreateIndex
CREATE INDEX "delivery_attempts_run_id_id_idx" ON "delivery_attempts"("run_id", "id" DESC);

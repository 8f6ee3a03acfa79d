-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('destination_failing', 'run_failed', 'credential_expiring', 'credential_expired');

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "alert_webhook_hint" TEXT,
ADD COLUMN     "alert_webhook_last_at" TIMESTAMP(3),
ADD COLUMN     "alert_webhook_last_error" TEXT,
ADD COLUMN     "alert_webhook_url" TEXT;

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "destination_id" UUID,
    "run_id" UUID,
    "credential_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"("dedupe_key");

-- CreateIndex
CREATE INDEX "notifications_workspace_id_created_at_idx" ON "notifications"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "delivery_attempts_started_at_idx" ON "delivery_attempts" USING BRIN ("started_at");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

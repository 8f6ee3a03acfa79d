-- CreateEnum
CREATE TYPE "CredentialStatus" AS ENUM ('untested', 'verified', 'failed');

-- CreateTable
CREATE TABLE "credentials" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "connector_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secrets" JSONB NOT NULL DEFAULT '{}',
    "secret_hints" JSONB NOT NULL DEFAULT '{}',
    "base_url" TEXT,
    "token_url" TEXT,
    "key_created_at" DATE,
    "rate_limit_requests" INTEGER,
    "rate_limit_window_seconds" INTEGER,
    "status" "CredentialStatus" NOT NULL DEFAULT 'untested',
    "last_tested_at" TIMESTAMP(3),
    "last_test_message" TEXT,
    "cached_token" TEXT,
    "cached_token_expires_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspector_bins" (
    "id" TEXT NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspector_bins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspector_requests" (
    "id" BIGSERIAL NOT NULL,
    "bin_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "body_bytes" INTEGER NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspector_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "credentials_workspace_id_idx" ON "credentials"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_workspace_id_name_key" ON "credentials"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "inspector_bins_workspace_id_idx" ON "inspector_bins"("workspace_id");

-- CreateIndex
CREATE INDEX "inspector_requests_bin_id_id_idx" ON "inspector_requests"("bin_id", "id");

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspector_bins" ADD CONSTRAINT "inspector_bins_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspector_requests" ADD CONSTRAINT "inspector_requests_bin_id_fkey" FOREIGN KEY ("bin_id") REFERENCES "inspector_bins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

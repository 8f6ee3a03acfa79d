-- CreateEnum
CREATE TYPE "DestinationStatus" AS ENUM ('draft', 'active', 'paused', 'failing');

-- CreateTable
CREATE TABLE "destinations" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dataset_id" UUID NOT NULL,
    "connector_id" TEXT NOT NULL,
    "credential_id" UUID,
    "status" "DestinationStatus" NOT NULL DEFAULT 'draft',
    "current_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "destinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "destination_versions" (
    "id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "destination_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "destinations_workspace_id_idx" ON "destinations"("workspace_id");

-- CreateIndex
CREATE INDEX "destinations_dataset_id_idx" ON "destinations"("dataset_id");

-- CreateIndex
CREATE INDEX "destinations_credential_id_idx" ON "destinations"("credential_id");

-- CreateIndex
CREATE UNIQUE INDEX "destinations_workspace_id_name_key" ON "destinations"("workspace_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "destination_versions_destination_id_version_key" ON "destination_versions"("destination_id", "version");

-- AddForeignKey
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "credentials"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "destination_versions" ADD CONSTRAINT "destination_versions_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

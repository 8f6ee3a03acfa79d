-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ingest_key_hash" TEXT,
    "ingest_key_hint" TEXT,
    "record_count" BIGINT NOT NULL DEFAULT 0,
    "last_received_at" TIMESTAMP(3),
    "schema" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "records" (
    "id" BIGSERIAL NOT NULL,
    "dataset_id" UUID NOT NULL,
    "data" JSONB NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "datasets_ingest_key_hash_key" ON "datasets"("ingest_key_hash");

-- CreateIndex
CREATE INDEX "datasets_workspace_id_idx" ON "datasets"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "datasets_workspace_id_name_key" ON "datasets"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "records_dataset_id_id_idx" ON "records"("dataset_id", "id");

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "records" ADD CONSTRAINT "records_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

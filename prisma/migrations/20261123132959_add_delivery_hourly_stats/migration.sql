-- CreateTable
CREATE TABLE "delivery_hourly_stats" (
    "destination_id" UUID NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "records_delivered" INTEGER NOT NULL DEFAULT 0,
    "records_failed" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "requests_failed" INTEGER NOT NULL DEFAULT 0,
    "latency_histogram" INTEGER[],

    CONSTRAINT "delivery_hourly_stats_pkey" PRIMARY KEY ("destination_id","hour")
);

-- AddForeignKey
ALTER TABLE "delivery_hourly_stats" ADD CONSTRAINT "delivery_hourly_stats_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

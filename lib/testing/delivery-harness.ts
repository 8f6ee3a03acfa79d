/**
 * The setup delivery tests share: a sink standing in for the API, a delivery worker in this
 * process, and before each test an empty database and a sink that answers 200 again.
 * Call it at the top of a test file: `const sink = deliveryHarness();`.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery/worker";
import { resetDatabase } from "./reset-database";
import { createSink, type Sink } from "./sink";

export function deliveryHarness(): Sink {
  const sink = createSink();
  const healthy = sink.respond;
  let worker: DeliveryWorker | undefined;
  beforeAll(async () => {
    await sink.listen();
    worker = await startDeliveryWorker(requireDatabaseUrl());
  });
  afterAll(async () => {
    await worker?.stop();
    await sink.close();
    await disconnectDb();
  });
  beforeEach(async () => {
    await resetDatabase();
    sink.requests.length = 0;
    sink.respond = healthy;
  });
  return sink;
}

/**
 * The positive control for "nothing was sent". A test appends records where nothing must go out,
 * then calls `deliverControlRecord()`: a flow of its own, to a sink of its own, activated on the
 * same worker, delivers one record appended after those. Once it has arrived, the worker was awake
 * and had the earlier records' wake-up before it, so what did not arrive elsewhere was held back,
 * not merely not reached yet.
 */
import { appendRecords } from "@/lib/datasets/store/append-records";
import { activateDestination } from "@/lib/delivery/lifecycle";
import { createFlow, numberedRecords, waitFor } from "./delivery-fixtures";
import { startSink } from "./sink";

export async function deliverControlRecord(): Promise<void> {
  const sink = await startSink();
  try {
    const flow = await createFlow({ sinkUrl: sink.url, name: "Control" });
    await activateDestination(flow.workspaceId, flow.destinationId);
    await appendRecords(flow.datasetId, numberedRecords(1, 1));
    await waitFor("the control record", () => sink.requests.length > 0);
  } finally {
    await sink.close();
  }
}

import { db } from "@/lib/db/client";
import { createDataset } from "./manage-datasets";
import { sampleRecords } from "./sample-records";
import { appendRecords } from "./store/append-records";

const BASE_NAME = "Sample users and events";

/** One click to a dataset worth sending: 200 user-profile and event records. */
export async function createSampleDataset(workspaceId: string): Promise<{ id: string }> {
  const taken = await db().dataset.count({ where: { workspaceId, name: { startsWith: BASE_NAME } } });
  const { id } = await createDataset(workspaceId, taken === 0 ? BASE_NAME : `${BASE_NAME} ${taken + 1}`);
  await appendRecords(id, sampleRecords());
  return { id };
}

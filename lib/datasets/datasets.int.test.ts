import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/reset-database";
import { createDataset, deleteDataset, renameDataset } from "./manage-datasets";
import { getDataset, listDatasets, listRecords, RECORDS_PAGE_SIZE } from "./read-datasets";
import { createSampleDataset } from "./sample-dataset";
import { schemaFields } from "./schema/infer-schema";
import { uploadDataset } from "./upload-dataset";

let workspaceId: string;
let otherWorkspaceId: string;

beforeEach(async () => {
  await resetDatabase();
  workspaceId = (await db().workspace.create({ data: { name: "Acme" } })).id;
  otherWorkspaceId = (await db().workspace.create({ data: { name: "Other" } })).id;
});
afterAll(disconnectDb);

/** A request body as the browser sends it: the file in small pieces. */
function streamOf(text: string, pieceSize = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + pieceSize));
      offset += pieceSize;
    },
  });
}

const upload = (text: string, name: string, fileName: string) =>
  uploadDataset(workspaceId, streamOf(text), {
    name,
    fileName,
    format: "auto",
    csv: { delimiter: "auto", typed: true },
  });

describe("an empty dataset", () => {
  it("reads with an empty schema until its first records arrive", async () => {
    const { id } = await createDataset(workspaceId, "Signups stream");
    const dataset = await getDataset(workspaceId, id);
    expect(dataset).toMatchObject({ recordCount: 0, schema: { records: 0, fields: {} } });
    expect(schemaFields(dataset?.schema ?? { records: 0, fields: {} })).toEqual([]);
  });
});

describe("uploadDataset", () => {
  it("stores a CSV file's rows as records and infers their schema", async () => {
    const outcome = await upload(
      'id,name,score\r\n1,"Lovelace, Ada",9.5\r\n2,Hopper,7\r\n',
      "People",
      "people.csv",
    );
    expect(outcome).toMatchObject({ ok: true, records: 2 });
    if (!outcome.ok) return;
    const dataset = await getDataset(workspaceId, outcome.id);
    expect(dataset?.recordCount).toBe(2);
    expect(schemaFields(dataset?.schema ?? { records: 0, fields: {} }).map((f) => [f.path, f.types])).toEqual(
      [
        ["id", ["integer"]],
        ["name", ["string"]],
        ["score", ["integer", "number"]],
      ],
    );
    const { records } = await listRecords(workspaceId, outcome.id);
    expect(records.map((r) => r.data.name)).toEqual(["Hopper", "Lovelace, Ada"]);
  });

  it("stores nothing and names the line when the file is malformed halfway", async () => {
    const outcome = await upload('{"a":1}\n{"a":2}\n{"a":3,}\n', "Broken", "events.ndjson");
    expect(outcome).toMatchObject({ ok: false, status: 400 });
    expect(!outcome.ok && outcome.error).toMatch(/^Line 3/);
    expect(await db().dataset.count()).toBe(0);
    expect(await db().datasetRecord.count()).toBe(0);
  });

  it("refuses a taken name on the name field", async () => {
    await createDataset(workspaceId, "People");
    expect(await upload('[{"a":1}]', "People", "p.json")).toMatchObject({
      ok: false,
      status: 409,
      field: "name",
    });
  });
});

describe("datasets in a workspace", () => {
  it("pages records newest first", async () => {
    const { id } = await createSampleDataset(workspaceId);
    const first = await listRecords(workspaceId, id);
    expect(first.records).toHaveLength(RECORDS_PAGE_SIZE);
    const ids = first.records.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const second = await listRecords(workspaceId, id, BigInt(first.nextBefore as string));
    expect(Number(second.records[0]?.id)).toBeLessThan(Math.min(...ids));
    expect((await getDataset(workspaceId, id))?.recordCount).toBe(200);
  });

  it("keeps another workspace's datasets out of reach", async () => {
    const { id } = await createSampleDataset(workspaceId);
    expect(await getDataset(otherWorkspaceId, id)).toBeNull();
    expect(await listDatasets(otherWorkspaceId)).toEqual([]);
    expect((await listRecords(otherWorkspaceId, id)).records).toEqual([]);
    await expect(renameDataset(otherWorkspaceId, id, "Mine now")).rejects.toThrow("no longer exists");
    await expect(deleteDataset(otherWorkspaceId, id)).rejects.toThrow("no longer exists");
    expect((await getDataset(workspaceId, id))?.name).toBe("Sample users and events");
  });

  it("deletes a dataset with its records", async () => {
    const { id } = await createSampleDataset(workspaceId);
    await deleteDataset(workspaceId, id);
    expect(await db().datasetRecord.count({ where: { datasetId: id } })).toBe(0);
  });

  it("refuses deletion while a destination delivers the dataset, and takes inactive ones with it", async () => {
    const { id } = await createSampleDataset(workspaceId);
    const destination = await db().destination.create({
      data: { workspaceId, name: "To HubSpot", datasetId: id, connectorId: "hubspot", status: "active" },
    });
    expect((await listDatasets(workspaceId))[0]?.destinations).toBe(1);
    await expect(deleteDataset(workspaceId, id)).rejects.toThrow(
      'This dataset is being sent by "To HubSpot". Pause that destination first.',
    );
    await db().destination.update({ where: { id: destination.id }, data: { status: "paused" } });
    await deleteDataset(workspaceId, id);
    expect(await db().destination.count()).toBe(0);
  });
});

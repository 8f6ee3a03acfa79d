import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/reset-database";
import {
  appendRecords,
  DatasetNotFoundError,
  UnstorableRecordError,
  withRecordAppender,
} from "./append-records";
import {
  datasetIdForIngestKey,
  hashIngestKey,
  ingestKeyColumns,
  newIngestKey,
  regenerateIngestKey,
} from "./ingest-key";

beforeEach(resetDatabase);
afterAll(disconnectDb);

async function newDataset(name = "Events") {
  const workspace = await db().workspace.create({ data: { name: "Acme" } });
  const key = newIngestKey();
  const dataset = await db().dataset.create({
    data: { workspaceId: workspace.id, name, ...ingestKeyColumns(key) },
  });
  return { workspaceId: workspace.id, datasetId: dataset.id, key };
}

async function stored(datasetId: string) {
  const [records, dataset] = await Promise.all([
    db().datasetRecord.findMany({ where: { datasetId }, orderBy: { id: "asc" } }),
    db().dataset.findUniqueOrThrow({ where: { id: datasetId } }),
  ]);
  return { records, dataset };
}

describe("withRecordAppender", () => {
  it("stores several appends in one transaction, in order, with count and schema", async () => {
    const { datasetId } = await newDataset();
    const outcome = await withRecordAppender(datasetId, async (append) => {
      await append([{ n: 1 }, { n: 2 }]);
      await append([]);
      // Larger than one INSERT's chunk.
      await append(Array.from({ length: 12_001 }, (_, i) => ({ n: 3 + i, tag: "bulk" })));
      return "done";
    });

    expect(outcome.result).toBe("done");
    expect(outcome.accepted).toBe(12_003);
    const { records, dataset } = await stored(datasetId);
    expect(records.map((r) => (r.data as { n: number }).n)).toEqual(
      Array.from({ length: 12_003 }, (_, i) => i + 1),
    );
    expect(outcome.firstId).toBe(records[0]?.id);
    expect(outcome.lastId).toBe(records.at(-1)?.id);
    expect(dataset.recordCount).toBe(12_003n);
    expect(dataset.lastReceivedAt).toBeInstanceOf(Date);
    expect(Math.abs((dataset.lastReceivedAt as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect(dataset.schema).toMatchObject({ records: 12_003 });
  });

  it("merges the schema with what the dataset already had", async () => {
    const { datasetId } = await newDataset();
    await appendRecords(datasetId, [{ a: 1 }]);
    await appendRecords(datasetId, [{ b: "x" }, { b: "y" }]);
    const { dataset } = await stored(datasetId);
    expect(dataset.recordCount).toBe(3n);
    expect(dataset.schema).toMatchObject({ records: 3 });
    expect(JSON.stringify(dataset.schema)).toContain('"a"');
    expect(JSON.stringify(dataset.schema)).toContain('"b"');
  });

  it("stores nothing when the callback throws after appending", async () => {
    const { datasetId } = await newDataset();
    await expect(
      withRecordAppender(datasetId, async (append) => {
        await append([{ n: 1 }, { n: 2 }]);
        throw new Error("the file turned out to be malformed");
      }),
    ).rejects.toThrow("malformed");
    const { records, dataset } = await stored(datasetId);
    expect(records).toEqual([]);
    expect(dataset.recordCount).toBe(0n);
    expect(dataset.lastReceivedAt).toBeNull();
  });

  it("stores nothing when a refused record's error is swallowed", async () => {
    const { datasetId } = await newDataset();
    await expect(
      withRecordAppender(datasetId, async (append) => {
        await append([{ n: 1 }]);
        await append([{ n: 2 }, { text: "nul \u0000 here" }]).catch(() => undefined);
        await append([{ n: 3 }]).catch(() => undefined);
      }),
    ).rejects.toBeInstanceOf(UnstorableRecordError);
    expect((await stored(datasetId)).records).toEqual([]);
  });

  it("names the refused record by its index over the whole transaction", async () => {
    const { datasetId } = await newDataset();
    const failure = await withRecordAppender(datasetId, async (append) => {
      await append([{ n: 1 }, { n: 2 }]);
      await append([{ n: 3 }, { user: { name: "a\u0000" } }]);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnstorableRecordError);
    expect((failure as UnstorableRecordError).index).toBe(3);
    expect((failure as Error).message).toBe(
      "Record 4 (index 3) has the value at user.name containing a NUL character (\\u0000), which cannot be stored.",
    );
  });

  it("waits for appends the callback did not await, and refuses appends after the end", async () => {
    const { datasetId } = await newDataset();
    let kept: ((records: { n: number }[]) => Promise<void>) | undefined;
    const outcome = await withRecordAppender(datasetId, async (append) => {
      kept = append;
      void append([{ n: 1 }]);
      void append([{ n: 2 }]);
    });
    expect(outcome.accepted).toBe(2);
    await expect(kept?.([{ n: 3 }])).rejects.toThrow("already ended");
    expect((await stored(datasetId)).dataset.recordCount).toBe(2n);
  });

  it("throws DatasetNotFoundError for an unknown or malformed id", async () => {
    await expect(appendRecords("00000000-0000-4000-8000-000000000000", [{ a: 1 }])).rejects.toBeInstanceOf(
      DatasetNotFoundError,
    );
    await expect(appendRecords("not-a-uuid", [{ a: 1 }])).rejects.toBeInstanceOf(DatasetNotFoundError);
  });

  it("refuses to store under a key hash that is no longer the dataset's", async () => {
    const { workspaceId, datasetId, key } = await newDataset();
    await regenerateIngestKey(workspaceId, datasetId);
    await expect(
      appendRecords(datasetId, [{ a: 1 }], { requireIngestKeyHash: hashIngestKey(key) }),
    ).rejects.toBeInstanceOf(DatasetNotFoundError);
    expect((await stored(datasetId)).records).toEqual([]);
  });
});

describe("ingest keys", () => {
  it("are shown once, stored as a hash with a hint, and matched in constant time", async () => {
    const { datasetId, key } = await newDataset();
    expect(key).toMatch(/^ofk_[A-Za-z0-9_-]{43}$/);
    const dataset = await db().dataset.findUniqueOrThrow({ where: { id: datasetId } });
    expect(dataset.ingestKeyHash).toBe(hashIngestKey(key));
    expect(dataset.ingestKeyHash).not.toContain(key);
    expect(dataset.ingestKeyHint).toBe(key.slice(-4));

    expect(await datasetIdForIngestKey(datasetId, key)).toBe(datasetId);
    expect(await datasetIdForIngestKey(datasetId, `${key}x`)).toBeNull();
    expect(await datasetIdForIngestKey("00000000-0000-4000-8000-000000000000", key)).toBeNull();
    expect(await datasetIdForIngestKey("nope", key)).toBeNull();
  });

  it("regenerate replaces the key at once, only within the dataset's workspace", async () => {
    const { workspaceId, datasetId, key } = await newDataset();
    const other = await newDataset("Other");

    expect(await regenerateIngestKey(other.workspaceId, datasetId)).toBeNull();
    expect(await regenerateIngestKey(workspaceId, "nope")).toBeNull();
    expect(await datasetIdForIngestKey(datasetId, key)).toBe(datasetId);

    const fresh = await regenerateIngestKey(workspaceId, datasetId);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(key);
    expect(await datasetIdForIngestKey(datasetId, key)).toBeNull();
    expect(await datasetIdForIngestKey(datasetId, fresh as string)).toBe(datasetId);
    const dataset = await db().dataset.findUniqueOrThrow({ where: { id: datasetId } });
    expect(dataset.ingestKeyHint).toBe((fresh as string).slice(-4));
  });
});

describe("record numbers", () => {
  it("numbers records #1…#n in arrival order, across appends, and never gives a number twice", async () => {
    const { datasetId } = await newDataset();
    const other = await newDataset("Other");
    await appendRecords(datasetId, [{ n: 1 }, { n: 2 }, { n: 3 }]);
    await appendRecords(other.datasetId, [{ n: 1 }]);
    await withRecordAppender(datasetId, async (append) => {
      await append([{ n: 4 }]);
      await append([{ n: 5 }]);
    });
    const numbers = async (id: string) =>
      (await stored(id)).records.map((record) => [(record.data as { n: number }).n, Number(record.position)]);
    expect(await numbers(datasetId)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(await numbers(other.datasetId)).toEqual([[1, 1]]);

    // Deleted records (as retention deletes delivered ones) keep their numbers taken.
    await db().datasetRecord.deleteMany({ where: { datasetId, position: { gte: 4 } } });
    await appendRecords(datasetId, [{ n: 6 }]);
    expect((await numbers(datasetId)).at(-1)).toEqual([6, 6]);
  });

  it("gives a refused append's numbers to the next one", async () => {
    const { datasetId } = await newDataset();
    await expect(appendRecords(datasetId, [{ n: 1 }, { bad: "\u0000" }])).rejects.toThrow(
      UnstorableRecordError,
    );
    await appendRecords(datasetId, [{ n: 1 }]);
    expect((await stored(datasetId)).records.map((record) => Number(record.position))).toEqual([1]);
  });
});

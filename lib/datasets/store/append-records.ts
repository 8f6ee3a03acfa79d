import type pg from "pg";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { type InferredSchema, inferSchema, storedSchema } from "@/lib/datasets/schema/infer-schema";
import { dbPool } from "@/lib/db/client";
import { enqueueForDataset } from "@/lib/delivery/queue";
import { isDatasetId } from "./dataset-id";
import { ingestKeyHashMatches } from "./ingest-key";
import { toRecordText } from "./record-text";

/**
 * Records per INSERT. Each chunk travels as one JSON array text and is split by Postgres'
 * `json_array_elements`, which keeps each record's text as written (`jsonb` would reorder its
 * keys). Measured with `jsonb_array_elements` on the bench machine (300-byte records, 5000 per statement):
 * ~40k records/s, as fast as COPY (~39k/s, which `pg` cannot do without another package), twice
 * `unnest($2::jsonb[])` (~20k/s, which pays for array-literal escaping on both sides). 2000 and
 * 10000 per chunk measured the same; 5000 keeps each statement's parameter around 1.5 MB.
 */
const CHUNK_SIZE = 5000;

export class DatasetNotFoundError extends Error {
  constructor(readonly datasetId: string) {
    super(`There is no dataset ${datasetId}.`);
    this.name = "DatasetNotFoundError";
  }
}

/**
 * A record Postgres would refuse (not an object, NUL in a string, …). `index` counts from 0 over
 * everything appended in the transaction; the message counts from 1, as the parsers' do.
 */
export class UnstorableRecordError extends Error {
  constructor(
    readonly index: number,
    problem: string,
  ) {
    super(`Record ${index + 1} (index ${index}) ${problem}.`);
    this.name = "UnstorableRecordError";
  }
}

export type AppendRecords = (records: DataRecord[]) => Promise<void>;

export type AppendOutcome<T> = {
  result: T;
  accepted: number;
  /** Ids of the first and last record stored; null when none were. */
  firstId: bigint | null;
  lastId: bigint | null;
};

export type AppenderOptions = {
  /**
   * Store only while the dataset's ingest key still has this hash, checked under the row lock:
   * a key regenerated while a request was being read stops that request from committing.
   * A mismatch throws DatasetNotFoundError, as for an unknown dataset.
   */
  requireIngestKeyHash?: string;
};

/**
 * Appends records to a dataset in ONE transaction: `use` calls `append` as many times as it
 * likes (e.g. once per parsed batch of a large upload); when it returns, the records, the
 * dataset's count and its incrementally merged schema commit together. Anything thrown, by
 * `use` or by an append, rolls back all of it: nothing is stored.
 *
 * Holds a pooled connection and the dataset's row lock until `use` returns: other appends to the
 * same dataset wait meanwhile, each holding a connection, so `use` must not need a connection of
 * its own (no Prisma queries inside it): with the pool full of waiters it would wait forever.
 */
export async function withRecordAppender<T>(
  datasetId: string,
  use: (append: AppendRecords) => Promise<T>,
  options: AppenderOptions = {},
): Promise<AppendOutcome<T>> {
  if (!isDatasetId(datasetId)) throw new DatasetNotFoundError(datasetId);
  const client = await dbPool().connect();
  let brokenConnection: Error | undefined;
  let appender: Appender | undefined;
  try {
    // `timestamp` columns hold UTC (Prisma's convention); the session's zone decides what
    // now() becomes in them, including the received_at default.
    await client.query("BEGIN; SET LOCAL TIME ZONE 'UTC'");
    const { schema, received } = await lockDataset(client, datasetId, options.requireIngestKeyHash);
    appender = new Appender(client, datasetId, schema, received);
    const result = await use(appender.append);
    const stored = await appender.close();
    if (stored.accepted > 0) {
      // In the same transaction: the workers are woken (NOTIFY) when the records are visible.
      await enqueueForDataset(client, datasetId);
      await client.query(
        `UPDATE datasets
            SET record_count = record_count + $2, records_received = records_received + $2,
                last_received_at = now(), schema = $3::jsonb,
                updated_at = now()
          WHERE id = $1`,
        [datasetId, stored.accepted, JSON.stringify(stored.schema)],
      );
    }
    await client.query("COMMIT");
    return { result, accepted: stored.accepted, firstId: stored.firstId, lastId: stored.lastId };
  } catch (error) {
    // An append the caller did not await may still be running: let it stop before the
    // connection goes back to the pool.
    await appender?.abort();
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      brokenConnection = rollbackError;
    });
    throw error;
  } finally {
    // A connection whose rollback failed is in an unknown state: closed, not reused.
    client.release(brokenConnection);
  }
}

/** All-or-nothing append of one list of records. */
export async function appendRecords(
  datasetId: string,
  records: DataRecord[],
  options: AppenderOptions = {},
): Promise<Omit<AppendOutcome<void>, "result">> {
  const { accepted, firstId, lastId } = await withRecordAppender(
    datasetId,
    (append) => append(records),
    options,
  );
  return { accepted, firstId, lastId };
}

/**
 * Takes the dataset's row lock before the first insert and keeps it until commit. Record ids come
 * from one sequence when a row is inserted, but become visible when its transaction commits: two
 * unserialised ingests could take ids 1–5000 and 5001–10000 and commit in the opposite order, and
 * a reader that follows ids (`WHERE id > $cursor`, as delivery does) and had already read up to
 * 10000 would never see 1–5000. With the lock, appends to one dataset run one after another, each
 * drawing its ids after the previous one committed, so ids increase in commit order and a reader
 * never skips a record committed late. The lock also keeps the schema merge and the count free of
 * lost updates.
 *
 * FOR NO KEY UPDATE rather than FOR UPDATE: it conflicts with itself (so appenders still queue)
 * and with deleting the dataset or changing its key, but not with the KEY SHARE locks that foreign
 * key checks take, so creating, say, a destination for the dataset does not wait for an upload.
 */
async function lockDataset(
  client: pg.PoolClient,
  datasetId: string,
  requiredKeyHash: string | undefined,
): Promise<{ schema: InferredSchema; received: string }> {
  const { rows } = await client.query<{ schema: unknown; ingest_key_hash: string | null; received: string }>(
    "SELECT schema, ingest_key_hash, records_received::text AS received FROM datasets WHERE id = $1 FOR NO KEY UPDATE",
    [datasetId],
  );
  const row = rows[0];
  if (!row) throw new DatasetNotFoundError(datasetId);
  if (requiredKeyHash !== undefined && !ingestKeyHashMatches(row.ingest_key_hash, requiredKeyHash)) {
    throw new DatasetNotFoundError(datasetId);
  }
  return { schema: storedSchema(row.schema), received: row.received };
}

class Appender {
  private accepted = 0;
  private offered = 0;
  private firstId: bigint | null = null;
  private lastId: bigint | null = null;
  private open = true;
  private aborted = false;
  // Appends run one after another, in call order, even when the caller does not await them.
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly datasetId: string,
    private schema: InferredSchema,
    /** Records the dataset received before this transaction: the first one appended is number received + 1. */
    private readonly received: string,
  ) {}

  readonly append: AppendRecords = (records) => {
    if (!this.open) return Promise.reject(new Error("The dataset's append transaction has already ended."));
    const run = this.queue.then(() => this.appendAll(records));
    this.queue = run.catch((error: unknown) => {
      // Remembered so the transaction rolls back even if the caller swallows the error: a
      // failed statement aborts it anyway, and a refused record must not leave half a body.
      this.failure ??= error;
    });
    return run;
  };

  async close() {
    this.open = false;
    await this.queue;
    if (this.failure !== undefined) throw this.failure;
    return { accepted: this.accepted, schema: this.schema, firstId: this.firstId, lastId: this.lastId };
  }

  async abort(): Promise<void> {
    this.open = false;
    this.aborted = true;
    await this.queue;
  }

  /**
   * Chunk by chunk, with the JavaScript side of one chunk (serialising it, merging its schema)
   * done while Postgres inserts the previous one: the two then use separate cores. Merging before
   * the insert is confirmed is safe, as any failure discards the whole transaction.
   */
  private async appendAll(records: DataRecord[]): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    let inserting: Promise<void> | undefined;
    try {
      for (let start = 0; start < records.length; start += CHUNK_SIZE) {
        const chunk = records.slice(start, start + CHUNK_SIZE);
        const json = this.serialize(chunk);
        await inserting;
        if (this.aborted) throw new Error("The dataset's append transaction was rolled back.");
        inserting = this.insert(json, chunk.length);
        // Settled below whatever happens; until then, not an unhandled rejection.
        inserting.catch(() => undefined);
        this.schema = inferSchema(chunk, this.schema);
      }
    } finally {
      await inserting?.catch(() => undefined);
    }
    await inserting;
  }

  /** The chunk as one JSON array text; `offered` counts records over the whole transaction. */
  private serialize(chunk: DataRecord[]): string {
    const texts: string[] = [];
    for (const record of chunk) {
      const text = toRecordText(record);
      if ("problem" in text) throw new UnstorableRecordError(this.offered, text.problem);
      texts.push(text.json);
      this.offered++;
    }
    return `[${texts.join(",")}]`;
  }

  private async insert(jsonArray: string, count: number): Promise<void> {
    // WITH ORDINALITY … ORDER BY: ids and numbers are drawn in the records' order.
    const { rows } = await this.client.query<{ first_id: string | null; last_id: string | null }>(
      `WITH inserted AS (
         INSERT INTO records (dataset_id, data, position)
         SELECT $1, element, $3::bigint + ordinal
           FROM json_array_elements($2::json) WITH ORDINALITY AS t(element, ordinal)
         ORDER BY ordinal
         RETURNING id
       )
       SELECT min(id) AS first_id, max(id) AS last_id FROM inserted`,
      [this.datasetId, jsonArray, (BigInt(this.received) + BigInt(this.accepted)).toString()],
    );
    const first = rows[0]?.first_id;
    const last = rows[0]?.last_id;
    if (first == null || last == null) return;
    this.firstId ??= BigInt(first);
    this.lastId = BigInt(last);
    this.accepted += count;
  }
}

import { gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { ingestKeyColumns, newIngestKey, regenerateIngestKey } from "@/lib/datasets/store/ingest-key";
import { db, disconnectDb } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/reset-database";
import { handleIngest, type IngestInput } from "./ingest-request";
import { INGEST_BUSY_RETRY_SECONDS, MAX_CONCURRENT_INGEST_BODIES } from "./ingest-slots";

beforeEach(resetDatabase);
afterAll(disconnectDb);

const NDJSON = "application/x-ndjson";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

async function newDataset(name = "Events", workspaceId?: string) {
  const owner = workspaceId ?? (await db().workspace.create({ data: { name: "Acme" } })).id;
  const key = newIngestKey();
  const dataset = await db().dataset.create({ data: { workspaceId: owner, name, ...ingestKeyColumns(key) } });
  return { workspaceId: owner, datasetId: dataset.id, key };
}

/** A request body as the route gets it: a stream, here cut into small pieces. */
function streamOf(content: string | Uint8Array, pieceBytes = 1000): ReadableStream<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + pieceBytes));
      offset += pieceBytes;
    },
  });
}

function send(
  datasetId: string,
  key: string | null,
  body: string | Uint8Array,
  options: Partial<Omit<IngestInput, "body">> = {},
) {
  return handleIngest({
    datasetId,
    authorization: key === null ? null : `Bearer ${key}`,
    contentType: "application/json",
    contentEncoding: null,
    body: streamOf(body),
    ...options,
  });
}

/** Promise.withResolvers, which Node 20 lacks. */
function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function ndjson(records: object[]): string {
  return `${records.map((record) => JSON.stringify(record)).join("\n")}\n`;
}

async function stored(datasetId: string) {
  const [records, dataset] = await Promise.all([
    db().datasetRecord.findMany({ where: { datasetId }, orderBy: { id: "asc" } }),
    db().dataset.findUniqueOrThrow({ where: { id: datasetId } }),
  ]);
  return { records, dataset, data: records.map((record) => record.data) };
}

async function expectNothingStored(datasetId: string) {
  const { records, dataset } = await stored(datasetId);
  expect(records).toEqual([]);
  expect(dataset.recordCount).toBe(0n);
  expect(dataset.lastReceivedAt).toBeNull();
}

describe("accepted bodies", () => {
  it("stores one JSON object", async () => {
    const { datasetId, key } = await newDataset();
    const answer = await send(datasetId, key, '{"uid":"u_1","user":{"name":"Ada"}}');
    expect(answer).toEqual({ status: 202, body: { accepted: 1 } });
    const { data, dataset } = await stored(datasetId);
    expect(data).toEqual([{ uid: "u_1", user: { name: "Ada" } }]);
    expect(dataset.recordCount).toBe(1n);
    expect(dataset.lastReceivedAt).toBeInstanceOf(Date);
    expect(dataset.schema).toMatchObject({ records: 1 });
  });

  it("stores a JSON array in order, with increasing ids", async () => {
    const { datasetId, key } = await newDataset();
    const records = [{ n: 1 }, { n: 2, tags: ["a"] }, { n: 3, nested: { deep: true } }];
    const answer = await send(datasetId, key, JSON.stringify(records), {
      contentType: "application/json; charset=utf-8",
    });
    expect(answer).toEqual({ status: 202, body: { accepted: 3 } });
    const { data, records: rows, dataset } = await stored(datasetId);
    expect(data).toEqual(records);
    const ids = rows.map((row) => row.id);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(3);
    expect(dataset.recordCount).toBe(3n);
  });

  it("stores NDJSON, skipping empty lines, and adds to what is there", async () => {
    const { datasetId, key } = await newDataset();
    await send(datasetId, key, '{"first":true}');
    const body = '{"n":1}\r\n\n{"n":2,"email":"a@example.com"}\n{"n":3}\n\n';
    const answer = await send(datasetId, key, body, { contentType: NDJSON });
    expect(answer).toEqual({ status: 202, body: { accepted: 3 } });
    const { data, dataset } = await stored(datasetId);
    expect(data).toEqual([{ first: true }, { n: 1 }, { n: 2, email: "a@example.com" }, { n: 3 }]);
    expect(dataset.recordCount).toBe(4n);
    expect(dataset.schema).toMatchObject({ records: 4 });
    expect(JSON.stringify(dataset.schema)).toContain("email");
  });

  it("stores gzip-compressed NDJSON", async () => {
    const { datasetId, key } = await newDataset();
    const records = Array.from({ length: 2000 }, (_, n) => ({ n, event_type: "page_view", user: { id: n } }));
    const answer = await send(datasetId, key, gzipSync(ndjson(records)), {
      contentType: NDJSON,
      contentEncoding: "gzip",
    });
    expect(answer).toEqual({ status: 202, body: { accepted: 2000 } });
    const { data, dataset } = await stored(datasetId);
    expect(data).toEqual(records);
    expect(dataset.recordCount).toBe(2000n);
  });
});

describe("rejected bodies store nothing", () => {
  it("malformed NDJSON: 400 naming the line", async () => {
    const { datasetId, key } = await newDataset();
    const answer = await send(datasetId, key, '{"n":1}\n{"n":2}\n{"n":3,}\n{"n":4}\n', {
      contentType: NDJSON,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.line).toBe(3);
    expect(answer.body.error).toMatch(/line 3/i);
    await expectNothingStored(datasetId);
  });

  it("malformed JSON: 400 naming the line", async () => {
    const { datasetId, key } = await newDataset();
    const answer = await send(datasetId, key, '[\n{"n":1},\n{"n":2\n]');
    expect(answer.status).toBe(400);
    expect(answer.body.line).toBe(4);
    await expectNothingStored(datasetId);
  });

  it("a non-object element: 400 naming the index", async () => {
    const { datasetId, key } = await newDataset();
    const answer = await send(datasetId, key, '[{"n":1},{"n":2},"three",{"n":4}]');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ index: 2 });
    expect(answer.body.error).toMatch(/index 2/);
    await expectNothingStored(datasetId);
  });

  it("a string Postgres cannot store: 400 naming the index", async () => {
    const { datasetId, key } = await newDataset();
    const answer = await send(datasetId, key, '[{"n":1},{"note":"nul \\u0000 inside"}]');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ index: 1 });
    expect(answer.body.error).toMatch(/NUL/);
    await expectNothingStored(datasetId);
  });

  it("an empty body: 400", async () => {
    const { datasetId, key } = await newDataset();
    const answer = await send(datasetId, key, "", { contentType: NDJSON });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/empty/i);
  });

  it("corrupt gzip: 400", async () => {
    const { datasetId, key } = await newDataset();
    const truncated = gzipSync(ndjson([{ n: 1 }, { n: 2 }])).subarray(0, 20);
    for (const body of [truncated, new TextEncoder().encode('{"n":1}')]) {
      const answer = await send(datasetId, key, body, { contentType: NDJSON, contentEncoding: "gzip" });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatch(/not valid gzip/);
    }
    await expectNothingStored(datasetId);
  });
});

describe("the ingest key", () => {
  it("401 without a key, with a wrong key, another dataset's key, or an unknown dataset", async () => {
    const { datasetId, key } = await newDataset();
    const other = await newDataset("Other");
    const body = '{"n":1}';

    const missing = await send(datasetId, null, body);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/Authorization: Bearer/);
    expect((await send(datasetId, null, body, { authorization: `Basic ${key}` })).status).toBe(401);

    const wrongKey = await send(datasetId, `${key.slice(0, -1)}x`, body);
    const otherKey = await send(datasetId, other.key, body);
    const unknown = await send(UNKNOWN_ID, key, body);
    const notAnId = await send("records'; DROP TABLE records; --", key, body);
    for (const answer of [wrongKey, otherKey, unknown, notAnId]) {
      expect(answer.status).toBe(401);
      // One answer for all, so dataset ids cannot be probed.
      expect(answer.body).toEqual(wrongKey.body);
    }
    await expectNothingStored(datasetId);
    await expectNothingStored(other.datasetId);
  });

  it("a regenerated key replaces the old one at once", async () => {
    const { workspaceId, datasetId, key } = await newDataset();
    expect((await send(datasetId, key, '{"n":1}')).status).toBe(202);
    const fresh = await regenerateIngestKey(workspaceId, datasetId);
    expect((await send(datasetId, key, '{"n":2}')).status).toBe(401);
    expect(await send(datasetId, fresh, '{"n":3}')).toEqual({ status: 202, body: { accepted: 1 } });
    expect((await stored(datasetId)).data).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it("a key regenerated while a body is arriving stops that body from being stored", async () => {
    const { workspaceId, datasetId, key } = await newDataset();
    const halfSent = deferred();
    const release = deferred();
    const lines = ['{"n":1}\n', '{"n":2}\n'].map((line) => new TextEncoder().encode(line));
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const line = lines.shift();
        if (!line) return controller.close();
        if (lines.length === 0) {
          // The second line waits until the key has been regenerated.
          halfSent.resolve();
          await release.promise;
        }
        controller.enqueue(line);
      },
    });

    const answer = handleIngest({
      datasetId,
      authorization: `Bearer ${key}`,
      contentType: NDJSON,
      contentEncoding: null,
      body,
    });
    await halfSent.promise;
    await regenerateIngestKey(workspaceId, datasetId);
    release.resolve();
    expect((await answer).status).toBe(401);
    await expectNothingStored(datasetId);
  });
});

describe("size, type and encoding", () => {
  it("413 past the limit, without storing anything", async () => {
    const { datasetId, key } = await newDataset();
    const body = ndjson(Array.from({ length: 100 }, (_, n) => ({ n, padding: "x".repeat(20) })));
    expect(body.length).toBeGreaterThan(2000);

    const streamed = await send(datasetId, key, body, { contentType: NDJSON, maxBytes: 2000 });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toBe(
      "The body is larger than 2 KB, the limit. Split it into smaller requests.",
    );

    const declared = await send(datasetId, key, body, {
      contentType: NDJSON,
      contentLength: String(13 * 1024 * 1024),
    });
    expect(declared).toEqual({
      status: 413,
      body: { error: "The body is 13 MB; the limit is 10 MB. Split it into smaller requests." },
    });
    await expectNothingStored(datasetId);

    expect((await send(datasetId, key, body, { contentType: NDJSON, maxBytes: body.length })).status).toBe(
      202,
    );
  });

  it("413 for a gzip body that decompresses past the limit (zip bomb)", async () => {
    const { datasetId, key } = await newDataset();
    const bomb = gzipSync(`{"padding":"${"0".repeat(8 * 1024 * 1024)}"}\n`);
    expect(bomb.byteLength).toBeLessThan(20_000);
    const answer = await send(datasetId, key, bomb, {
      contentType: NDJSON,
      contentEncoding: "gzip",
      maxBytes: 64 * 1024,
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/decompresses to more than 64 KB/);
    await expectNothingStored(datasetId);
  });

  it("415 for other content types and encodings", async () => {
    const { datasetId, key } = await newDataset();
    const plain = await send(datasetId, key, '{"n":1}', { contentType: "text/plain" });
    expect(plain.status).toBe(415);
    expect(plain.body.error).toMatch(/text\/plain.*application\/json.*application\/x-ndjson/);
    expect((await send(datasetId, key, '{"n":1}', { contentType: null })).status).toBe(415);
    const brotli = await send(datasetId, key, '{"n":1}', { contentEncoding: "br" });
    expect(brotli.status).toBe(415);
    expect(brotli.body.error).toMatch(/gzip/);
    await expectNothingStored(datasetId);
  });
});

describe("concurrent ingests", () => {
  it("lose nothing, and ids follow commit order so a reader following ids misses nothing", async () => {
    const { datasetId, key } = await newDataset();
    const requests = 20;
    const perRequest = 500;

    // A reader like the delivery worker: polls `id > cursor` while the ingests run.
    const reader = new pg.Client({ connectionString: requireDatabaseUrl() });
    await reader.connect();
    const seen: bigint[] = [];
    let ingesting = true;
    const follow = (async () => {
      let cursor = 0n;
      for (let more = true; more; ) {
        more = ingesting;
        const { rows } = await reader.query<{ id: string }>(
          "SELECT id FROM records WHERE dataset_id = $1 AND id > $2 ORDER BY id",
          [datasetId, cursor.toString()],
        );
        for (const row of rows) seen.push(BigInt(row.id));
        cursor = seen.at(-1) ?? cursor;
      }
    })();

    // Senders as a well-behaved client is: a 503 (all ingest slots busy) is sent again once
    // another request has been answered.
    const inFlight = new Set<Promise<unknown>>();
    const sendUntilTaken = async (body: string) => {
      for (;;) {
        const answer = send(datasetId, key, body, { contentType: NDJSON });
        inFlight.add(answer);
        const { status, body: answerBody } = await answer;
        inFlight.delete(answer);
        if (status !== 503) return { status, body: answerBody };
        if (inFlight.size > 0) await Promise.race(inFlight);
      }
    };
    const answers = await Promise.all(
      Array.from({ length: requests }, (_, request) =>
        sendUntilTaken(ndjson(Array.from({ length: perRequest }, (_, n) => ({ request, n })))),
      ),
    );
    ingesting = false;
    await follow;
    await reader.end();

    for (const answer of answers) expect(answer).toEqual({ status: 202, body: { accepted: perRequest } });
    const { records, dataset } = await stored(datasetId);
    expect(records).toHaveLength(requests * perRequest);
    expect(dataset.recordCount).toBe(BigInt(requests * perRequest));
    expect(dataset.schema).toMatchObject({ records: requests * perRequest });
    expect(seen).toEqual(records.map((record) => record.id));

    // Each request's records sit together, in order: its block of ids was drawn under the lock.
    const order = records.map((record) => record.data as { request: number; n: number });
    for (let block = 0; block < requests; block++) {
      const slice = order.slice(block * perRequest, (block + 1) * perRequest);
      expect(new Set(slice.map((item) => item.request)).size).toBe(1);
      expect(slice.map((item) => item.n)).toEqual(Array.from({ length: perRequest }, (_, n) => n));
    }
  });
});

describe("ingest under load", () => {
  it(`reads at most ${MAX_CONCURRENT_INGEST_BODIES} bodies at once and answers 503 with Retry-After beyond`, async () => {
    const { datasetId, key } = await newDataset();
    const release = deferred();
    const started: Promise<void>[] = [];
    // Bodies that arrive slowly: each sends one line, then waits until released.
    const slowBody = () => {
      const firstLine = deferred();
      started.push(firstLine.promise);
      let sent = false;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!sent) {
            sent = true;
            controller.enqueue(new TextEncoder().encode('{"n":1}\n'));
            firstLine.resolve();
            return;
          }
          await release.promise;
          controller.close();
        },
      });
    };
    const slowAnswers = Array.from({ length: MAX_CONCURRENT_INGEST_BODIES }, () =>
      handleIngest({
        datasetId,
        authorization: `Bearer ${key}`,
        contentType: NDJSON,
        contentEncoding: null,
        body: slowBody(),
      }),
    );
    await Promise.all(started);

    const refused = await send(datasetId, key, '{"n":2}', { contentType: NDJSON });
    expect(refused.status).toBe(503);
    expect(refused.headers?.["retry-after"]).toBe(String(INGEST_BUSY_RETRY_SECONDS));
    expect(refused.body.error).toMatch(/Retry in \d+ seconds/);

    release.resolve();
    for (const answer of await Promise.all(slowAnswers)) expect(answer.status).toBe(202);
    // The slots are free again.
    expect((await send(datasetId, key, '{"n":3}', { contentType: NDJSON })).status).toBe(202);
    expect(await db().datasetRecord.count({ where: { datasetId } })).toBe(MAX_CONCURRENT_INGEST_BODIES + 1);
  });

  it("frees the slot of a body that was refused", async () => {
    const { datasetId, key } = await newDataset();
    for (let i = 0; i < MAX_CONCURRENT_INGEST_BODIES + 1; i++) {
      expect((await send(datasetId, key, '{"n":', { contentType: NDJSON })).status).toBe(400);
    }
    expect((await send(datasetId, key, '{"n":1}', { contentType: NDJSON })).status).toBe(202);
  });
});

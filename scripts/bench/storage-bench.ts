/**
 * What keeping records as written costs (`npm run bench -- --only=storage`, and in the full bench).
 * Records are stored in a `json` column, which keeps their text, and read with exact numbers
 * (lib/json/exact-json.ts); before, they were `jsonb`, which reorders keys, and read with JSON.parse.
 * Both ways run in this one process on the same realistic records, alternating, medians:
 *
 * - ingest: the body parsed and stored, through the app's appender (json) and through the same
 *   statement into a scratch copy of the table whose column is jsonb;
 * - delivery's read: the records read back in planning's chunks of 1,000 and parsed, from each table;
 * - parsing: bodies whose every record holds a number JSON.parse would change take the exact parser.
 */

import { createDataset } from "@/lib/datasets/manage-datasets";
import { parseIngestBody } from "@/lib/datasets/parse/parse-ingest-body";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { toRecordText } from "@/lib/datasets/store/record-text";
import { db, dbPool } from "@/lib/db/client";
import { ndjsonBody } from "./ingest-bodies";

const RECORDS = 20_000;
const CHUNK = 1000;
const TIMED_RUNS = 5;
const NDJSON = "application/x-ndjson";

type Case = { label: string; rates: number[] };

export async function printStorageBench(): Promise<void> {
  const body = ndjsonBody(RECORDS, 7);
  // The same records, each with a price written as 12.50: the exact parser's worst case.
  const exactBody = new TextEncoder().encode(
    new TextDecoder().decode(body).replaceAll('"uid":', '"price":12.50,"uid":'),
  );
  const workspace = await db().workspace.create({ data: { name: "Storage bench" } });
  const dataset = await createDataset(workspace.id, "Storage bench");
  const pool = dbPool();
  await pool.query("DROP TABLE IF EXISTS bench_records_jsonb");
  await pool.query(
    "CREATE TABLE bench_records_jsonb (id bigserial PRIMARY KEY, dataset_id uuid NOT NULL, data jsonb NOT NULL)",
  );
  await pool.query("CREATE INDEX ON bench_records_jsonb (dataset_id, id)");

  const ingestJson = async () => {
    await appendRecords(dataset.id, parseIngestBody(body, NDJSON));
  };
  const ingestJsonb = async () => {
    const records = parseIngestBody(body, NDJSON);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      for (let start = 0; start < records.length; start += 5000) {
        const texts = records.slice(start, start + 5000).map((record) => jsonText(record));
        await client.query(
          `INSERT INTO bench_records_jsonb (dataset_id, data)
           SELECT $1, element FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(element, position)
           ORDER BY position`,
          [dataset.id, `[${texts.join(",")}]`],
        );
      }
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  };
  const readFrom = (table: string) => async () => {
    let after = "0";
    for (;;) {
      const { rows } = await pool.query<{ id: string; data: DataRecord }>(
        `SELECT r.id::text AS id, r.data FROM ${table} r WHERE r.dataset_id = $1 AND r.id > $2
          ORDER BY r.dataset_id, r.id LIMIT $3`,
        [dataset.id, after, CHUNK],
      );
      if (rows.length === 0) return;
      after = rows.at(-1)?.id ?? after;
    }
  };

  const ingest: Case[] = [
    { label: "ingest, json (as written)", rates: [] },
    { label: "ingest, jsonb (before)", rates: [] },
  ];
  // Warm-up, then alternating timed runs; the tables keep growing alike.
  await ingestJson();
  await ingestJsonb();
  for (let run = 0; run < TIMED_RUNS; run++) {
    (ingest[0] as Case).rates.push(RECORDS / (await seconds(ingestJson)));
    (ingest[1] as Case).rates.push(RECORDS / (await seconds(ingestJsonb)));
  }
  const stored = RECORDS * (TIMED_RUNS + 1);
  // Fresh statistics, as autovacuum would have by the time a run reads them.
  await pool.query("ANALYZE records");
  await pool.query("ANALYZE bench_records_jsonb");
  const read: Case[] = [
    { label: "delivery read, json + exact parse", rates: [] },
    { label: "delivery read, jsonb + JSON.parse", rates: [] },
  ];
  await readFrom("records")();
  await readFrom("bench_records_jsonb")();
  for (let run = 0; run < TIMED_RUNS; run++) {
    (read[0] as Case).rates.push(stored / (await seconds(readFrom("records"))));
    (read[1] as Case).rates.push(stored / (await seconds(readFrom("bench_records_jsonb"))));
  }
  const parse: Case[] = [
    { label: "parse, plain numbers (fast path)", rates: [] },
    { label: "parse, a 12.50 in every record (exact)", rates: [] },
  ];
  for (let run = 0; run < TIMED_RUNS; run++) {
    (parse[0] as Case).rates.push(RECORDS / (await seconds(async () => parseIngestBody(body, NDJSON))));
    (parse[1] as Case).rates.push(RECORDS / (await seconds(async () => parseIngestBody(exactBody, NDJSON))));
  }
  await pool.query("DROP TABLE bench_records_jsonb");

  console.log(
    `Records as written (${RECORDS.toLocaleString("en")} records of ~300 bytes a run, ${TIMED_RUNS} alternating runs after a warm-up; medians):`,
  );
  for (const [cases, ratio] of [
    [ingest, "json ÷ jsonb"],
    [read, "json ÷ jsonb"],
    [parse, "fast path ÷ exact"],
  ] as const) {
    for (const c of cases) {
      const rate = Math.round(median(c.rates)).toLocaleString("en");
      console.log(`  ${c.label.padEnd(40)} ${rate.padStart(9)} records/s`);
    }
    const [first, second] = cases.map((c) => median(c.rates));
    if (first && second) console.log(`  ${ratio.padStart(40)} ${(first / second).toFixed(2)}`);
  }
}

function jsonText(record: DataRecord): string {
  const text = toRecordText(record);
  if ("problem" in text) throw new Error(text.problem);
  return text.json;
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

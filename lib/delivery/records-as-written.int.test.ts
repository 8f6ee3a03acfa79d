/**
 * Records go out as they came in. A file whose keys are in neither alphabetical nor length order
 * (Postgres' jsonb would reorder them) and whose numbers JSON.parse would change is uploaded,
 * delivered over HTTP as JSON, NDJSON, CSV and XML, and the API receives every key in the file's
 * order and every number byte for byte: the bytes the preview showed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/config";
import { parseFileStream } from "@/lib/datasets/parse/parse-file-stream";
import { chunked } from "@/lib/datasets/parse/test-streams";
import { withRecordAppender } from "@/lib/datasets/store/append-records";
import { db, disconnectDb } from "@/lib/db/client";
import { completeDestination, getDestination } from "@/lib/destinations/manage-destinations";
import { previewRequests } from "@/lib/destinations/preview-requests";
import type { ContentFormat } from "@/lib/payload/types";
import { createFlow, waitFor } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { type Sink, startSink } from "@/lib/testing/sink";
import { activateDestination } from "./lifecycle";
import { type DeliveryWorker, startDeliveryWorker } from "./worker";

const FIRST =
  '{"zeta":"z1","uid":"u-1","properties":{"user":{"plan":"pro","first_name":"Ann","country":"NZ","last_name":"Lee"}},"big":12345678901234567890123,"long":0.1000000000000000055511151231257827,"huge":1e400,"price":1.50,"a":true}';
const SECOND =
  '{"zeta":"z2","uid":"u-2","properties":{"user":{"plan":"free","first_name":"Bo","country":"SE","last_name":"Ek"}},"big":-9007199254740993,"long":2.000000000000000000001,"huge":-1e400,"price":10,"a":false}';
// As a person writes a file: indented, one record a line.
const FILE = `[\n  ${FIRST},\n  ${SECOND}\n]\n`;

let sink: Sink;
let worker: DeliveryWorker;

beforeAll(async () => {
  sink = await startSink();
  worker = await startDeliveryWorker(requireDatabaseUrl());
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  sink.requests.length = 0;
});

/** A new flow whose dataset holds FILE, uploaded as the upload route streams it; and its saved configuration. */
async function flowWithFile(name: string, file = FILE, fileFormat: "json" | "ndjson" | "csv" = "json") {
  const flow = await createFlow({ sinkUrl: sink.url, name });
  await withRecordAppender(flow.datasetId, async (append) => {
    for await (const batch of parseFileStream(chunked(file, 37), fileFormat, {})) await append(batch);
  });
  const detail = await getDestination(flow.workspaceId, flow.destinationId);
  if (!detail) throw new Error("no destination");
  return { flow, detail };
}

/** Sends FILE in `format` (one batch of both records); what the API received and what the preview showed. */
async function deliver(format: ContentFormat, file = FILE, fileFormat: "json" | "ndjson" | "csv" = "json") {
  const { flow, detail } = await flowWithFile(`Exact ${format} from ${fileFormat}`, file, fileFormat);
  const config = {
    ...detail.config,
    endpoint: {
      ...detail.config.endpoint,
      contentFormat: format,
      batching: { enabled: true, size: 10, grouping: "fixed" as const, envelopeKey: null },
    },
  };
  await completeDestination(flow.workspaceId, flow.destinationId, config, "test-user");
  const preview = await previewRequests(flow.workspaceId, flow.destinationId, config, 10);
  expect(preview.problems).toEqual([]);
  expect(preview.requests.map((request) => request.records)).toEqual(["#1–#2"]);
  await activateDestination(flow.workspaceId, flow.destinationId);
  await waitFor("the run to finish", async () => {
    const run = await db().run.findFirst({ where: { destinationId: flow.destinationId } });
    return run?.status === "succeeded";
  });
  expect(sink.requests).toHaveLength(1);
  return { received: sink.requests[0]?.body, previewed: preview.requests.map((request) => request.body) };
}

describe("records sent as written", { timeout: 60_000 }, () => {
  it("the preview numbers records in their dataset and labels batches grouped by a field", async () => {
    const { flow, detail } = await flowWithFile("Numbered");
    const config = {
      ...detail.config,
      endpoint: {
        ...detail.config.endpoint,
        batching: {
          enabled: true,
          size: 10,
          grouping: "attribute" as const,
          groupBy: "uid",
          envelopeKey: null,
        },
      },
    };
    const preview = await previewRequests(flow.workspaceId, flow.destinationId, config, 10);
    expect(preview.requests.map((request) => [request.group, request.records])).toEqual([
      ['uid = "u-1"', "#1"],
      ['uid = "u-2"', "#2"],
    ]);
  });

  it("JSON: the file's records, byte for byte", async () => {
    const { received, previewed } = await deliver("json");
    expect(received).toBe(`[${FIRST},${SECOND}]`);
    expect(previewed).toEqual([received]);
  });

  it("NDJSON: one line per record, byte for byte", async () => {
    const { received, previewed } = await deliver("ndjson");
    expect(received).toBe(`${FIRST}\n${SECOND}\n`);
    expect(previewed).toEqual([received]);
  });

  it("CSV: columns in the file's order, numbers as written", async () => {
    const { received, previewed } = await deliver("csv");
    expect(received).toBe(
      [
        "zeta,uid,properties.user.plan,properties.user.first_name,properties.user.country,properties.user.last_name,big,long,huge,price,a",
        "z1,u-1,pro,Ann,NZ,Lee,12345678901234567890123,0.1000000000000000055511151231257827,1e400,1.50,true",
        "z2,u-2,free,Bo,SE,Ek,-9007199254740993,2.000000000000000000001,-1e400,10,false",
      ].join("\r\n"),
    );
    expect(previewed).toEqual([received]);
  });

  it("XML: elements in the file's order, numbers as written", async () => {
    const { received, previewed } = await deliver("xml");
    expect(received).toContain(
      "<record><zeta>z1</zeta><uid>u-1</uid><properties><user><plan>pro</plan><first_name>Ann</first_name><country>NZ</country><last_name>Lee</last_name></user></properties><big>12345678901234567890123</big><long>0.1000000000000000055511151231257827</long><huge>1e400</huge><price>1.50</price><a>true</a></record>",
    );
    expect(received).toContain(
      "<big>-9007199254740993</big><long>2.000000000000000000001</long><huge>-1e400</huge>",
    );
    expect(previewed).toEqual([received]);
  });

  it("keys that look like array indices stay where they were written, from JSON, NDJSON and CSV files", async () => {
    // JavaScript lists "2024" and "10" before every other key of an object: the record must not.
    const first = '{"name":"Ann","2024":12,"2023":{"q4":1,"10":2,"2":3},"big":12345678901234567890123}';
    const second = '{"name":"Bo","2024":13,"2023":{"q4":4,"10":5,"2":6},"big":1}';
    const fromJson = await deliver("json", `[${first},\n${second}]`, "json");
    expect(fromJson.received).toBe(`[${first},${second}]`);
    expect(fromJson.previewed).toEqual([fromJson.received]);

    sink.requests.length = 0;
    const fromNdjson = await deliver("json", `${second}\n${first}\n`, "ndjson");
    expect(fromNdjson.received).toBe(`[${second},${first}]`);

    sink.requests.length = 0;
    const fromCsv = await deliver("json", "name,2024,2023\nAnn,12,x\nBo,13,y\n", "csv");
    expect(fromCsv.received).toBe(
      '[{"name":"Ann","2024":"12","2023":"x"},{"name":"Bo","2024":"13","2023":"y"}]',
    );
  });
});

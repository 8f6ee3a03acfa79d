/**
 * Records go out as they came in: keys in the record's order, numbers byte for byte, in every
 * content format.
 */
import { describe, expect, it } from "vitest";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { parseJson } from "@/lib/json/exact-json";
import { buildRequests } from "./build-requests";
import { batching as batch, testContext as ctx, manualConfig } from "./test-config";

const TEXT =
  '{"uid":"u1","big":12345678901234567890123,"long":0.1000000000000000055511151231257827,"huge":1e400,"price":1.50,"user":{"plan":"pro","first_name":"Ann"}}';
const record = { id: "r1", data: parseJson(TEXT) as DataRecord };

async function bodyOf(config: Parameters<typeof buildRequests>[0]) {
  const { requests, problems } = await buildRequests(config, [record], ctx);
  expect(problems).toEqual([]);
  return requests[0]?.body;
}

describe("buildRequests sends records as written", () => {
  it("JSON, single and batched", async () => {
    expect(await bodyOf(manualConfig())).toBe(TEXT);
    expect(await bodyOf(manualConfig({ batching: batch({ envelopeKey: "items" }) }))).toBe(
      `{"items":[${TEXT}]}`,
    );
  });

  it("NDJSON", async () => {
    expect(await bodyOf(manualConfig({ contentFormat: "ndjson", batching: batch({}) }))).toBe(`${TEXT}\n`);
  });

  it("CSV, columns in the record's order", async () => {
    expect(await bodyOf(manualConfig({ contentFormat: "csv", batching: batch({}) }))).toBe(
      "uid,big,long,huge,price,user.plan,user.first_name\r\nu1,12345678901234567890123,0.1000000000000000055511151231257827,1e400,1.50,pro,Ann",
    );
  });

  it("XML, elements in the record's order", async () => {
    const body = await bodyOf(manualConfig({ contentFormat: "xml" }));
    expect(body).toContain(
      "<uid>u1</uid><big>12345678901234567890123</big><long>0.1000000000000000055511151231257827</long><huge>1e400</huge><price>1.50</price><user><plan>pro</plan><first_name>Ann</first_name></user>",
    );
  });

  it("form fields and URL placeholders", async () => {
    expect(await bodyOf(manualConfig({ contentFormat: "form" }))).toContain(
      "big=12345678901234567890123&long=0.1000000000000000055511151231257827&huge=1e400&price=1.50",
    );
    const { requests } = await buildRequests(
      manualConfig({ url: "https://api.example.com/items/{{record.big}}" }),
      [record],
      ctx,
    );
    expect(requests[0]?.url).toBe("https://api.example.com/items/12345678901234567890123");
  });

  it("a body template's placeholders and its own numbers", async () => {
    const body = await bodyOf(
      manualConfig({ bodyTemplate: '{"id":{{record.big}},"amount":{{record.price}},"fee":2.50}' }),
    );
    expect(body).toBe('{"id":12345678901234567890123,"amount":1.50,"fee":2.50}');
  });
});
